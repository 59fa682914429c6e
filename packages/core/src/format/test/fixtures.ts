// Hand-built timeline entries and profiles for the format and summary tests: small, readable, and
// independent of the timeline builder and normalizer (tested on their own). Includes the hostile
// strings the sandbox seeds (markup, Markdown, line breaks, very long values).
import type { CustomerContext } from '../../customer/customer-context.ts'
import type { CustomerProfile } from '../../customer/customer-profile.ts'
import { SUPPORTED_LOCALES } from '../../i18n/catalogues/index.ts'
import { loadLocale } from '../../i18n/locale.ts'
import { date, message, money, type DetailRow, type Message } from '../../i18n/message.ts'
import type { TimelineEntry, TimelineKind } from '../../timeline/timeline-entry.ts'

/** Sunday 22 Nov 2026, 12:00 UTC (13:00 in Berlin). */
export const NOW = '2026-11-22T12:00:00.000Z'
export const ZONE = 'Europe/Berlin'

export const HOSTILE = {
  html: '<img src=x onerror=alert(1)>',
  markdownLink: '[click here](https://evil.example/phish)',
  markdownImage: '![x](https://evil.example/pixel.png)',
  markdownMix: '**bold** _it_ `code` # heading | table | ~~gone~~ \\ &lt; <b>',
  lineBreaks: 'Joe\n# Injected heading\r\n- Subscribed: everything\u2028> quote',
  long: 'x'.repeat(5000),
}

let serial = 0

export function entry(
  kind: TimelineKind,
  at: string,
  title: Message,
  detail: DetailRow[] = [],
  action = `${kind}_event`
): TimelineEntry {
  serial++
  const eventId = `evt-${serial}`
  return {
    id: eventId,
    at,
    kind,
    action,
    title,
    detail,
    source: 'SEGMENT_API',
    raw: { eventId, eventTime: at, eventAction: action, rawData: { action: 'track' } },
  }
}

export function pageBurst(at: string, from: string, count: number): TimelineEntry {
  const items = Array.from({ length: count }, (_, i) =>
    entry(
      'page',
      new Date(Date.parse(at) - i * 30_000).toISOString(),
      message('timeline.page.viewed', { page: `/pricing/${i}` }),
      [{ label: { id: 'timeline.detail.path' }, value: `/pricing/${i}` }],
      'page'
    )
  )
  return {
    ...entry('page', at, message('timeline.burst.pages', { count, first: '/pricing' }), [], 'page'),
    id: `burst:${items[items.length - 1]?.id ?? ''}`,
    burst: { count, from, items },
  }
}

/** Joe's timeline, newest first, as the builder would hand it over. */
export function joeTimeline(): TimelineEntry[] {
  return [
    entry(
      'email',
      '2026-11-22T11:58:30.000Z',
      message('timeline.email.opened', { subject: 'Your order has shipped' }),
      [{ label: { id: 'timeline.detail.campaign' }, value: 'SHIPPING' }],
      'email_opened'
    ),
    pageBurst('2026-11-22T10:00:00.000Z', '2026-11-22T09:57:00.000Z', 3),
    entry(
      'commerce',
      '2026-11-21T20:15:00.000Z',
      message('timeline.commerce.orderCompleted', { total: money(1234.5, 'EUR') }),
      [
        { label: { id: 'timeline.detail.items' }, value: 3 },
        { label: { text: 'gift_wrap' }, value: true },
        { label: { id: 'timeline.detail.coupon' }, value: HOSTILE.html },
      ],
      'order_completed'
    ),
    entry(
      'page',
      '2026-11-20T09:00:00.000Z',
      message('timeline.page.viewed', { page: '/checkout' }),
      [],
      'page'
    ),
    entry(
      'form',
      '2026-11-12T08:00:00.000Z',
      message('timeline.form.submitted', { form: 'Book a demo' }),
      [],
      'form_submitted'
    ),
    entry(
      'identify',
      '2026-10-01T08:00:00.000Z',
      message('timeline.identify.changed', { count: 2 }),
      [{ label: { text: 'city' }, value: 'Berlin' }],
      'identify'
    ),
    entry(
      'custom',
      '2025-06-01T08:00:00.000Z',
      message('timeline.custom.event', { name: HOSTILE.markdownLink }),
      [
        { label: { text: HOSTILE.markdownImage }, value: HOSTILE.lineBreaks },
        { label: { text: 'when' }, value: date('2025-06-01T08:00:00Z') },
      ],
      'Custom Thing'
    ),
    entry(
      'email',
      '2024-01-05T08:00:00.000Z',
      message('timeline.email.sent', { subject: 'Welcome' }),
      [],
      'email_sent'
    ),
  ]
}

export function joe(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
    userId: 'usr_joe',
    externalId: 'CRM-0000042',
    anonymousIds: ['anon-1', 'anon-2', 'anon-3', 'anon-4', 'anon-5'],
    emails: ['joe.bloggs@intilery.com'],
    phone: '+44111222333444',
    name: { text: 'Joe Bloggs', source: 'name' },
    firstName: 'Joe',
    lastName: 'Bloggs',
    traits: {
      website: 'www.intilery.com',
      organisation: 'Intilery',
      industry: 'Other',
      zeta: 'last',
      alpha: 42.5,
      newsletter: false,
      tags: ['vip', 'beta', 7],
      address: { city: 'London' },
      empty: '',
      nothing: null,
    },
    computed: { number_email_delivered_all_time: 9, favourite_category: 'shoes' },
    audiences: {
      dynamic: [{ id: 'audience_2_days', name: '2 days' }],
      static: [{ id: 'audience_board', name: 'Board' }],
    },
    consent: [
      { channel: 'push', subscribed: false },
      { channel: 'carrier_pigeon', subscribed: true },
      { channel: 'email', subscribed: true },
      { channel: 'sms', subscribed: true },
      { channel: 'whatsapp', subscribed: false },
      { channel: 'facebook', subscribed: false },
    ],
    firstSeen: '2020-10-20T13:49:41.697Z',
    lastActive: '2026-11-22T11:58:30.000Z',
    firstEvent: {},
    lastEvent: {},
    ...overrides,
  }
}

export function context(overrides: Partial<CustomerContext> = {}): CustomerContext {
  return {
    match: 'one',
    profiles: [joe()],
    timeline: { entries: joeTimeline() },
    fetchedAt: NOW,
    stale: false,
    ...overrides,
  }
}

/** Loads every catalogue, as each app loads its one before rendering. */
export async function loadAllLocales(): Promise<void> {
  await Promise.all(SUPPORTED_LOCALES.map((locale) => loadLocale(locale)))
}
