// Random event shapes: the timeline must never throw, and for every event that passes the event
// schema (what the client hands over after validating a response) every entry must pass the entry
// schema, with the invariants the UI relies on.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { toEventKey } from '../event-key.ts'
import { timelineMessages } from '../i18n/catalogues/en/timeline.ts'
import type { MessageValue } from '../i18n/message.ts'
import { type ProfileEvent, profileEventSchema } from '../schemas/event.ts'
import { instantMs } from './event-time.ts'
import { filterTimeline, toEventsQuery } from './filter-timeline.ts'
import { groupByDay } from './group-by-day.ts'
import { MAX_LABEL, MAX_TEXT } from './read-event.ts'
import { recentlyViewedNotPurchased } from './recently-viewed.ts'
import { HOSTILE } from './test/events.ts'
import { timelineEntrySchema, type TimelineEntry, TIMELINE_KINDS } from './timeline-entry.ts'
import { toTimeline } from './to-timeline.ts'

const RUNS = { numRuns: 1000 }

const NAMES = [
  'Email Sent',
  'Email Delivered',
  'Email Opened',
  'Email Clicked',
  'Email Bounced',
  'Unsubscribed',
  'Page Viewed',
  'Screen Viewed',
  'Identify',
  'Products Searched',
  'Product Viewed',
  'Product Added',
  'Product Removed',
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Order Refunded',
  'Order Cancelled',
  'Form Submitted',
  'Lead Created',
  'Application Opened',
  'Application Backgrounded',
  'Application Installed',
  'Experiment Viewed',
  'constructor',
  '__proto__',
  ...Object.values(HOSTILE),
]
const KEYS = [
  'email_subject',
  'campaign_id',
  'link',
  'url',
  'reason',
  'list',
  'path',
  'title',
  'referrer',
  'name',
  'query',
  'product_id',
  'sku',
  'price',
  'currency',
  'quantity',
  'category',
  'products',
  'total',
  'revenue',
  'value',
  'coupon',
  'order_id',
  'form_name',
  'lead_source',
  'version',
  'build',
  'plan',
  'status',
  'amount',
  '__proto__',
  'constructor',
  'toString',
  HOSTILE.img,
]

const hugeString = fc.integer({ min: 150, max: 20_000 }).map((n) => 'é'.repeat(n))
const isoTime = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString())
const timeText = fc.oneof(
  { weight: 6, arbitrary: isoTime },
  { weight: 1, arbitrary: isoTime.map((t) => t.replace('Z', '+05:45')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2026-02-31T00:00:00Z',
      '2026-11-22',
      'yesterday',
      '',
      '2026-11-22T24:00:00Z'
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }
)
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }), // lone surrogates included
  hugeString,
  fc.constantFrom(...Object.values(HOSTILE), 'GBP', 'usd', '€', '12.50', '-3', ' 7 ', '1e400'),
  fc.double(),
  // Numbers a value must never carry (NaN, infinities), often, so every describer meets them.
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  timeText
)
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }
)
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
    }
  ),
}))
const bag = fc.dictionary(key, value, { maxKeys: 8, noNullPrototype: true })
const products = fc.array(fc.oneof(bag, value), { maxLength: 5 })
// The keys describers read, each present half the time, over a random bag (`__proto__` comes from
// the bag: a record would assign it and change the prototype).
const known = fc.record(
  Object.fromEntries(KEYS.filter((k) => k !== '__proto__').map((k) => [k, value])),
  { requiredKeys: [] }
)
const properties = fc.oneof(
  bag,
  fc.tuple(bag, known, products).map(([b, k, p]) => ({ ...b, ...k, products: p }))
)
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString }
)
const type = fc.constantFrom('track', 'track', 'track', 'page', 'screen', 'identify', 'group', '')
const optionalText = fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)), {
  nil: undefined,
})

/** Events that pass profileEventSchema: right field types, anything inside the records. */
const validEvent: fc.Arbitrary<ProfileEvent> = fc
  .tuple(
    name,
    fc.option(fc.string({ maxLength: 10 }), { nil: undefined, freq: 5 }),
    fc.record({
      eventId: fc.string({ maxLength: 12 }),
      eventTime: timeText,
      source: fc.option(fc.constantFrom('SEGMENT_API', 'SERVER_API', HOSTILE.img), {
        nil: undefined,
      }),
      id: optionalText,
      userId: optionalText,
      extra: fc.option(value, { nil: undefined }),
      rawData: fc.record(
        {
          action: type,
          name: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...Object.values(HOSTILE))),
          userId: optionalText,
          anonymousId: optionalText,
          properties,
          traits: bag,
          context: bag,
          timestamp: timeText,
          sendType: fc.constantFrom('email', 'sms'),
          loose: value,
        },
        { requiredKeys: [] }
      ),
    })
  )
  // Mostly the stored shape (the key is the name's key); sometimes a key unrelated to the name.
  .map(([eventName, oddKey, event]) => ({
    ...event,
    eventAction: oddKey ?? toEventKey(eventName),
    rawData: { ...event.rawData, event: eventName },
  }))
  .map((event) => event as ProfileEvent)

/** Anything at all where an event should be. */
const wildEvent: fc.Arbitrary<ProfileEvent> = fc
  .oneof(
    fc.anything(),
    fc.record(
      { eventId: value, eventTime: value, eventAction: value, source: value, rawData: value },
      { requiredKeys: [] }
    ),
    fc.record({
      eventId: fc.string(),
      eventTime: timeText,
      eventAction: fc.string(),
      rawData: fc.record(
        { action: value, event: value, properties: value, traits: value, name: value },
        { requiredKeys: [] }
      ),
    })
  )
  .map((event) => event as ProfileEvent)

const options = fc.record(
  {
    burstWindowMs: fc.oneof(
      fc.integer({ min: -10, max: 3_600_000 }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY)
    ),
    minBurst: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)),
    maxDetails: fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constant(Number.NaN)),
  },
  { requiredKeys: [] }
)

const strings = (v: MessageValue): string[] => (typeof v === 'string' ? [v] : [])
const flatten = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries.flatMap((entry) => (entry.burst === undefined ? [entry] : entry.burst.items))

describe('toTimeline on random events', () => {
  it('generates events that pass the event schema (the precondition below)', () => {
    fc.assert(
      fc.property(validEvent, (event) => profileEventSchema.safeParse(event).success),
      { numRuns: 300 }
    )
  })

  it('always answers schema-valid entries, one per event, newest first, within the limits', () => {
    fc.assert(
      fc.property(fc.array(validEvent, { maxLength: 30 }), options, (events, opts) => {
        const timeline = toTimeline(events, opts)
        for (const entry of timeline) {
          const parsed = timelineEntrySchema.safeParse(entry)
          expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true)
        }
        const items = flatten(timeline)
        // Every event exactly once (bursts expanded), each as its own raw.
        const raws = new Set(items.map((e) => e.raw))
        expect(items).toHaveLength(events.length)
        for (const event of events) expect(raws.has(event)).toBe(true)
        const maxDetails = Number.isFinite(opts.maxDetails) ? Math.max(0, opts.maxDetails ?? 4) : 4
        for (const entry of [...timeline, ...items]) {
          expect(TIMELINE_KINDS).toContain(entry.kind)
          expect(Object.hasOwn(timelineMessages, entry.title.id)).toBe(true)
          expect(entry.detail.length).toBeLessThanOrEqual(maxDetails)
          const values = [
            ...Object.values(entry.title.values ?? {}),
            ...entry.detail.map((r) => r.value),
          ]
          for (const text of values.flatMap(strings))
            expect(text.length).toBeLessThanOrEqual(MAX_TEXT)
          for (const row of entry.detail) {
            if ('id' in row.label) expect(Object.hasOwn(timelineMessages, row.label.id)).toBe(true)
            else expect(row.label.text.length).toBeLessThanOrEqual(MAX_LABEL)
          }
        }
        // Newest first: readable times never increase down the list.
        const times = timeline.flatMap((e) => instantMs(e.at) ?? [])
        for (let i = 1; i < times.length; i += 1)
          expect(times[i]).toBeLessThanOrEqual(times[i - 1] as number)
      }),
      RUNS
    )
  }, 60_000) // 1,000 runs of CPU-bound work: generous for a loaded 2-core CI box

  it('never throws on anything, nor do the functions that read its entries', () => {
    fc.assert(
      fc.property(fc.array(wildEvent, { maxLength: 20 }), options, (events, opts) => {
        const timeline = toTimeline(events, opts)
        expect(flatten(timeline)).toHaveLength(events.length)
        groupByDay(timeline, 'Europe/London')
        filterTimeline(timeline, {
          kinds: ['custom', 'page'],
          include: ['page', 'x'],
          exclude: ['y'],
          start: '2000-01-01',
        })
        toEventsQuery({ kinds: ['custom'] })
        recentlyViewedNotPurchased(events, 3)
      }),
      RUNS
    )
  }, 60_000)
})
