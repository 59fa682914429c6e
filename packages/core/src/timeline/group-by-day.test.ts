// Day grouping in the viewer's time zone, around midnight and DST changes, and against a plain
// one-by-one Intl computation for random instants (which exercises the day-interval cache).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { groupByDay } from './group-by-day.ts'
import { event } from './test/events.ts'
import type { TimelineEntry } from './timeline-entry.ts'
import { toTimeline } from './to-timeline.ts'

const NO_BURSTS = { minBurst: Number.POSITIVE_INFINITY }

function days(instants: readonly string[], timeZone: string): [string, number][] {
  const timeline = toTimeline(
    instants.map((at) => event('Email Opened', { at })),
    NO_BURSTS
  )
  return groupByDay(timeline, timeZone).map(({ day, entries }) => [day, entries.length])
}

/** The day of one instant, straight from Intl: the reference the cached path must match. */
function referenceDay(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms)
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? ''
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`
}

describe('groupByDay', () => {
  it.each([
    // London: GMT in winter, BST (+1) from 2026-03-29 01:00Z to 2026-10-25 01:00Z.
    ['Europe/London', '2026-11-22T23:59:59.999Z', '2026-11-22'],
    ['Europe/London', '2026-11-23T00:00:00.000Z', '2026-11-23'],
    ['Europe/London', '2026-07-01T22:59:59.999Z', '2026-07-01'],
    ['Europe/London', '2026-07-01T23:00:00.000Z', '2026-07-02'],
    ['Europe/London', '2026-03-29T00:30:00.000Z', '2026-03-29'],
    ['Europe/London', '2026-10-24T23:30:00.000Z', '2026-10-25'],
    // Los Angeles: PST (-8), PDT (-7) from 2026-03-08 10:00Z; that day has 23 hours.
    ['America/Los_Angeles', '2026-11-22T07:59:59.999Z', '2026-11-21'],
    ['America/Los_Angeles', '2026-11-22T08:00:00.000Z', '2026-11-22'],
    ['America/Los_Angeles', '2026-03-08T07:59:59.999Z', '2026-03-07'],
    ['America/Los_Angeles', '2026-03-08T08:00:00.000Z', '2026-03-08'],
    ['America/Los_Angeles', '2026-03-09T06:59:59.999Z', '2026-03-08'],
    ['America/Los_Angeles', '2026-03-09T07:00:00.000Z', '2026-03-09'],
    // Tokyo: +9, no DST.
    ['Asia/Tokyo', '2026-11-21T14:59:59.999Z', '2026-11-21'],
    ['Asia/Tokyo', '2026-11-21T15:00:00.000Z', '2026-11-22'],
    // Offsets that are not whole hours.
    ['Asia/Kathmandu', '2026-11-21T18:14:59.999Z', '2026-11-21'],
    ['Asia/Kathmandu', '2026-11-21T18:15:00.000Z', '2026-11-22'],
  ])('%s: %s falls on %s', (zone, at, day) => {
    expect(days([at], zone)).toEqual([[day, 1]])
  })

  it('groups newest-first entries into newest-first days across midnight in each zone', () => {
    const instants = [
      '2026-11-22T16:00:00Z',
      '2026-11-22T07:30:00Z',
      '2026-11-22T00:30:00Z',
      '2026-11-21T23:30:00Z',
      '2026-11-21T14:30:00Z',
    ]
    expect(days(instants, 'UTC')).toEqual([
      ['2026-11-22', 3],
      ['2026-11-21', 2],
    ])
    expect(days(instants, 'Asia/Tokyo')).toEqual([
      ['2026-11-23', 1],
      ['2026-11-22', 3],
      ['2026-11-21', 1],
    ])
    expect(days(instants, 'America/Los_Angeles')).toEqual([
      ['2026-11-22', 1],
      ['2026-11-21', 4],
    ])
  })

  it('keeps every entry of a DST-change day together and in order', () => {
    // 2026-03-08 in Los Angeles: 00:00 PST (08:00Z) to 24:00 PDT (07:00Z next day).
    const instants = [
      '2026-03-09T07:30:00Z',
      '2026-03-09T06:30:00Z',
      '2026-03-08T12:00:00Z',
      '2026-03-08T09:30:00Z',
      '2026-03-08T08:00:00Z',
      '2026-03-08T07:00:00Z',
    ]
    expect(days(instants, 'America/Los_Angeles')).toEqual([
      ['2026-03-09', 1],
      ['2026-03-08', 4],
      ['2026-03-07', 1],
    ])
    // London's autumn day has 25 hours: 2026-10-25 runs from 23:00Z (BST) to 00:00Z next day.
    expect(
      days(
        [
          '2026-10-26T00:00:00Z',
          '2026-10-25T23:59:59Z',
          '2026-10-24T23:00:00Z',
          '2026-10-24T22:59:59Z',
        ],
        'Europe/London'
      )
    ).toEqual([
      ['2026-10-26', 1],
      ['2026-10-25', 2],
      ['2026-10-24', 1],
    ])
  })

  it('groups a burst by its newest time', () => {
    const events = ['2026-11-21T23:58:00Z', '2026-11-21T23:59:00Z', '2026-11-22T00:01:00Z'].map(
      (at) => event('Page Viewed', { type: 'page', at, properties: { path: '/' } })
    )
    const grouped = groupByDay(toTimeline(events), 'UTC')
    expect(grouped.map((g) => [g.day, g.entries[0]?.burst?.count])).toEqual([['2026-11-22', 3]])
  })

  it('puts entries without a readable time under the day ""', () => {
    const entry = toTimeline([event('Email Sent', { at: 'not a time' })])[0] as TimelineEntry
    expect(groupByDay([entry], 'UTC')).toEqual([{ day: '', entries: [entry] }])
  })

  it('falls back to UTC for an unknown time zone instead of throwing', () => {
    expect(days(['2026-11-21T23:30:00Z'], 'Mars/Olympus_Mons')).toEqual([['2026-11-21', 1]])
  })

  it('merges entries of one day even when the input is not sorted', () => {
    expect(days(['2026-11-22T10:00:00Z', '2026-11-21T10:00:00Z'], 'UTC')).toEqual([
      ['2026-11-22', 1],
      ['2026-11-21', 1],
    ])
    const timeline = toTimeline(
      ['2026-11-22T10:00:00Z', '2026-11-21T10:00:00Z', '2026-11-22T11:00:00Z'].map((at) =>
        event('Email Sent', { at })
      ),
      NO_BURSTS
    )
    const shuffled = [timeline[1], timeline[2], timeline[0]] as TimelineEntry[]
    expect(groupByDay(shuffled, 'UTC').map((g) => [g.day, g.entries.map((e) => e.id)])).toEqual([
      ['2026-11-22', [timeline[1]?.id, timeline[0]?.id]],
      ['2026-11-21', [timeline[2]?.id]],
    ])
  })

  const ZONES = [
    'Europe/London',
    'America/Los_Angeles',
    'Asia/Tokyo',
    'America/Santiago', // DST changes at midnight: some days have no 00:00
    'Australia/Lord_Howe', // 30-minute DST
    'Asia/Kathmandu',
    'Africa/Monrovia', // offsets with seconds until 1972
    'Pacific/Apia', // skipped 2011-12-30 entirely
  ]

  it('agrees with one-by-one Intl formatting for random instants in many zones', () => {
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) })
    // Clusters of nearby instants, so that the cached day interval is reused and tested.
    const cluster = fc.tuple(
      instant,
      fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { maxLength: 30 })
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(cluster, { maxLength: 5 }),
        (zone, clusters) => {
          const all = clusters.flatMap(([base, offsets]) => [base, ...offsets.map((o) => base + o)])
          all.sort((a, b) => b - a)
          const timeline = toTimeline(
            all.map((ms) => event('Email Sent', { at: new Date(ms).toISOString() })),
            NO_BURSTS
          )
          const expected = new Map<string, number>()
          for (const ms of all) {
            const day = referenceDay(ms, zone)
            expected.set(day, (expected.get(day) ?? 0) + 1)
          }
          const grouped = groupByDay(timeline, zone)
          expect(grouped.map(({ day, entries }) => [day, entries.length])).toEqual([...expected])
        }
      ),
      { numRuns: 300 }
    )
  })
})
