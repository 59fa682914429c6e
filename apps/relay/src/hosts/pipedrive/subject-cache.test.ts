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
/** A company's admin, the reader of the single-user tests. */
const joeViewer = (companyId: string) => ({ companyId, userId: '2001' })

describe('the subject cache', () => {
  it('asks Pipedrive once per company, user and record while the answer is fresh', async () => {
    const { crm, calls } = countingCrm({ 1: joe })
    const cache = createSubjectCache()
    await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    const again = await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    expect(again.emails).toEqual(['joe@example.com'])
    expect(calls.person).toBe(1)
    await cache.resolve(joeViewer('1002'), crm, 'person', 1)
    expect(calls.person).toBe(2)
  })

  it('asks again once the answer is a minute old', async () => {
    const { crm, calls } = countingCrm({ 1: joe })
    const clock = { ms: 1_000_000 }
    const cache = createSubjectCache({ now: () => clock.ms })
    await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    clock.ms += 61_000
    await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    expect(calls.person).toBe(2)
  })

  it('keeps each user’s answer to that user: a record Pipedrive hides from B never reaches B', async () => {
    const forA = countingCrm({ 1: joe })
    // Pipedrive answers 403 to B for Joe, which the client reads as "no such person" for B.
    const forB = countingCrm({})
    const cache = createSubjectCache()
    const seen = await cache.resolve({ companyId: '1001', userId: '2001' }, forA.crm, 'person', 1)
    expect(seen.emails).toEqual(['joe@example.com'])
    const hidden = await cache.resolve({ companyId: '1001', userId: '2002' }, forB.crm, 'person', 1)
    expect(hidden).toEqual({ resource: 'person', id: 1, emails: [], reason: 'not_found' })
    expect(forB.calls.person).toBe(1)
  })

  it('forgets every user’s answers when the company is forgotten', async () => {
    const a = countingCrm({ 1: joe })
    const b = countingCrm({ 1: joe })
    const cache = createSubjectCache()
    const userA = { companyId: '1001', userId: '2001' }
    const userB = { companyId: '1001', userId: '2002' }
    const other = { companyId: '10010', userId: '2001' }
    await cache.resolve(userA, a.crm, 'person', 1)
    await cache.resolve(userB, b.crm, 'person', 1)
    await cache.resolve(other, a.crm, 'person', 1)
    cache.forgetCompany('1001')
    await cache.resolve(userA, a.crm, 'person', 1)
    await cache.resolve(userB, b.crm, 'person', 1)
    await cache.resolve(other, a.crm, 'person', 1)
    // A and B ask again; company 10010 (whose id starts with 1001) was not forgotten.
    expect(a.calls.person).toBe(3)
    expect(b.calls.person).toBe(2)
  })

  it('keeps no answer without emails, and forgets a company on request', async () => {
    const { crm, calls } = countingCrm({ 1: joe, 4: walkIn })
    const cache = createSubjectCache()
    await cache.resolve(joeViewer('1001'), crm, 'person', 4)
    await cache.resolve(joeViewer('1001'), crm, 'person', 4)
    expect(calls.person).toBe(2)
    await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    cache.forgetCompany('1001')
    await cache.resolve(joeViewer('1001'), crm, 'person', 1)
    expect(calls.person).toBe(4)
  })
})
