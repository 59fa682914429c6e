// toTimeline as a whole: order, identity, limits, truncation, hostile data, odd shapes, identify diffs.
import { describe, expect, it } from 'vitest'

import { type ProfileEvent, profileEventSchema } from '../schemas/event.ts'
import { MAX_TEXT } from './read-event.ts'
import { event, HOSTILE, identify, minutes, page, track } from './test/events.ts'
import { timelineEntrySchema } from './timeline-entry.ts'
import { toTimeline } from './to-timeline.ts'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const ids = (events: readonly ProfileEvent[], options = {}) =>
  toTimeline(events, options).map((entry) => entry.id)
// Bursts off, so that ordering tests see every event.
const NO_BURSTS = { minBurst: Number.POSITIVE_INFINITY }

describe('ordering', () => {
  const a = track('Email Sent', {}, 0)
  const b = track('Email Opened', {}, 10)
  const c = track('Email Clicked', {}, 20)

  it('answers newest first whatever the input order', () => {
    for (const input of [
      [a, b, c],
      [c, b, a],
      [b, a, c],
      [c, a, b],
    ]) {
      expect(ids(input, NO_BURSTS)).toEqual([c.eventId, b.eventId, a.eventId])
    }
  })

  it('keeps events at the same instant in their input order (stable)', () => {
    const x = track('Product Viewed', {}, 5)
    const y = track('Product Added', {}, 5)
    const z = track('Cart Viewed', {}, 5)
    expect(ids([x, y, z], NO_BURSTS)).toEqual([x.eventId, y.eventId, z.eventId])
    expect(ids([z, x, y], NO_BURSTS)).toEqual([z.eventId, x.eventId, y.eventId])
    expect(ids([a, x, c, y, z], NO_BURSTS)).toEqual([
      c.eventId,
      x.eventId,
      y.eventId,
      z.eventId,
      a.eventId,
    ])
  })

  it('puts events with an unreadable time last, in input order', () => {
    const bad1 = { ...track('Email Sent', {}), eventTime: 'yesterday' }
    const bad2 = { ...track('Email Sent', {}), eventTime: '2026-02-31T00:00:00Z' }
    expect(ids([bad1, a, bad2, c], NO_BURSTS)).toEqual([
      c.eventId,
      a.eventId,
      bad1.eventId,
      bad2.eventId,
    ])
  })

  it('reads times with offsets and without (UTC) as the events endpoint does', () => {
    const utc = event('Email Sent', { at: '2026-11-20T10:30:00' })
    const paris = event('Email Opened', { at: '2026-11-20T11:00:00+01:00' })
    const later = event('Email Clicked', { at: '2026-11-20T10:15:00-01:00' })
    expect(ids([utc, paris, later], NO_BURSTS)).toEqual([later.eventId, utc.eventId, paris.eventId])
  })
})

describe('entries', () => {
  it('are one per event, keyed by eventId, with the source event as raw', () => {
    const events = [track('Email Sent', {}, 0), page({ path: '/' }, 30)]
    const timeline = toTimeline(events)
    expect(timeline).toHaveLength(2)
    expect(timeline.map((entry) => entry.raw)).toEqual([events[1], events[0]])
    expect(timeline[0]?.raw).toBe(events[1])
    for (const entry of timeline) expect(timelineEntrySchema.safeParse(entry).success).toBe(true)
  })

  it('answers [] for no events', () => {
    expect(toTimeline([])).toEqual([])
  })

  it('limits detail rows to maxDetails, default 4', () => {
    const clicked = track('Email Clicked', {
      email_subject: 's',
      link: 'l',
      url: 'u',
      campaign_id: 'c',
      reason: 'r',
    })
    expect(toTimeline([clicked])[0]?.detail).toHaveLength(3)
    expect(toTimeline([clicked], { maxDetails: 2 })[0]?.detail.map((r) => r.value)).toEqual([
      'l',
      'u',
    ])
    expect(toTimeline([clicked], { maxDetails: 0 })[0]?.detail).toEqual([])
    const wide = track('Form Submitted', { form_name: 'f', page_url: 'p', a: 1, b: 2, c: 3, d: 4 })
    expect(toTimeline([wide])[0]?.detail).toHaveLength(4)
    expect(toTimeline([wide], { maxDetails: 6 })[0]?.detail).toHaveLength(5)
    expect(toTimeline([wide], { maxDetails: Number.NaN })[0]?.detail).toHaveLength(4)
  })

  it('truncates over-long values to MAX_TEXT characters ending in an ellipsis', () => {
    const subject = 'S'.repeat(5000)
    const [entry] = toTimeline([
      track('Email Opened', { email_subject: subject, campaign: 'C'.repeat(201) }),
    ])
    const title = entry?.title.values?.subject as string
    expect(title).toHaveLength(MAX_TEXT)
    expect(title).toBe(`${'S'.repeat(MAX_TEXT - 1)}…`)
    expect(entry?.detail[0]?.value).toBe(`${'C'.repeat(MAX_TEXT - 1)}…`)
    const exact = 'E'.repeat(MAX_TEXT)
    expect(toTimeline([track('Email Opened', { email_subject: exact })])[0]?.title.values).toEqual({
      subject: exact,
    })
  })

  it('never cuts a surrogate pair in half', () => {
    const emoji = `${'a'.repeat(MAX_TEXT - 2)}😀😀😀`
    const subject = toTimeline([track('Email Opened', { email_subject: emoji })])[0]?.title.values
      ?.subject as string
    expect(subject).toBe(`${'a'.repeat(MAX_TEXT - 2)}…`)
    expect(LONE_SURROGATE.test(subject)).toBe(false)
  })

  it('keeps hostile strings verbatim as values and labels, never as message ids', () => {
    const events = [
      track(HOSTILE.img, { [HOSTILE.img]: HOSTILE.script, template: HOSTILE.template }, 0),
      track(
        'Email Clicked',
        { email_subject: HOSTILE.img, link: HOSTILE.script, url: HOSTILE.jsUrl },
        10
      ),
      page({ title: HOSTILE.svg, path: `/${HOSTILE.script}`, referrer: HOSTILE.icu }, 20),
      track('Form Submitted', { form_name: HOSTILE.icu, page_url: HOSTILE.jsUrl }, 30),
      identify({ firstName: HOSTILE.img, [HOSTILE.template]: 'x' }, 40),
    ]
    const [identified, form, viewed, clicked, custom] = toTimeline(events)
    expect(custom?.title).toEqual({ id: 'timeline.custom.event', values: { name: HOSTILE.img } })
    expect(custom?.action).toBe('img_src_x_onerror_alert_1')
    expect(custom?.detail).toEqual([
      { label: { text: HOSTILE.img }, value: HOSTILE.script },
      { label: { text: 'template' }, value: HOSTILE.template },
    ])
    expect(clicked?.title.values).toEqual({ subject: HOSTILE.img })
    expect(clicked?.detail.map((row) => row.value)).toEqual([HOSTILE.script, HOSTILE.jsUrl])
    expect(viewed?.title.values).toEqual({ page: HOSTILE.svg })
    expect(viewed?.detail.map((row) => row.value)).toEqual([`/${HOSTILE.script}`, HOSTILE.icu])
    expect(form?.title.values).toEqual({ form: HOSTILE.icu })
    expect(identified?.detail).toEqual([
      { label: { text: 'firstName' }, value: HOSTILE.img },
      { label: { text: HOSTILE.template }, value: 'x' },
    ])
    for (const entry of [identified, form, viewed, clicked, custom]) {
      expect(entry?.title.id.startsWith('timeline.')).toBe(true)
    }
  })
})

describe('odd shapes never throw', () => {
  const base = track('Order Completed', {})
  const odd: [string, ProfileEvent][] = [
    ['null properties', { ...base, rawData: { ...base.rawData, properties: null } } as never],
    ['string properties', { ...base, rawData: { ...base.rawData, properties: 'x' } } as never],
    ['array properties', { ...base, rawData: { ...base.rawData, properties: [1, 2] } } as never],
    ['no properties', { ...base, rawData: { action: 'track', event: 'Order Completed' } }],
    ['null rawData', { ...base, rawData: null } as never],
    ['no rawData', { eventId: 'x', eventTime: minutes(0), eventAction: 'x' } as never],
    ['numeric event name', { ...base, rawData: { event: 42, action: 7 } } as never],
    ['null event', null as never],
    ['wrong types everywhere', { eventId: 1, eventTime: {}, eventAction: [], source: 3 } as never],
    [
      'products that are not objects',
      track('Order Completed', {
        total: '12.5',
        currency: 'GBP',
        products: [null, 'x', 3, { quantity: -2 }],
      }),
    ],
    [
      'nan and infinity',
      track('Product Viewed', { price: Number.NaN, quantity: Number.POSITIVE_INFINITY }),
    ],
    [
      'traits not an object',
      { ...identify({}), rawData: { action: 'identify', traits: 'x' } } as never,
    ],
  ]

  it.each(odd)('%s', (_label, input) => {
    const timeline = toTimeline([input, track('Email Sent', {})])
    expect(timeline).toHaveLength(2)
    for (const entry of timeline) {
      expect(typeof entry.id).toBe('string')
      expect(typeof entry.at).toBe('string')
      expect(typeof entry.title.id).toBe('string')
      // Events the schema accepts give entries the schema accepts (bad numbers never leak).
      if (profileEventSchema.safeParse(entry.raw).success) {
        expect(timelineEntrySchema.safeParse(entry).success).toBe(true)
      }
    }
  })

  it('shows no row for NaN or infinite amounts', () => {
    const [entry] = toTimeline([
      track('Order Completed', {
        total: Number.NaN,
        currency: 'GBP',
        products: [{ quantity: Number.POSITIVE_INFINITY }],
      }),
    ])
    expect(entry?.title).toEqual({ id: 'timeline.commerce.orderCompletedNoTotal' })
    expect(entry?.detail).toEqual([{ label: { id: 'timeline.detail.items' }, value: 1 }])
    const [product] = toTimeline([
      track('Product Added', { price: Number.NEGATIVE_INFINITY, quantity: Number.NaN }),
    ])
    expect(product?.detail).toEqual([])
  })

  it('reads only own properties, never inherited ones', () => {
    const inherited = Object.create({
      email_subject: 'inherited',
      campaign: 'inherited',
    }) as Record<string, unknown>
    const [entry] = toTimeline([track('Email Opened', inherited)])
    expect(entry?.title).toEqual({ id: 'timeline.email.openedNoSubject' })
    expect(entry?.detail).toEqual([])
  })

  it('counts products that are not objects as one item each', () => {
    const [entry] = toTimeline([odd[9]?.[1] as ProfileEvent])
    expect(entry?.title).toEqual({
      id: 'timeline.commerce.orderCompleted',
      values: { total: { type: 'money', amount: 12.5, currency: 'GBP' } },
    })
    expect(entry?.detail).toEqual([{ label: { id: 'timeline.detail.items' }, value: 4 }])
  })
})

describe('identify: which traits changed', () => {
  it('lists every trait on a profile’s first call, then only the changes', () => {
    const first = identify({ firstName: 'Joe', lastName: 'Bloggs', city: 'Leeds' }, 0)
    const same = identify({ firstName: 'Joe', lastName: 'Bloggs', city: 'Leeds' }, 60)
    const moved = identify({ firstName: 'Joe', city: 'York', plan: 'Pro' }, 120)
    const [c, b, a] = toTimeline([moved, first, same])
    expect(a?.title).toEqual({ id: 'timeline.identify.changed', values: { count: 3 } })
    expect(a?.detail.map((row) => row.label)).toEqual([
      { text: 'firstName' },
      { text: 'lastName' },
      { text: 'city' },
    ])
    expect(b?.title).toEqual({ id: 'timeline.identify.unchanged' })
    expect(b?.detail).toEqual([])
    expect(c?.title).toEqual({ id: 'timeline.identify.changed', values: { count: 2 } })
    expect(c?.detail).toEqual([
      { label: { text: 'city' }, value: 'York' },
      { label: { text: 'plan' }, value: 'Pro' },
    ])
  })

  it('shows cleared traits as —, nested ones as …, and compares nested values deeply', () => {
    const first = identify({ address: { city: 'Leeds' }, phone: '0113', tags: ['a'] }, 0)
    const second = identify(
      { address: { city: 'Leeds' }, phone: null, tags: ['a', 'b'], fax: null },
      60
    )
    const [b] = toTimeline([first, second])
    expect(b?.detail).toEqual([
      { label: { text: 'phone' }, value: '—' },
      { label: { text: 'tags' }, value: '…' },
    ])
  })

  it('lists at most maxDetails traits but counts them all', () => {
    const traits = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i}`, i]))
    const [entry] = toTimeline([identify(traits)], { maxDetails: 2 })
    expect(entry?.title.values).toEqual({ count: 9 })
    expect(entry?.detail).toHaveLength(2)
  })

  it('keeps each profile’s traits apart in a merged timeline', () => {
    const joe = identify({ city: 'Leeds' }, 0, 'cust-joe')
    const jane = identify({ city: 'Leeds' }, 30, 'cust-jane')
    expect(toTimeline([joe, jane]).map((entry) => entry.title.id)).toEqual([
      'timeline.identify.changed',
      'timeline.identify.changed',
    ])
  })

  it('compares in time order even when the input is newest first', () => {
    const older = identify({ plan: 'Free' }, 0)
    const newer = identify({ plan: 'Pro' }, 60)
    const [latest] = toTimeline([newer, older])
    expect(latest?.detail).toEqual([{ label: { text: 'plan' }, value: 'Pro' }])
  })
})
