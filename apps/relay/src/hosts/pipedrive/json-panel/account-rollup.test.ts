import { loadLocale, normalizeProfiles, type CustomerProfile } from '@intilery-connect/core'
import { beforeAll, describe, expect, it } from 'vitest'

import { accountPanel, totalsByCurrency } from './account-rollup.ts'
import type { JsonPanelOptions } from './json-panel.ts'
import type { KnownPerson } from './people-lookup.ts'
import type { Subject, SubjectPerson } from '../resolve-subject.ts'

const OPTIONS: JsonPanelOptions = {
  profileUrl: 'https://demo.demo.intilery.com/customers',
  pipedriveUrl: 'https://acme.pipedrive.com',
  now: Date.parse('2026-11-22T12:00:00Z'),
  locale: [],
}

beforeAll(() => loadLocale('fr'))

const person = (id: number, name: string): SubjectPerson => ({
  id,
  name,
  emails: [`p${id}@example.com`],
})

function profile(computed: CustomerProfile['computed'], lastActive: string): CustomerProfile {
  const [made] = normalizeProfiles({ meta: [{ id: `c-${lastActive}` }] })
  if (made === undefined) throw new Error('no profile')
  return { ...made, computed, lastActive }
}

function known(p: SubjectPerson, ...profiles: CustomerProfile[]): KnownPerson {
  return { person: p, email: p.emails[0] ?? '', profiles }
}

const people = [person(2, 'Sam Taylor'), person(3, 'Zoë Çelik'), person(4, 'Walk-in')]
const org = (more = false): Subject => ({
  resource: 'organization',
  id: 2,
  emails: [],
  people,
  morePeople: more,
})

describe('an organization’s account roll-up', () => {
  it('counts the people Intilery knows, sums their value, names each and links to them', () => {
    const sam = known(
      people[0] as SubjectPerson,
      profile({ lifetime_value_gbp: 100.1 }, '2026-11-20T10:00:00Z'),
      profile({}, '2026-10-01T10:00:00Z')
    )
    const zoe = known(
      people[1] as SubjectPerson,
      profile({ lifetime_value_gbp: 200.2 }, '2026-11-21T09:00:00Z')
    )
    const { data } = accountPanel(org(), [sam, zoe], OPTIONS)
    expect(data[0]).toEqual({
      id: 1,
      header: 'Account overview',
      facts: '2 of 3 people known to Intilery',
      value: { code: 'GBP', value: 300.3 },
      people: 'Sam Taylor and Zoë Çelik',
      last_active: '2026-11-21T09:00:00.000Z',
    })
    expect(data.slice(1)).toMatchObject([
      {
        id: 2,
        header: 'Sam Taylor',
        value: { code: 'GBP', value: 100.1 },
        note: '2 Intilery customers share this email: this is the most recently active.',
        pipedrive_link: {
          label: 'Choose one in the Intilery panel',
          value: 'https://acme.pipedrive.com/person/2',
          external: true,
        },
      },
      {
        id: 3,
        header: 'Zoë Çelik',
        pipedrive_link: {
          label: 'Open in Pipedrive',
          value: 'https://acme.pipedrive.com/person/3',
        },
      },
    ])
  })

  it('keeps currencies apart, and says when only the first people were looked up', () => {
    const a = known(
      people[0] as SubjectPerson,
      profile({ total_spend: 10, total_spend_currency: 'EUR' }, '2026-11-20T10:00:00Z')
    )
    const b = known(
      people[1] as SubjectPerson,
      profile({ lifetime_value_gbp: 5 }, '2026-11-19T10:00:00Z')
    )
    const [account] = accountPanel(org(true), [a, b], OPTIONS).data
    expect(account?.value).toBeUndefined()
    expect(account?.details).toBe('Total value: €10.00 and £5.00')
    expect(account?.note).toBe('Only the first 3 people of this organization were checked.')
  })

  it('says "the first person" for one, in every language’s own grammar', () => {
    const single: Subject = { ...org(true), people: [person(2, 'Sam')] }
    expect(accountPanel(single, [], OPTIONS).data[0]).toMatchObject({
      facts: '0 of 1 person known to Intilery',
      note: 'Only the first person of this organization was checked.',
    })
    expect(accountPanel(single, [], { ...OPTIONS, locale: ['fr'] }).data[0]).toMatchObject({
      header: 'Vue d’ensemble du compte',
      note: 'Seule la première personne de cette organisation a été vérifiée.',
    })
  })

  it('sums cents exactly', () => {
    expect(
      totalsByCurrency([
        { code: 'GBP', value: 0.1 },
        { code: 'GBP', value: 0.2 },
      ])
    ).toEqual([{ code: 'GBP', value: 0.3 }])
  })

  it('sums the money fact the tenant’s presentation names', () => {
    const a = known(people[0] as SubjectPerson, profile({ spend: 10 }, '2026-11-20T10:00:00Z'))
    const b = known(people[1] as SubjectPerson, profile({ spend: 2.5 }, '2026-11-19T10:00:00Z'))
    const presentation = { header: [{ trait: 'spend', currency: 'EUR' }] }
    const { data } = accountPanel(org(), [a, b], { ...OPTIONS, presentation })
    expect(data[0]?.value).toEqual({ code: 'EUR', value: 12.5 })
    expect(data[1]?.facts).toBe('Spend: €10.00')
  })
})
