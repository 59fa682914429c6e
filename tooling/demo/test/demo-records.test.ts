// The records the demo prints (and the screenshots open) must be the customers they are named for.
import { demoTickets, pipedriveDataset, SEEDED } from '@intilery-connect/sandbox'
import { expect, it } from 'vitest'

import { DEMO_PIPEDRIVE } from '../src/pipedrive-demo.ts'

const data = pipedriveDataset()
const emailsOf = (personId: number) =>
  data.persons.find((p) => p.id === personId)?.emails.map((e) => e.value) ?? []

it('names Pipedrive persons that carry the emails of the customers they are for', () => {
  expect(emailsOf(DEMO_PIPEDRIVE.joePersonId)).toContain(SEEDED.joeBloggs.email)
  expect(emailsOf(DEMO_PIPEDRIVE.sharedEmailPersonId)).toContain(SEEDED.sharedEmail)
  expect(emailsOf(DEMO_PIPEDRIVE.hostilePersonId)).toContain(SEEDED.hostile.email)
  expect(emailsOf(DEMO_PIPEDRIVE.highValuePersonId)).toContain(SEEDED.highValue.email)
  expect(data.deals.find((d) => d.id === DEMO_PIPEDRIVE.highValueDealId)?.person_id).toBe(
    DEMO_PIPEDRIVE.highValuePersonId
  )
  expect(data.deals.find((d) => d.id === DEMO_PIPEDRIVE.joeDealId)).toMatchObject({
    person_id: DEMO_PIPEDRIVE.joePersonId,
    status: 'open',
    value: 12000,
    currency: 'GBP',
  })
})

it('names an organization with several people Intilery knows, and one it does not', () => {
  const known = new Set<string>([SEEDED.highValue.email, ...SEEDED.unicodeCast.map((c) => c.email)])
  const people = data.persons.filter((p) => p.org_id === DEMO_PIPEDRIVE.accountOrgId)
  const knownPeople = people.filter((p) => p.emails.some((e) => known.has(e.value)))
  expect(knownPeople.length).toBeGreaterThanOrEqual(3)
  expect(knownPeople.length).toBeLessThan(people.length)
})

it('has ticket 106 for the high-value shopper', () => {
  const ticket = demoTickets().find((t) => t.id === 106)
  expect(ticket?.subject).toBe('Upgrade my order')
  expect(ticket?.requester.email).toBe(SEEDED.highValue.email)
})
