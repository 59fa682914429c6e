import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { InvalidRequestError } from './errors.ts'
import { toEventKey } from './event-key.ts'
import {
  type EventsQuery,
  parseEventsWireQuery,
  parseIsoInstant,
  toEventsWireQuery,
} from './events-query.ts'

const RUNS = { numRuns: 600 }

const goodName = fc.constantFrom(
  'Email Opened',
  'email_opened',
  'page',
  'Page Viewed',
  'Ünïcode Évent',
  'order 2'
)
const anyName = fc.oneof(
  goodName,
  fc.constantFrom('', ' ', 'a,b', '!!!'),
  fc.string({ maxLength: 12 })
)
/** Mostly valid lists, so that both outcomes are exercised often. */
const keyList = fc.oneof(
  { weight: 3, arbitrary: fc.array(goodName, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(anyName, { maxLength: 60 }) }
)

/** Years 100..9999: the range every ISO 8601 reader agrees on. */
const validDate = fc.date({
  min: new Date('0100-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
})
const isoLike = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })), {
      nil: undefined,
    }),
    fc.constantFrom('', 'Z', '+01:00', '-0530', '+14:00')
  )
  .map(([y, mo, d, time, zone]) => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0')
    const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`
    return time === undefined ? date : `${date}T${pad(time[0])}:${pad(time[1])}${zone}`
  })
const instant = fc.oneof(
  { weight: 3, arbitrary: validDate },
  { weight: 3, arbitrary: validDate.map((date) => date.toISOString()) },
  { weight: 1, arbitrary: fc.date() }, // invalid Dates included
  { weight: 1, arbitrary: isoLike },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }
)
const limit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -5, max: 205 }), fc.double(), fc.integer()) }
)

const query: fc.Arbitrary<EventsQuery> = fc.record(
  {
    include: keyList,
    exclude: keyList,
    start: instant,
    end: instant,
    sort: fc.constantFrom('asc' as const, 'desc' as const),
    limit,
  },
  { requiredKeys: [] }
)

function expectedInstant(value: Date | string): number | undefined {
  return typeof value === 'string' ? parseIsoInstant(value) : value.getTime()
}

describe('events query, property-based', () => {
  it('toEventsWireQuery either throws InvalidRequestError or returns params the wire schema accepts', () => {
    fc.assert(
      fc.property(query, (q) => {
        let wire: Record<string, string>
        try {
          wire = toEventsWireQuery(q)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRequestError)
          return
        }
        for (const value of Object.values(wire)) expect(typeof value).toBe('string')
        const parsed = parseEventsWireQuery(wire)
        expect(Object.keys(wire).sort()).toEqual(
          Object.keys(q)
            .filter((k) => k in wire)
            .sort()
        )
        if (q.include !== undefined) expect(parsed.include).toEqual(q.include.map(toEventKey))
        if (q.exclude !== undefined) expect(parsed.exclude).toEqual(q.exclude.map(toEventKey))
        if (q.start !== undefined) expect(parsed.start).toBe(expectedInstant(q.start))
        if (q.end !== undefined) expect(parsed.end).toBe(expectedInstant(q.end))
        expect(parsed.sort).toBe(q.sort)
        expect(parsed.limit).toBe(q.limit)
      }),
      RUNS
    )
  })

  it('every valid query is accepted and keeps its meaning', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _]{0,15}$/)
    const valid = fc.record({
      include: fc.array(word, { minLength: 1, maxLength: 50 }),
      range: fc
        .tuple(validDate, validDate)
        .map(([a, b]): [Date, Date] => (a <= b ? [a, b] : [b, a])),
      asText: fc.boolean(),
      sort: fc.constantFrom('asc' as const, 'desc' as const),
      limit: fc.integer({ min: 1, max: 100 }),
    })
    fc.assert(
      fc.property(valid, ({ include, range: [start, end], asText, sort, limit: n }) => {
        const q: EventsQuery = {
          include,
          start: asText ? start.toISOString() : start,
          end: asText ? end.toISOString() : end,
          sort,
          limit: n,
        }
        const parsed = parseEventsWireQuery(toEventsWireQuery(q))
        expect(parsed).toEqual({
          include: include.map(toEventKey),
          start: start.getTime(),
          end: end.getTime(),
          sort,
          limit: n,
        })
      }),
      RUNS
    )
  })

  it('parseIsoInstant agrees with Date.parse on ISO 8601 date-times with offsets', () => {
    const offset = fc.tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 0, max: 59 })
    )
    fc.assert(
      fc.property(validDate, offset, (date, [sign, h, m]) => {
        const zone = `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
        const text = `${date.toISOString().slice(0, 23)}${zone}`
        expect(parseIsoInstant(text)).toBe(Date.parse(text))
      }),
      RUNS
    )
  })

  it('parseEventsWireQuery throws nothing but InvalidRequestError on arbitrary wire text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      isoLike,
      fc.constantFrom('asc', 'desc', '1', '100', '101')
    )
    const wire = fc.record(
      {
        include: text,
        exclude: text,
        start: text,
        end: text,
        sort: text,
        limit: text,
        scrollId: text,
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(wire, (params) => {
        try {
          const parsed = parseEventsWireQuery(params)
          if (parsed.limit !== undefined) expect(Number.isInteger(parsed.limit)).toBe(true)
          if (parsed.start !== undefined && parsed.end !== undefined)
            expect(parsed.start).toBeLessThanOrEqual(parsed.end)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidRequestError)
        }
      }),
      RUNS
    )
  })
})
