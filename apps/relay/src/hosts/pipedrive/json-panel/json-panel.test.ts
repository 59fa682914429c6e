import {
  loadLocale,
  normalizeProfiles,
  toTimeline,
  type CustomerContext,
  type ProfileEvent,
} from '@intilery-connect/core'
import { beforeAll, describe, expect, it } from 'vitest'

import { jsonPanel, type JsonPanelOptions } from './json-panel.ts'
import { fit, MAX_LABEL, MAX_TEXT, safePanel } from './panel-objects.ts'
import type { Subject } from '../resolve-subject.ts'

const NOW = Date.parse('2026-11-22T12:00:00Z')
const OPTIONS: JsonPanelOptions = {
  profileUrl: 'https://demo.demo.intilery.com/customers',
  pipedriveUrl: 'https://acme.pipedrive.com',
  now: NOW,
  locale: [],
}
const PERSON: Subject = {
  resource: 'person',
  id: 7,
  emails: ['a@b.example'],
  people: [{ id: 7, name: 'Ann', emails: ['a@b.example'] }],
}

beforeAll(() => loadLocale('de'))

/** Customers from a meta answer with these traits at their top level, where Intilery puts them. */
function contextWith(
  traits: Record<string, unknown>,
  options: { readonly events?: ProfileEvent[]; readonly profiles?: number } = {}
): CustomerContext {
  const meta = Array.from({ length: options.profiles ?? 1 }, (_, i) => ({
    id: `p-${i + 1}`,
    ...traits,
  }))
  const profiles = normalizeProfiles({ meta })
  return {
    match: profiles.length > 1 ? 'many' : 'one',
    profiles,
    timeline: { entries: toTimeline(options.events ?? []) },
    fetchedAt: '',
    stale: false,
  }
}

const order = (id: string, at: string, total: number): ProfileEvent => ({
  eventId: id,
  eventTime: at,
  eventAction: 'order_completed',
  rawData: {
    type: 'track',
    event: 'Order Completed',
    properties: { order_id: `HP-${id}`, total, currency: 'GBP', products: [{ quantity: 2 }] },
  },
})

describe('fit', () => {
  it('keeps short text, cuts long text between code points with an ellipsis', () => {
    expect(fit('  Joe \n Bloggs ', 20)).toBe('Joe Bloggs')
    // 127 whole emoji (254 UTF-16 units) and the ellipsis: 255, no half of a surrogate pair.
    expect(fit('😀'.repeat(200), MAX_TEXT)).toBe(`${'😀'.repeat(127)}…`)
  })
})

describe('the JSON panel mapping', () => {
  it('fits over-long values and many audiences within Pipedrive’s limits', () => {
    const long = 'x'.repeat(5_000)
    const audiences = Array.from({ length: 20 }, (_, i) => `audience_${'long_name_'.repeat(8)}${i}`)
    const context = contextWith({ firstName: long, email: 'a@b.example', audiences })
    const [profile] = jsonPanel(PERSON, { email: 'a@b.example', context }, OPTIONS).data
    expect(profile?.header).toBe(`${'x'.repeat(MAX_TEXT - 1)}…`)
    // The first 12 of 20 audiences, each name cut to Pipedrive's label length.
    const label = 'Long name long name long name long name…'
    expect(label).toHaveLength(MAX_LABEL)
    expect(profile?.audiences).toEqual(Array.from({ length: 12 }, () => label))
  })

  it('leads with the commercial facts: money with its currency, counts, dates', () => {
    const context = contextWith({
      email: 'a@b.example',
      computed: {},
    })
    const withFacts = {
      ...context,
      profiles: context.profiles.map((p) => ({
        ...p,
        computed: {
          lifetime_value_gbp: 1234.5,
          orders_count: 12,
          churn_risk: 'low',
          last_order_date: '2026-11-03T10:00:00Z',
        },
      })),
    }
    const [profile] = jsonPanel(PERSON, { email: 'a@b.example', context: withFacts }, OPTIONS).data
    const facts = profile?.facts ?? ''
    expect(facts).toMatch(/^Lifetime value: £1,234\.50 · /)
    expect(facts).toContain(': 12 · ')
    expect(facts).toContain('Nov 3, 2026')
    expect(Object.keys(profile ?? {}).slice(0, 3)).toEqual(['id', 'header', 'facts'])
  })

  it('shows orders with their id and their total as Pipedrive’s currency type', () => {
    const context = contextWith(
      { email: 'a@b.example' },
      {
        events: [order('2', '2026-11-20T10:00:00Z', 95.97), order('1', '2026-11-01T10:00:00Z', 20)],
      }
    )
    const [, newest, older] = jsonPanel(PERSON, { email: 'a@b.example', context }, OPTIONS).data
    expect(newest).toMatchObject({
      header: 'Placed an order: £95.97',
      order_id: 'HP-2',
      value: { code: 'GBP', value: 95.97 },
      event_time: '2026-11-20T10:00:00.000Z',
    })
    // The order id is not repeated among the details.
    expect(newest?.details ?? '').not.toContain('HP-2')
    expect(older).toMatchObject({ order_id: 'HP-1', value: { code: 'GBP', value: 20 } })
  })

  it('counts customers sharing the email and links to the person, where the rep chooses', () => {
    const context = contextWith({ email: 'a@b.example' }, { profiles: 3 })
    const [profile] = jsonPanel(PERSON, { email: 'a@b.example', context }, OPTIONS).data
    expect(profile?.note).toBe(
      '3 Intilery customers share this email: this is the most recently active.'
    )
    expect(profile?.pipedrive_link).toEqual({
      label: 'Choose one in the Intilery panel',
      value: 'https://acme.pipedrive.com/person/7',
      external: true,
    })
  })

  it('speaks the viewer’s language: words, consent and money', () => {
    const context = contextWith({
      email: 'a@b.example',
      marketingPreferences: { email: { subscribed: true } },
    })
    const german = jsonPanel(
      PERSON,
      { email: 'a@b.example', context: contextWith({ email: 'a@b.example' }, { profiles: 2 }) },
      { ...OPTIONS, locale: ['de-DE', 'en'] }
    )
    expect(german.data[0]?.note).toContain('2 Intilery-Kunden teilen diese E-Mail-Adresse')
    expect(german.external_link?.label).toBe('In Intilery öffnen')
    expect(
      jsonPanel(PERSON, { email: 'a@b.example', context }, { ...OPTIONS, locale: ['zh'] })
        .external_link?.label
    ).toBe('Open in Intilery')
  })
})

describe('typed fields', () => {
  it('carry only a plausible email and phone, so an odd value cannot break the panel', () => {
    const context = contextWith({
      email: 'bobby+<svg/onload=alert(1)>@example.com',
      phone: 'call me <b>maybe</b>',
    })
    const [profile] = jsonPanel(PERSON, { email: 'x@y.example', context }, OPTIONS).data
    expect(profile?.email).toBeUndefined()
    expect(profile?.phone).toBeUndefined()
    // The same fields with plausible values are carried.
    const plain = contextWith({ email: 'a@b.example', phone: '+44 20 7946 0000' })
    expect(
      jsonPanel(PERSON, { email: 'a@b.example', context: plain }, OPTIONS).data[0]
    ).toMatchObject({ email: 'a@b.example', phone: '+44 20 7946 0000' })
  })
})

describe('bidi controls', () => {
  it('are neutralised in every string of the panel', () => {
    const bidi = 'invoice\u202Efdp.exe \u2066x\u2069'
    const context = contextWith(
      { firstName: bidi, email: 'a@b.example', userId: bidi, audiences: [bidi] },
      { events: [{ ...order('1', '2026-11-01T10:00:00Z', 5), eventAction: bidi }] }
    )
    const panel = jsonPanel(PERSON, { email: 'a@b.example', context }, OPTIONS)
    expect(JSON.stringify(panel)).toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    const safe = JSON.stringify(safePanel(panel))
    expect(safe).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(safe).toContain('invoice\uFFFDfdp.exe')
  })
})

describe('the tenant’s display', () => {
  it('names the facts, their labels and currency, and the customer’s own record', () => {
    const context = contextWith({ email: 'a@b.example', spend: 10 })
    const panel = jsonPanel(
      PERSON,
      { email: 'a@b.example', context },
      {
        ...OPTIONS,
        locale: ['de'],
        recordUrl: 'https://demo.demo.intilery.com/customers/{id}',
        presentation: {
          header: [{ trait: 'spend', label: { en: 'Spend', de: 'Umsatz' }, currency: 'EUR' }],
        },
      }
    )
    expect(panel.data[0]?.facts).toBe('Umsatz: 10,00\u00a0€')
    expect(panel.data[0]?.profile_link?.value).toBe('https://demo.demo.intilery.com/customers/p-1')
    expect(panel.external_link?.url).toBe('https://demo.demo.intilery.com/customers/p-1')
  })
})
