// The timeline builder (src/timeline) and this renderer together: every message id the builder
// emits for a realistic mix of events renders in every locale, and the renderer's day keys agree
// with the builder's day groups in any zone.
import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { groupByDay } from '../timeline/group-by-day.ts'
import { toTimeline } from '../timeline/to-timeline.ts'
import { formatTimeline, type FormattedEntry } from './format-timeline.ts'
import { HOSTILE, NOW, loadAllLocales } from './test/fixtures.ts'

await loadAllLocales()

let serial = 0
function event(
  action: string,
  at: string,
  rawData: ProfileEvent['rawData'] = {},
  name = action
): ProfileEvent {
  serial++
  return {
    eventId: `int-${serial}`,
    eventTime: at,
    eventAction: action,
    rawData: { action: 'track', event: name, properties: {}, ...rawData },
  }
}

const minutesAgo = (n: number) => new Date(Date.parse(NOW) - n * 60_000).toISOString()
const email = (action: string, subject: string | undefined, n: number) =>
  event(action, minutesAgo(n), {
    properties: subject === undefined ? {} : { email_subject: subject, campaign_id: 'NOV' },
  })

const events: ProfileEvent[] = [
  email('email_sent', 'Everything you need, in one place', 10_000),
  email('email_delivered', 'Everything you need, in one place', 9_999),
  email('email_opened', HOSTILE.markdownLink, 9_000),
  email('email_clicked', undefined, 8_990),
  email('email_bounced', 'Bounced', 8_000),
  email('email_marked_as_spam', undefined, 7_000),
  email('unsubscribed', 'Newsletter', 6_000),
  ...[0, 1, 2, 3].map((i) =>
    event('page', minutesAgo(5_000 - i), {
      action: 'page',
      name: 'Pricing',
      properties: { path: `/pricing/${i}`, title: 'Pricing' },
    })
  ),
  event('screen', minutesAgo(4_000), { action: 'screen', name: 'Home' }),
  event('identify', minutesAgo(3_000), {
    action: 'identify',
    traits: { city: 'Berlin', plan: 'pro' },
  }),
  event('products_searched', minutesAgo(2_900), { properties: { query: 'shoes' } }),
  event('product_viewed', minutesAgo(2_800), {
    properties: { name: 'Trail shoe', price: 89.5, currency: 'EUR' },
  }),
  event('product_added', minutesAgo(2_790), { properties: { name: 'Trail shoe', quantity: 2 } }),
  event('cart_viewed', minutesAgo(2_780), {
    properties: { products: [{ name: 'a' }, { name: 'b' }] },
  }),
  event('checkout_started', minutesAgo(2_770), { properties: { total: 179, currency: 'EUR' } }),
  event('order_completed', minutesAgo(2_760), {
    properties: { order_id: 'O-1', total: 179, currency: 'US$' },
  }),
  event('order_refunded', minutesAgo(2_000), { properties: { total: 179, currency: 'JPY' } }),
  event('order_cancelled', minutesAgo(1_900)),
  event(
    'form_submitted',
    minutesAgo(1_000),
    { properties: { form_name: 'Book a demo' } },
    'Book a demo'
  ),
  event('lead_created', minutesAgo(990)),
  event('application_opened', minutesAgo(500)),
  event('application_installed', minutesAgo(490), { properties: { version: '2.1' } }),
  event('application_backgrounded', minutesAgo(480)),
  event(
    'wishlist_exported',
    minutesAgo(100),
    { properties: { [HOSTILE.html]: HOSTILE.lineBreaks } },
    'Wishlist Exported'
  ),
  event('', minutesAgo(50), { properties: {} }, ''),
  event('odd_time', 'not a time'),
]

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

const flatten = (rows: readonly FormattedEntry[]): FormattedEntry[] =>
  rows.flatMap((row) => [row, ...flatten(row.burst?.items ?? [])])

const entries = toTimeline(events)

describe.each(SUPPORTED_LOCALES)('builder + renderer in %s', (locale) => {
  const rows = formatTimeline(entries, { locale, timeZone: 'Europe/Berlin', now: NOW })

  it('renders every emitted message: no raw id, no empty title', () => {
    expect(entries.length).toBeGreaterThan(20)
    expect(
      strings(rows).filter((text) => /^(common|profile|timeline)\.[A-Za-z]/.test(text))
    ).toEqual([])
    expect(
      flatten(rows)
        .filter((row) => row.title.trim() === '')
        .map((row) => row.id)
    ).toEqual([])
  })
})

describe.each(['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'])(
  'day keys in %s',
  (timeZone) => {
    it('agree with the builder’s day groups', () => {
      const rows = formatTimeline(entries, { locale: 'en', timeZone, now: NOW })
      const byId = new Map(rows.map((row) => [row.id, row.day]))
      for (const group of groupByDay(entries, timeZone)) {
        for (const entry of group.entries)
          expect([entry.id, byId.get(entry.id)]).toEqual([entry.id, group.day])
      }
    })
  }
)
