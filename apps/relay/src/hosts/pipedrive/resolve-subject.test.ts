import { describe, expect, it } from 'vitest'

import type { PipedriveCrm, PipedrivePerson } from './api/pipedrive-port.ts'
import { ORGANIZATION_PEOPLE, ORGANIZATION_PERSONS, resolveSubject } from './resolve-subject.ts'

const person = (id: number, emails: string[]): PipedrivePerson => ({
  id,
  name: `Person ${id}`,
  org_id: 1,
  emails: emails.map((value, i) => ({ value, primary: i === emails.length - 1 })),
})

/** A CRM whose organization has `count` people, each with one email, and says whether it has more. */
function crmWith(count: number, more: boolean): PipedriveCrm & { limits: number[] } {
  const limits: number[] = []
  return {
    limits,
    me: () => Promise.reject(new Error('unused')),
    person: (id) => Promise.resolve(person(id, [`p${id}@example.com`])),
    deal: () => Promise.resolve(undefined),
    personsOfOrganization: (_id, limit) => {
      limits.push(limit)
      const all = Array.from({ length: count }, (_, i) => person(i + 1, [`p${i + 1}@example.com`]))
      return Promise.resolve({ persons: all.slice(0, limit), more })
    },
    addNote: () => Promise.reject(new Error('unused')),
    webhooks: {
      list: () => Promise.reject(new Error('unused')),
      add: () => Promise.reject(new Error('unused')),
      remove: () => Promise.reject(new Error('unused')),
    },
    stageDirectory: () => Promise.reject(new Error('unused')),
  }
}

describe('an organization’s subject', () => {
  it('reads its first people in one call: the first few give the emails, all are named', async () => {
    const crm = crmWith(ORGANIZATION_PEOPLE, true)
    const subject = await resolveSubject(crm, 'organization', 1)
    expect(crm.limits).toEqual([ORGANIZATION_PEOPLE])
    expect(subject.emails).toHaveLength(ORGANIZATION_PERSONS)
    expect(subject.persons).toEqual({ shown: ORGANIZATION_PERSONS, more: true })
    expect(subject.people?.map((p) => p.id)).toEqual(
      Array.from({ length: ORGANIZATION_PEOPLE }, (_, i) => i + 1)
    )
    expect(subject.morePeople).toBe(true)
  })

  it('has more people than the custom panel looked at even when Pipedrive has no more', async () => {
    const subject = await resolveSubject(crmWith(5, false), 'organization', 1)
    expect(subject.persons).toEqual({ shown: ORGANIZATION_PERSONS, more: true })
    expect(subject.morePeople).toBe(false)
    expect(subject.people).toHaveLength(5)
  })

  it('names a person with their emails, primary first', async () => {
    const crm = crmWith(0, false)
    crm.person = (id) => Promise.resolve(person(id, ['home@example.com', 'work@example.com']))
    const subject = await resolveSubject(crm, 'person', 9)
    expect(subject.people).toEqual([
      { id: 9, name: 'Person 9', emails: ['work@example.com', 'home@example.com'] },
    ])
  })
})
