// The English timeline catalogue against what the builder emits: every message parses in the
// renderer's ICU subset, every emitted title's values are exactly its placeholders, and every key
// is emitted by some event (no dead keys for translators to translate).
import { describe, expect, it } from 'vitest'

import { timelineMessages } from '../i18n/catalogues/en/timeline.ts'
import { argumentNames, parseMessage } from '../i18n/message-syntax.ts'
import type { Message } from '../i18n/message.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { event, identify, page, screen, track } from './test/events.ts'
import { toTimeline } from './to-timeline.ts'

const catalogue: Readonly<Record<string, string>> = timelineMessages

const EMAILS = [
  'Email Sent',
  'Email Delivered',
  'Email Opened',
  'Email Clicked',
  'Email Bounced',
  'Email Marked as Spam',
  'Unsubscribed',
]
const SESSIONS = ['Opened', 'Backgrounded', 'Installed', 'Updated', 'Uninstalled', 'Closed'].map(
  (s) => `Application ${s}`
)
const PRODUCT = { name: 'Candle', price: 9, currency: 'GBP', quantity: 2, category: 'Home' }
const LINES = [{ product_id: 'p1', quantity: 2 }]

const ZENDESK = 'https://acme.zendesk.com/agent/tickets/1'
const DEAL = {
  deal_title: 'D',
  stage: 'S',
  pipeline: 'P',
  deal_url: 'https://acme.pipedrive.com/deal/1',
}
/** Written-back events: every title variant, detail label and link label. */
const SUPPORT_SALES: ProfileEvent[] = [
  ...['Ticket Created', 'Ticket Solved', 'Ticket Reopened'].flatMap((name) => [
    track(name, { ticket_id: '1', ticket_url: ZENDESK, previous_status: 'solved' }),
    track(name, {}),
  ]),
  track('Ticket Rated', { ticket_id: '1', rating: 'good' }),
  track('Deal Created', { ...DEAL, value: 5, currency: 'EUR' }),
  track('Deal Created', { value: 5, currency: 'euros' }),
  track('Deal Stage Changed', { ...DEAL, previous_stage: 'Q' }),
  track('Deal Stage Changed', { stage: 'S' }),
  track('Deal Stage Changed', { deal_title: 'D' }),
  track('Deal Stage Changed', {}),
  track('Deal Won', { ...DEAL, value: 5, currency: 'EUR' }),
  track('Deal Won', {}),
  track('Deal Lost', { ...DEAL, lost_reason: 'R' }),
  track('Deal Lost', {}),
  track('Person Created', { person_url: 'https://acme.pipedrive.com/person/1' }),
]

/**
 * One event per title variant and detail label, each an hour apart so none forms a burst, each email
 * of its own campaign so none folds with another.
 */
const singles: ProfileEvent[] = [
  ...EMAILS.flatMap((name) => [
    track(name, {
      email_subject: 'S',
      campaign_id: `C ${name}`,
      link: 'L',
      url: 'U',
      reason: 'R',
      list: 'M',
    }),
    track(name, {}),
  ]),
  page({ title: 'T', url: 'https://x.example/', referrer: 'R' }),
  page({ path: '/p', title: 'T' }),
  page({}),
  screen('Home'),
  event('screen', { type: 'screen' }),
  identify({ plan: 'Pro' }),
  identify({ plan: 'Pro' }),
  track('Products Searched', { query: 'q', category: 'c' }),
  track('Products Searched', {}),
  ...['Product Viewed', 'Product Added', 'Product Removed'].flatMap((name) => [
    track(name, PRODUCT),
    track(name, { currency: 'pounds' }),
  ]),
  track('Cart Viewed', { products: LINES, value: 5, currency: 'GBP' }),
  track('Cart Viewed', {}),
  ...['Checkout Started', 'Order Completed', 'Order Refunded', 'Order Cancelled'].flatMap(
    (name) => [
      track(name, {
        total: 5,
        currency: 'GBP',
        products: LINES,
        coupon: 'C',
        order_id: 'O',
        reason: 'R',
      }),
      track(name, {}),
    ]
  ),
  track('Form Submitted', { form_name: 'F', page_url: 'P' }),
  track('Form Submitted', {}),
  track('Lead Created', { lead_source: 'web', form_name: 'F' }),
  ...SESSIONS.map((name) => track(name, { version: '2', previous_version: '1', build: '3' })),
  ...SUPPORT_SALES,
  track('Trial Started', { plan: 'Growth' }),
  { ...track('x', {}), eventAction: '', rawData: { action: 'track' } },
].map((e, i) => ({ ...e, eventTime: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() }))

const run = (make: (minute: number) => ProfileEvent) => [0, 1, 2].map(make)
const bursts: ProfileEvent[][] = [
  run((m) => page({ path: '/p' }, m)),
  run((m) => page({}, m)),
  run((m) => screen('Home', m)),
  run((m) => event('screen', { type: 'screen', at: m })),
  run((m) => track('Products Searched', { query: 'q' }, m)),
  run((m) => track('Products Searched', {}, m)),
  ...['Product Viewed', 'Product Added', 'Product Removed'].map((name) =>
    run((m) => track(name, {}, m))
  ),
  ...['Email Sent', 'Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced'].map(
    (name) => run((m) => track(name, {}, m))
  ),
  // Different emails opened or clicked in a row; then the same one again and again.
  ...['Email Opened', 'Email Clicked'].map((name) =>
    run((m) => track(name, { email_subject: `S${m}` }, m))
  ),
  ...['Email Opened', 'Email Clicked'].map((name) =>
    run((m) => track(name, { email_subject: 'S' }, m))
  ),
  run((m) => track('Product Viewed', PRODUCT, m)),
  ...['Ticket Created', 'Ticket Solved', 'Deal Created', 'Deal Stage Changed'].map((name) =>
    run((m) => track(name, {}, m))
  ),
]

const STEPS = [...EMAILS.slice(0, 4), 'Email Bounced', 'Email Marked as Spam', 'Unsubscribed']
/** One email's steps (by email id), a campaign's, and an email's by message id. */
const folds: ProfileEvent[][] = [
  STEPS.map((name, i) => track(name, { email_id: 'E', email_subject: 'S' }, i * 60)),
  [0, 1].map((m) => track('Email Sent', { campaign_id: 'K', campaign_name: 'N' }, m * 60)),
  [0, 1].map((m) => track('Email Opened', { message_id: 'M' }, m * 60)),
  run((m) => identify({ n: m }, m)),
  run((m) => track('Trial Started', {}, m)),
]

function emitted(): { titles: Message[]; labels: string[] } {
  const entries = [
    toTimeline(singles, { maxDetails: 10 }),
    ...bursts.map((b) => toTimeline(b)),
    ...folds.map((f) => toTimeline(f)),
  ].flat()
  return {
    titles: entries.map((entry) => entry.title),
    labels: entries.flatMap((entry) => [
      ...entry.detail.flatMap((row) => ('id' in row.label ? [row.label.id] : [])),
      ...(entry.link === undefined ? [] : [entry.link.label.id]),
    ]),
  }
}

describe('the English timeline catalogue', () => {
  it('prefixes every key with `timeline.` and keeps every message short', () => {
    for (const [key, text] of Object.entries(catalogue)) {
      expect(key.startsWith('timeline.')).toBe(true)
      expect(text.replace(/\{[^{}]*\}/g, '').length, key).toBeLessThan(60)
    }
  })

  it('parses every message in the renderer’s ICU subset', () => {
    for (const text of Object.values(catalogue)) expect(() => parseMessage(text)).not.toThrow()
  })

  it('gives every emitted title exactly the values its message reads', () => {
    const { titles } = emitted()
    expect(titles.length).toBeGreaterThan(60)
    for (const title of titles) {
      const names = argumentNames(parseMessage(catalogue[title.id] ?? ''))
      expect([...names].sort(), title.id).toEqual(Object.keys(title.values ?? {}).sort())
    }
  })

  it('has no key the builder never emits, and labels take no values', () => {
    const { titles, labels } = emitted()
    const used = new Set([...titles.map((t) => t.id), ...labels])
    // `timeline.panel.*` are the panel's own words about the timeline, not the builder's.
    const built = Object.keys(catalogue).filter((key) => !key.startsWith('timeline.panel.'))
    expect([...used].sort()).toEqual(built.sort())
    for (const label of labels)
      expect(argumentNames(parseMessage(catalogue[label] ?? ''))).toEqual(new Set())
  })
})
