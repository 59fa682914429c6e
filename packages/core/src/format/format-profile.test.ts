import { describe, expect, it } from 'vitest'

import { displayNameSchema } from '../customer/customer-profile.ts'
import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { t } from '../i18n/locale.ts'
import { formatProfile, KNOWN_CHANNELS, KNOWN_TRAITS } from './format-profile.ts'
import { HOSTILE, joe, NOW, ZONE, loadAllLocales } from './test/fixtures.ts'

await loadAllLocales()

const MESSAGE_ID = /^(common|profile|timeline)\.[A-Za-z]/
const options = { locale: 'en', timeZone: ZONE, now: NOW }

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

describe('formatProfile in English (reviewed)', () => {
  const card = formatProfile(joe(), options)

  it('names the customer, with no hint for a real name', () => {
    expect(card.name).toBe('Joe Bloggs')
    expect(card).not.toHaveProperty('nameHint')
  })

  it('lists identities, finding-ids first, anonymous ids shortened', () => {
    expect(card.identities).toEqual({
      title: 'Identities',
      empty: '',
      rows: [
        { key: 'email', label: 'Email', value: 'joe.bloggs@intilery.com' },
        { key: 'userId', label: 'User ID', value: 'usr_joe' },
        { key: 'id', label: 'Intilery ID', value: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe' },
        { key: 'externalId', label: 'External ID', value: 'CRM-0000042' },
        { key: 'phone', label: 'Phone', value: '+44111222333444' },
        { key: 'anonymousId', label: 'Anonymous ID', value: 'anon-1, anon-2, anon-3, and 2 more' },
      ],
    })
  })

  it('puts known traits first with labels, then the others by key, skipping empty values', () => {
    expect(card.traits.rows).toEqual([
      { key: 'organisation', label: 'Organisation', value: 'Intilery' },
      { key: 'industry', label: 'Industry', value: 'Other' },
      { key: 'website', label: 'Website', value: 'www.intilery.com' },
      { key: 'address', label: 'address', value: '{"city":"London"}' },
      { key: 'alpha', label: 'alpha', value: '42.5' },
      { key: 'newsletter', label: 'newsletter', value: 'No' },
      { key: 'tags', label: 'tags', value: 'vip, beta, and 7' },
      { key: 'zeta', label: 'zeta', value: 'last' },
    ])
    expect(card.computed.rows).toEqual([
      { key: 'favourite_category', label: 'favourite_category', value: 'shoes' },
      {
        key: 'number_email_delivered_all_time',
        label: 'number_email_delivered_all_time',
        value: '9',
      },
    ])
  })

  it('shows audiences by readable name, dynamic and static apart', () => {
    expect(card.audiences).toEqual({
      title: 'Audiences',
      dynamic: { label: 'Dynamic', names: ['2 days'] },
      static: { label: 'Static', names: ['Board'] },
      empty: 'Not in any audience.',
    })
  })

  it('lists consent per channel, known channels in Intilery’s order, unknown ones after', () => {
    expect(card.consent.title).toBe('Marketing consent')
    expect(card.consent.rows.map((row) => [row.label, row.status])).toEqual([
      ['Email', 'Subscribed'],
      ['SMS', 'Subscribed'],
      ['WhatsApp', 'Unsubscribed'],
      ['Facebook', 'Unsubscribed'],
      ['Push', 'Unsubscribed'],
      ['carrier_pigeon', 'Subscribed'],
    ])
  })

  it('gives first seen and last active as absolute and relative times', () => {
    expect(card.activity).toEqual({
      title: 'Activity',
      firstSeen: {
        label: 'First seen',
        time: 'Oct 20, 2020, 3:49 PM',
        relative: '6 years ago',
        text: 'Oct 20, 2020, 3:49 PM (6 years ago)',
      },
      lastActive: {
        label: 'Last active',
        time: 'Nov 22, 2026, 12:58 PM',
        relative: '1 minute ago',
        text: 'Nov 22, 2026, 12:58 PM (1 minute ago)',
      },
    })
  })
})

describe('formatProfile edge cases', () => {
  it.each([
    ['email', '(from email)'],
    ['userId', '(from user ID)'],
    ['externalId', '(from external ID)'],
    ['id', '(from Intilery ID)'],
  ] as const)('hints where a %s name came from', (source, hint) => {
    const card = formatProfile(joe({ name: { text: 'x', source } }), options)
    expect(card.nameHint).toBe(hint)
  })

  it('has a hint message for every name source but `name`', () => {
    const sources = displayNameSchema.shape.source.options.filter((s) => s !== 'name')
    for (const source of sources) {
      expect(t('en', `profile.nameSource.${source}`)).not.toBe(`profile.nameSource.${source}`)
    }
  })

  it('has a label for every known trait and channel', () => {
    for (const key of KNOWN_TRAITS) expect(t('en', `profile.trait.${key}`)).not.toMatch(MESSAGE_ID)
    for (const key of KNOWN_CHANNELS)
      expect(t('en', `profile.channel.${key}`)).not.toMatch(MESSAGE_ID)
  })

  it('gives empty texts for an empty profile', () => {
    const {
      firstSeen: _first,
      lastActive: _last,
      ...bare
    } = joe({
      traits: {},
      computed: {},
      audiences: { dynamic: [], static: [] },
      consent: [],
      anonymousIds: [],
      emails: [],
    })
    const card = formatProfile(bare, options)
    expect([card.traits.rows, card.computed.rows, card.consent.rows]).toEqual([[], [], []])
    expect([card.traits.empty, card.computed.empty, card.consent.empty]).toEqual([
      'No traits recorded.',
      'No computed traits.',
      'No consent recorded.',
    ])
    expect(card.activity).toEqual({ title: 'Activity' })
  })

  it('keeps hostile data verbatim and truncates long values', () => {
    const card = formatProfile(
      joe({
        name: { text: HOSTILE.html, source: 'name' },
        traits: { [HOSTILE.markdownLink]: HOSTILE.lineBreaks, long: HOSTILE.long },
        audiences: { dynamic: [{ id: 'a', name: HOSTILE.markdownImage }], static: [] },
      }),
      { ...options, maxValueLength: 60 }
    )
    expect(card.name).toBe(HOSTILE.html)
    expect(card.traits.rows).toEqual([
      { key: HOSTILE.markdownLink, label: HOSTILE.markdownLink, value: HOSTILE.lineBreaks },
      { key: 'long', label: 'long', value: `${'x'.repeat(59)}…` },
    ])
    expect(card.audiences.dynamic.names).toEqual([HOSTILE.markdownImage])
  })

  it('shortens very long trait lists before formatting them', () => {
    const card = formatProfile(
      joe({ traits: { ids: Array.from({ length: 10_000 }, (_, i) => i) } }),
      options
    )
    expect(card.traits.rows[0]?.value).toMatch(/^0, 1, 2, .* 49, and 9,950 more$/)
    const short = formatProfile(joe({ traits: { ids: Array.from({ length: 60 }, (_, i) => i) } }), {
      ...options,
      maxValueLength: 1000,
    })
    expect(short.traits.rows[0]?.value).toMatch(/48, 49, and 10 more$/)
  })
})

describe.each(SUPPORTED_LOCALES)('formatProfile in %s', (locale) => {
  const card = formatProfile(joe({ name: { text: 'joe@example.com', source: 'email' } }), {
    locale,
    timeZone: ZONE,
    now: NOW,
  })

  it('localises every label and keeps data', () => {
    expect(card.nameHint).toBe(t(locale, 'profile.nameSource.email'))
    expect(card.identities.title).toBe(t(locale, 'profile.section.identities'))
    expect(card.identities.rows[0]).toEqual({
      key: 'email',
      label: t(locale, 'profile.identity.email'),
      value: 'joe.bloggs@intilery.com',
    })
    expect(card.traits.rows[0]).toEqual({
      key: 'organisation',
      label: t(locale, 'profile.trait.organisation'),
      value: 'Intilery',
    })
    expect(card.consent.rows[2]).toEqual({
      channel: 'whatsapp',
      label: t(locale, 'profile.channel.whatsapp'),
      status: t(locale, 'profile.consent.unsubscribed'),
      subscribed: false,
    })
    expect(card.activity.lastActive?.relative).toBe(
      new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'minute')
    )
    expect(card.activity.lastActive?.text).toBe(
      t(locale, 'common.timeWithRelative', {
        time: card.activity.lastActive?.time ?? '',
        relative: card.activity.lastActive?.relative ?? '',
      })
    )
  })

  it('emits no unknown message id and creates no markup', () => {
    const all = strings(card)
    expect(all.filter((text) => MESSAGE_ID.test(text))).toEqual([])
    expect(all.filter((text) => /[<>]/.test(text))).toEqual([])
  })
})
