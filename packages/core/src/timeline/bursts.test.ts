// The burst rule (bursts.ts): runs of one action with every gap <= the window and >= minBurst
// entries collapse; anything else stays as it is.
import { describe, expect, it } from 'vitest'

import type { ProfileEvent } from '../schemas/event.ts'
import { collapseBursts } from './bursts.ts'
import { event, page, screen, track } from './test/events.ts'
import { timelineEntrySchema, type TimelineEntry } from './timeline-entry.ts'
import { DEFAULT_BURST_WINDOW_MS, toTimeline, type TimelineOptions } from './to-timeline.ts'

const WINDOW_MINUTES = DEFAULT_BURST_WINDOW_MS / 60_000
const view = (path: string, at: number) => page({ path, title: `${path} page` }, at)
const opened = (at: number) => track('Email Opened', { email_subject: 's' }, at)

/** Each entry as `id` or `burst:<newest>(<count>)`. */
function shape(events: readonly ProfileEvent[], options: TimelineOptions = {}): string[] {
  return toTimeline(events, options).map((entry) =>
    entry.burst === undefined ? entry.id : `${entry.id}(${entry.burst.count})`
  )
}

describe('bursts', () => {
  it('collapses a run into one entry: id, times, items newest first, title from the first path', () => {
    const events = [view('/pricing', 0), view('/features', 1), view('/signup', 2.5)]
    const timeline = toTimeline(events)
    expect(timeline).toHaveLength(1)
    const [burst] = timeline as [TimelineEntry]
    expect(burst.id).toBe(`burst:${events[2]?.eventId}`)
    expect(burst.at).toBe(events[2]?.eventTime)
    expect(burst.kind).toBe('page')
    expect(burst.action).toBe('page_viewed')
    expect(burst.raw).toBe(events[2])
    expect(burst.detail).toEqual([])
    expect(burst.burst?.count).toBe(3)
    expect(burst.burst?.from).toBe(events[0]?.eventTime)
    expect(burst.burst?.items.map((item) => item.id)).toEqual(
      [...events].reverse().map((e) => e.eventId)
    )
    expect(burst.title).toEqual({
      id: 'timeline.burst.pages',
      values: { count: 3, first: '/pricing' },
    })
    expect(timelineEntrySchema.safeParse(burst).success).toBe(true)
    // The relay's answers are checked against the schema: a burst counts whole events, two or more.
    for (const count of [2.5, 1, Number.POSITIVE_INFINITY, Number.NaN])
      expect(
        timelineEntrySchema.safeParse({ ...burst, burst: { ...burst.burst, count } }).success
      ).toBe(false)
  })

  it('joins a gap of exactly the window and splits one a millisecond longer', () => {
    const at = (ms: number) =>
      event('Email Opened', { at: new Date(Date.UTC(2026, 0, 1) + ms).toISOString() })
    const exact = [at(0), at(DEFAULT_BURST_WINDOW_MS), at(2 * DEFAULT_BURST_WINDOW_MS)]
    expect(shape(exact)).toEqual([`burst:${exact[2]?.eventId}(3)`])
    const over = [at(0), at(DEFAULT_BURST_WINDOW_MS), at(2 * DEFAULT_BURST_WINDOW_MS + 1)]
    expect(shape(over)).toEqual([over[2]?.eventId, over[1]?.eventId, over[0]?.eventId])
  })

  it('needs minBurst entries (default 3)', () => {
    const two = [opened(0), opened(1)]
    expect(shape(two)).toEqual([two[1]?.eventId, two[0]?.eventId])
    expect(shape(two, { minBurst: 2 })).toEqual([`burst:${two[1]?.eventId}(2)`])
    const three = [opened(0), opened(1), opened(2)]
    expect(shape(three, { minBurst: 4 })).toHaveLength(3)
    expect(shape(three, { minBurst: 1 })).toEqual([`burst:${three[2]?.eventId}(3)`])
  })

  it('lets another action in between break the run', () => {
    const events = [opened(0), opened(1), view('/x', 2), opened(3), opened(4)]
    expect(shape(events)).toHaveLength(5)
    const interleaved = [
      opened(0),
      view('/a', 0.5),
      opened(1),
      view('/b', 1.5),
      opened(2),
      view('/c', 2.5),
    ]
    expect(shape(interleaved)).toHaveLength(6)
  })

  it('makes two bursts of one action when a gap beyond the window separates them', () => {
    const early = [opened(0), opened(1), opened(2)]
    const late = [
      opened(2 + WINDOW_MINUTES + 1),
      opened(3 + WINDOW_MINUTES + 1),
      opened(4 + WINDOW_MINUTES + 1),
    ]
    expect(shape([...early, ...late])).toEqual([
      `burst:${late[2]?.eventId}(3)`,
      `burst:${early[2]?.eventId}(3)`,
    ])
  })

  it('makes back-to-back bursts of different actions', () => {
    const views = [view('/a', 0), view('/b', 1), view('/c', 2)]
    const opens = [opened(3), opened(4), opened(5)]
    expect(shape([...views, ...opens])).toEqual([
      `burst:${opens[2]?.eventId}(3)`,
      `burst:${views[2]?.eventId}(3)`,
    ])
  })

  it('collapses runs at both ends of the list and leaves the middle alone', () => {
    const oldest = [opened(0), opened(1), opened(2)]
    const middle = track('Order Completed', { total: 5, currency: 'GBP' }, 3)
    const newest = [view('/a', 4), view('/b', 5), view('/c', 6), view('/d', 7)]
    expect(shape([...newest, middle, ...oldest])).toEqual([
      `burst:${newest[3]?.eventId}(4)`,
      middle.eventId,
      `burst:${oldest[2]?.eventId}(3)`,
    ])
  })

  it('uses the window option: 0 joins only events at the same instant', () => {
    const same = [opened(1), opened(1), opened(1), opened(1.01)]
    expect(shape(same, { burstWindowMs: 0 })).toEqual([
      same[3]?.eventId,
      `burst:${same[0]?.eventId}(3)`,
    ])
    const spread = [opened(0), opened(60), opened(120)]
    expect(shape(spread)).toHaveLength(3)
    expect(shape(spread, { burstWindowMs: 60 * 60_000 })).toHaveLength(1)
  })

  it('never joins events without a readable time, even with an infinite window', () => {
    const bad = [0, 1, 2].map(() => ({ ...opened(0), eventTime: 'not a time' }))
    expect(shape([opened(0), ...bad], { burstWindowMs: Number.POSITIVE_INFINITY })).toHaveLength(4)
  })

  it('never joins events without an action', () => {
    const nameless = [0, 1, 2].map((m) => ({
      ...opened(m),
      eventAction: '',
      rawData: { action: 'track' },
    }))
    expect(shape(nameless)).toHaveLength(3)
  })

  it.each([
    [
      'screens, from the first screen',
      [screen('Home', 0), screen('Orders', 1), screen('Cart', 2)],
      {
        id: 'timeline.burst.screens',
        values: { count: 3, first: 'Home' },
      },
    ],
    [
      'searches, from the first query',
      [0, 1, 2].map((m) => track('Products Searched', { query: `q${m}` }, m)),
      {
        id: 'timeline.burst.searches',
        values: { count: 3, first: 'q0' },
      },
    ],
    [
      'pages without a path',
      [0, 1, 2].map((m) => page({}, m)),
      {
        id: 'timeline.burst.pagesNoFirst',
        values: { count: 3 },
      },
    ],
    [
      'products viewed',
      [0, 1, 2].map((m) => track('Product Viewed', { name: `p${m}` }, m)),
      {
        id: 'timeline.burst.productsViewed',
        values: { count: 3 },
      },
    ],
    [
      'different emails opened',
      [0, 1, 2].map((m) => track('Email Opened', { email_subject: `s${m}` }, m)),
      {
        id: 'timeline.burst.emailsOpened',
        values: { count: 3 },
      },
    ],
    [
      'the same email opened again and again, as a count',
      [opened(0), opened(1), opened(2)],
      {
        id: 'timeline.burst.openedTimes',
        values: { subject: 's', count: 3 },
      },
    ],
    [
      'the same product viewed again and again, as a count',
      [0, 1, 2].map((m) => track('Product Viewed', { name: 'Candle' }, m)),
      {
        id: 'timeline.burst.productViewedTimes',
        values: { product: 'Candle', count: 3 },
      },
    ],
    [
      'profile updates',
      [0, 1, 2].map((m) => event('identify', { type: 'identify', traits: { n: m }, at: m })),
      {
        id: 'timeline.burst.profileUpdates',
        values: { count: 3 },
      },
    ],
    [
      'any other event, by name',
      [0, 1, 2].map((m) => track('Experiment Viewed', {}, m)),
      {
        id: 'timeline.burst.repeated',
        values: { name: 'Experiment Viewed', count: 3 },
      },
    ],
  ])('titles bursts of %s', (_label, events, title) => {
    const timeline = toTimeline(events)
    expect(timeline).toHaveLength(1)
    expect(timeline[0]?.title).toEqual(title)
  })

  it('is linear: a run of 20,000 events collapses in one pass', () => {
    const timeline = toTimeline(openedEverySecond(20_000))
    expect(timeline).toHaveLength(1)
    expect(timeline[0]?.burst?.count).toBe(20_000)
    // Work is counted, not timed: the element reads per entry stay flat as the run grows four
    // times (a pass that rescans the run for each entry would read four times as much per entry).
    const perEntrySmall = elementReads(1_000) / 1_000
    const perEntryLarge = elementReads(4_000) / 4_000
    expect(perEntryLarge).toBeLessThanOrEqual(perEntrySmall * 1.1)
  })
})

/** A run of `n` Email Opened events a second apart. */
function openedEverySecond(n: number): ProfileEvent[] {
  const start = Date.UTC(2026, 0, 1)
  return Array.from({ length: n }, (_, i) =>
    event('Email Opened', { at: new Date(start + i * 1000).toISOString() })
  )
}

/** How many elements of its two arrays collapseBursts reads to collapse a run of `n` into one. */
function elementReads(n: number): number {
  // Bursts off here, so these are the entries (newest first) the burst pass is given.
  const entries = toTimeline(openedEverySecond(n), { minBurst: Infinity })
  const times = entries.map((entry) => Date.parse(entry.at))
  let reads = 0
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
        return Reflect.get(object, key, receiver) as unknown
      },
    })
  const collapsed = collapseBursts(counting(entries), counting(times), {
    windowMs: DEFAULT_BURST_WINDOW_MS,
    minBurst: 3,
  })
  expect(collapsed.map((entry) => entry.burst?.count)).toEqual([n])
  return reads
}
