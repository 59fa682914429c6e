import { describe, expect, it } from 'vitest'

import type { PipedriveCrm, PipedrivePerson } from './api/pipedrive-port.ts'
import { createSubjectCache } from './subject-cache.ts'

function countingCrm(persons: Record<number, PipedrivePerson>) {
  const calls = { person: 0 }
  const crm = {
    person: (id: number) => {
      calls.person++
      return Promise.resolve(persons[id])
    },
  } as unknown as PipedriveCrm
  return { crm, calls }
}

const joe: PipedrivePerson = {
  id: 1,
  name: 'Joe',
  emails: [{ value: 'joe@example.com', primary: true }],
}
const walkIn: PipedrivePerson = { id: 4, name: 'Walk-in', emails: [] }

describe('the subject cache', () => {
  it('asks Pipedrive once per company and record while the answer is fresh', async () => {
    const { crm, calls } = countingCrm({ 1: joe })
    const cache = createSubjectCache()
    await cache.resolve('1001', crm, 'person', 1)
    const again = await cache.resolve('1001', crm, 'person', 1)
    expect(again.emails).toEqual(['joe@example.com'])
    expect(calls.person).toBe(1)
    await cache.resolve('1002', crm, 'person', 1)
    expect(calls.person).toBe(2)
  })

  it('asks again once the answer is a minute old', async () => {
    const { crm, calls } = countingCrm({ 1: joe })
    const clock = { ms: 1_000_000 }
    const cache = createSubjectCache({ now: () => clock.ms })
    await cache.resolve('1001', crm, 'person', 1)
    clock.ms += 61_000
    await cache.resolve('1001', crm, 'person', 1)
    expect(calls.person).toBe(2)
  })

  it('keeps no answer without emails, and forgets a company on request', async () => {
    const { crm, calls } = countingCrm({ 1: joe, 4: walkIn })
    const cache = createSubjectCache()
    await cache.resolve('1001', crm, 'person', 4)
    await cache.resolve('1001', crm, 'person', 4)
    expect(calls.person).toBe(2)
    await cache.resolve('1001', crm, 'person', 1)
    cache.forgetCompany('1001')
    await cache.resolve('1001', crm, 'person', 1)
    expect(calls.person).toBe(4)
  })
})
