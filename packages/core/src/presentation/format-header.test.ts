import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { joe, loadAllLocales, NOW, ZONE } from '../format/test/fixtures.ts'
import { formatHeader, type FormattedHeader } from './format-header.ts'
import type { Presentation } from './presentation-settings.ts'

await loadAllLocales()

const options = { locale: 'en', timeZone: ZONE, now: NOW }

/** The computed traits the sandbox (and Intilery) compute, as a shopper has them. */
export const SHOPPER_COMPUTED = {
  number_email_delivered_all_time: 42,
  number_email_opened_all_time: 17,
  number_email_clicked_all_time: 5,
  number_email_opened_30_days: 3,
  pages_viewed_30_days: 28,
  orders_count: 7,
  total_spend: 1234.5,
  total_spend_currency: 'EUR',
  lifetime_value_gbp: 1063.2,
  average_order_value: 176.36,
  last_order_date: '2026-11-21T20:15:00.000Z',
  favorite_category: 'Footwear',
  recently_viewed_not_purchased: ['sku-1', 'sku-2'],
  days_since_last_seen: 0,
  churn_risk: 'low',
}

const shopper = (overrides: Parameters<typeof joe>[0] = {}) =>
  joe({ computed: SHOPPER_COMPUTED, ...overrides })

/** Every string in a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

/** What the agent reads as words: every string but keys, ids and copy values. */
function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(words)
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      ['key', 'id', 'channel', 'copy', 'kind'].includes(key) ? [] : words(item)
    )
  return typeof value === 'string' ? [value] : []
}

/** The header's words; the identities' values are left out (ids are data: `usr_joe` is no key). */
const visible = (header: FormattedHeader) =>
  words({ ...header, identities: header.identities.rows.map((row) => row.label) })

const SNAKE = /\b[a-z]+(?:_[a-z0-9]+)+\b/

describe('formatHeader with the default settings', () => {
  const header = formatHeader(shopper(), undefined, options)

  it('says who, since when and how recently', () => {
    expect(header.name).toBe('Joe Bloggs')
    expect(header.email).toBe('joe.bloggs@intilery.com')
    expect(header.since).toBe('Customer since Oct 2020')
    expect(header.active).toEqual({
      text: 'Active 1 minute ago',
      time: 'Nov 22, 2026, 12:58 PM',
    })
  })

  it('leads with lifetime value, orders, churn risk and last order, formatted as values', () => {
    expect(header.facts).toEqual({
      title: 'Key facts',
      rows: [
        { key: 'lifetime_value_gbp', label: 'Lifetime value', value: '£1,063.20' },
        { key: 'orders_count', label: 'Orders', value: '7' },
        { key: 'churn_risk', label: 'Churn risk', value: 'Low' },
        { key: 'last_order_date', label: 'Last order', value: 'Nov 21, 2026' },
      ],
    })
  })

  it('shows the rest as humanised rows: money with its currency, product ids as names', () => {
    const names = new Map([['sku-1', 'Trail Runner 2']])
    const more = formatHeader(shopper(), undefined, { ...options, productNames: names }).more
    expect(more.computed.rows).toEqual([
      { key: 'number_email_delivered_all_time', label: 'Emails delivered (all time)', value: '42' },
      { key: 'number_email_opened_all_time', label: 'Emails opened (all time)', value: '17' },
      { key: 'number_email_clicked_all_time', label: 'Emails clicked (all time)', value: '5' },
      { key: 'number_email_opened_30_days', label: 'Emails opened (30 days)', value: '3' },
      { key: 'pages_viewed_30_days', label: 'Pages viewed (30 days)', value: '28' },
      { key: 'total_spend', label: 'Total spend', value: '€1,234.50' },
      { key: 'average_order_value', label: 'Average order value', value: '€176.36' },
      { key: 'favorite_category', label: 'Favourite category', value: 'Footwear' },
      {
        key: 'recently_viewed_not_purchased',
        label: 'Viewed, not bought',
        value: 'Trail Runner 2 and sku-2',
      },
      { key: 'days_since_last_seen', label: 'Days since last seen', value: '0' },
    ])
    // The currency is shown with its amount, never as a row of its own.
    expect(more.computed.rows.map((row) => row.key)).not.toContain('total_spend_currency')
    expect(more.title).toBe(`All traits (${more.traits.rows.length + more.computed.rows.length})`)
  })

  it('humanises standard traits too, nested keys included', () => {
    expect(header.more.traits.rows).toEqual([
      { key: 'organisation', label: 'Organisation', value: 'Intilery' },
      { key: 'industry', label: 'Industry', value: 'Other' },
      { key: 'website', label: 'Website', value: 'www.intilery.com' },
      { key: 'address', label: 'Address', value: 'City: London' },
      { key: 'alpha', label: 'Alpha', value: '42.5' },
      { key: 'newsletter', label: 'Newsletter', value: 'No' },
      { key: 'tags', label: 'Tags', value: 'vip, beta, and 7' },
      { key: 'zeta', label: 'Zeta', value: 'last' },
    ])
  })

  it('lists identities once each, with the whole value to copy', () => {
    const same = formatHeader(
      shopper({ userId: joe().id, externalId: 'joe.bloggs@intilery.com', anonymousIds: ['a1'] }),
      undefined,
      options
    )
    expect(same.identities.rows).toEqual([
      {
        key: `id+userId:${joe().id}`,
        label: 'Intilery ID and User ID',
        value: joe().id,
        copy: joe().id,
      },
      {
        key: 'externalId+email:joe.bloggs@intilery.com',
        label: 'External ID and Email',
        value: 'joe.bloggs@intilery.com',
        copy: 'joe.bloggs@intilery.com',
      },
      {
        key: 'phone:+44111222333444',
        label: 'Phone',
        value: '+44111222333444',
        copy: '+44111222333444',
      },
      { key: 'anonymousId:a1', label: 'Anonymous ID', value: 'a1', copy: 'a1' },
    ])
    expect(header.identities.rows.at(-1)).toEqual({
      key: 'anonymousId:more',
      label: 'Anonymous ID',
      value: '2 more',
    })
  })

  it('has audience and consent chips, unknown channels in words', () => {
    expect(header.audiences.chips).toEqual([
      { id: 'audience_2_days', name: '2 days', kind: 'dynamic' },
      { id: 'audience_board', name: 'Board', kind: 'static' },
    ])
    expect(header.consent.rows.map((row) => row.label)).toEqual([
      'Email',
      'SMS',
      'WhatsApp',
      'Facebook',
      'Push',
      'Carrier pigeon',
    ])
  })

  it('shows no raw snake_case key anywhere', () => {
    expect(visible(header).filter((text) => SNAKE.test(text))).toEqual([])
  })

  it('skips the email line when the name is the email, and facts the customer lacks', () => {
    const bare = formatHeader(
      joe({
        name: { text: 'joe.bloggs@intilery.com', source: 'email' },
        computed: { orders_count: 0 },
      }),
      undefined,
      options
    )
    expect(bare).not.toHaveProperty('email')
    expect(bare.nameHint).toBe('(from email)')
    expect(bare.facts.rows).toEqual([{ key: 'orders_count', label: 'Orders', value: '0' }])
  })
})

describe('formatHeader with an admin presentation', () => {
  const presentation: Presentation = {
    header: [
      {
        trait: 'total_spend',
        label: { en: 'Spent', de: 'Ausgegeben' },
        currencyTrait: 'total_spend_currency',
      },
      { trait: 'average_order_value', format: 'money', currency: 'USD' },
      { trait: 'pages_viewed_30_days', label: 'Pages (month)', format: 'text' },
      { trait: 'conversion_rate', format: 'percent' },
      { trait: 'missing_trait' },
    ],
    pinned: ['favorite_category', 'organisation', 'not_there'],
    audienceNames: {
      audience_2_days: { en: 'Recent openers', de: 'Kürzlich geöffnet' },
      audience_board: 'The board',
    },
  }
  const profile = shopper({ computed: { ...SHOPPER_COMPUTED, conversion_rate: 0.125 } })

  it('shows the chosen facts in order, with their labels and formats', () => {
    const header = formatHeader(profile, presentation, options)
    expect(header.facts.rows).toEqual([
      { key: 'total_spend', label: 'Spent', value: '€1,234.50' },
      { key: 'average_order_value', label: 'Average order value', value: '$176.36' },
      { key: 'pages_viewed_30_days', label: 'Pages (month)', value: '28' },
      { key: 'conversion_rate', label: 'Conversion rate', value: '12.5%' },
    ])
  })

  it('pins the chosen traits in order and leaves them and the facts out of the rest', () => {
    const header = formatHeader(profile, presentation, options)
    expect(header.pinned.rows).toEqual([
      { key: 'favorite_category', label: 'Favourite category', value: 'Footwear' },
      { key: 'organisation', label: 'Organisation', value: 'Intilery' },
    ])
    const rest = [...header.more.traits.rows, ...header.more.computed.rows].map((row) => row.key)
    for (const key of ['favorite_category', 'organisation', 'total_spend', 'conversion_rate'])
      expect(rest).not.toContain(key)
    // Not a default fact now that the admin chose: it is one of the rows.
    expect(rest).toContain('lifetime_value_gbp')
  })

  it('labels and names in the viewer language, falling back to English', () => {
    const de = formatHeader(profile, presentation, { ...options, locale: 'de-AT' })
    expect(de.facts.rows[0]?.label).toBe('Ausgegeben')
    expect(de.facts.rows[1]?.label).toBe('Durchschnittlicher Bestellwert')
    expect(de.audiences.chips.map((chip) => chip.name)).toEqual(['Kürzlich geöffnet', 'The board'])
    const fr = formatHeader(profile, presentation, { ...options, locale: 'fr' })
    expect(fr.facts.rows[0]?.label).toBe('Spent')
  })
})

describe.each(SUPPORTED_LOCALES)('formatHeader in %s', (locale) => {
  const header = formatHeader(shopper(), undefined, { ...options, locale })

  it('emits no message ids and no raw keys', () => {
    const texts = visible(header)
    expect(texts.filter((text) => /^(common|profile|timeline)\.[A-Za-z]/.test(text))).toEqual([])
    expect(texts.filter((text) => SNAKE.test(text))).toEqual([])
    expect(strings(header.facts.rows).length).toBeGreaterThan(8)
  })
})
