import { describe, expect, it } from 'vitest'

import { InvalidRequestError } from './errors.ts'
import { toEventKey } from './event-key.ts'
import {
  type EventsQuery,
  MAX_EVENTS_LIMIT,
  parseEventsWireQuery,
  parseIsoInstant,
  toEventsWireQuery,
} from './events-query.ts'

function invalid(run: () => unknown): InvalidRequestError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError)
    return error as InvalidRequestError
  }
  throw new Error('expected an InvalidRequestError, nothing was thrown')
}

/** The instant of a calendar date in any year, 0..99 included (Date.UTC would read those as 19xx). */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, h, mi, s, ms))
  date.setUTCFullYear(year)
  return date.getTime()
}

describe('toEventKey', () => {
  it.each([
    ['Email Opened', 'email_opened'],
    ['email_opened', 'email_opened'],
    ['  Page Viewed!! ', 'page_viewed'],
    ['Order -- Completed', 'order_completed'],
    ['Café Visité', 'café_visité'],
    ['---', ''],
  ])('%j -> %j', (name, key) => {
    expect(toEventKey(name)).toBe(key)
  })
})

describe('include / exclude', () => {
  it('normalises event names to keys on the wire side', () => {
    expect(
      parseEventsWireQuery({
        include: 'Email Opened,page',
        exclude: 'Page Viewed, Experiment Viewed',
      })
    ).toEqual({
      include: ['email_opened', 'page'],
      exclude: ['page_viewed', 'experiment_viewed'],
    })
  })

  it('sends names the endpoint reads as the same keys', () => {
    const wire = toEventsWireQuery({
      include: ['Email Opened', 'email_clicked'],
      exclude: ['Page Viewed'],
    })
    expect(parseEventsWireQuery(wire)).toEqual({
      include: ['email_opened', 'email_clicked'],
      exclude: ['page_viewed'],
    })
  })

  it('ignores empty items between commas on the wire but needs at least one key', () => {
    expect(parseEventsWireQuery({ include: 'a,,b,' }).include).toEqual(['a', 'b'])
    expect(invalid(() => parseEventsWireQuery({ include: ',,' })).message).toMatch(
      /include must list 1 to 50/
    )
    expect(invalid(() => parseEventsWireQuery({ exclude: '' })).message).toMatch(/exclude/)
  })

  it('accepts 50 keys and rejects 51', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `event_${i}`)
    expect(parseEventsWireQuery({ include: keys(50).join(',') }).include).toHaveLength(50)
    invalid(() => parseEventsWireQuery({ include: keys(51).join(',') }))
    invalid(() => toEventsWireQuery({ exclude: keys(51) }))
  })

  it.each([[['a,b']], [['']], [['!!!']], [[]], [['ok', '  ']]])(
    'rejects the caller entries %j before sending',
    (include) => {
      expect(invalid(() => toEventsWireQuery({ include })).message).toMatch(/include/)
    }
  )
})

describe('start / end', () => {
  it.each([
    ['2006-01-02', utc(2006, 1, 2)],
    ['2024-02-29', utc(2024, 2, 29)],
    ['2024-03-10T12:34:56Z', utc(2024, 3, 10, 12, 34, 56)],
    ['2024-03-10T12:34:56.789Z', utc(2024, 3, 10, 12, 34, 56, 789)],
    ['2024-03-10T12:34Z', utc(2024, 3, 10, 12, 34)],
    ['2024-03-10T12:34:56', utc(2024, 3, 10, 12, 34, 56)],
    ['2024-03-10 12:34:56', utc(2024, 3, 10, 12, 34, 56)],
    ['2024-03-10T12:34:56.5+01:00', utc(2024, 3, 10, 11, 34, 56, 500)],
    ['2024-03-10T12:34:56-05:30', utc(2024, 3, 10, 18, 4, 56)],
    ['2024-03-10T00:30:00+0200', utc(2024, 3, 9, 22, 30)],
    ['2024-12-31T23:59:59+14:00', utc(2024, 12, 31, 9, 59, 59)],
  ])('reads %s', (text, ms) => {
    expect(parseIsoInstant(text)).toBe(ms)
    expect(parseEventsWireQuery({ start: text, end: text })).toEqual({ start: ms, end: ms })
  })

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:60Z',
    '2024/01/01',
    '20240101',
    '24-01-01',
    '2024-1-1',
    '2024-01-01T10',
    'yesterday',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined()
    expect(invalid(() => toEventsWireQuery({ start: text })).message).toMatch(
      /start must be an ISO 8601 date/
    )
    expect(invalid(() => toEventsWireQuery({ end: text })).message).toMatch(
      /end must be an ISO 8601 date/
    )
  })

  it('never reads a year below 100 as 19xx', () => {
    for (const text of ['0050-06-15', '0099-12-31T23:59:59Z', '0001-01-01']) {
      const ms = parseIsoInstant(text)
      if (ms !== undefined) expect(new Date(ms).getUTCFullYear()).toBeLessThan(100)
    }
  })

  // ISO 8601 years run 0000..9999: a year below 100 is a real calendar date.
  it('accepts real calendar dates in years below 100', () => {
    expect(parseIsoInstant('0050-06-15')).toBe(utc(50, 6, 15))
    expect(parseIsoInstant('0099-12-31T23:59:59Z')).toBe(utc(99, 12, 31, 23, 59, 59))
    const year50 = new Date(utc(50, 6, 15))
    expect(toEventsWireQuery({ start: year50 })).toEqual({ start: '0050-06-15T00:00:00.000Z' })
  })

  // An offset is ±hh:mm with hh 00..23 and mm 00..59; anything else is not ISO 8601.
  it('rejects offsets whose hours or minutes are out of range', () => {
    for (const text of [
      '2024-01-01T00:00:00+05:60',
      '2024-01-01T00:00:00+24:00',
      '2024-01-01T00:00:00-99:99',
    ]) {
      expect(parseIsoInstant(text), text).toBeUndefined()
      invalid(() => toEventsWireQuery({ start: text }))
    }
  })

  it('sends a Date as ISO 8601 text and rejects an invalid Date', () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))
    expect(toEventsWireQuery({ start: at })).toEqual({ start: '2024-01-02T03:04:05.006Z' })
    expect(invalid(() => toEventsWireQuery({ start: new Date(Number.NaN) })).message).toMatch(
      /start is an invalid Date/
    )
    expect(invalid(() => toEventsWireQuery({ end: new Date('nope') })).message).toMatch(
      /end is an invalid Date/
    )
  })

  it('rejects start after end, comparing instants rather than text', () => {
    expect(
      invalid(() => toEventsWireQuery({ start: '2024-01-02', end: '2024-01-01' })).message
    ).toMatch(/start must not be after end/)
    expect(toEventsWireQuery({ start: '2024-01-01', end: '2024-01-01' })).toEqual({
      start: '2024-01-01',
      end: '2024-01-01',
    })
    // 10:00+02:00 is 08:00Z, before 09:00Z, though its text sorts after.
    expect(() =>
      toEventsWireQuery({ start: '2024-01-01T10:00:00+02:00', end: '2024-01-01T09:00:00Z' })
    ).not.toThrow()
    invalid(() =>
      toEventsWireQuery({ start: '2024-01-01T10:00:00-02:00', end: '2024-01-01T11:00:00Z' })
    )
  })
})

describe('sort', () => {
  it('accepts asc and desc only', () => {
    expect(parseEventsWireQuery({ sort: 'asc' }).sort).toBe('asc')
    expect(toEventsWireQuery({ sort: 'desc' })).toEqual({ sort: 'desc' })
    expect(invalid(() => parseEventsWireQuery({ sort: 'ASC' })).message).toMatch(
      /sort must be asc or desc/
    )
    invalid(() => toEventsWireQuery({ sort: 'newest' } as unknown as EventsQuery))
  })
})

describe('limit', () => {
  it.each([1, 50, MAX_EVENTS_LIMIT])('accepts %d', (limit) => {
    expect(toEventsWireQuery({ limit })).toEqual({ limit: String(limit) })
    expect(parseEventsWireQuery({ limit: String(limit) }).limit).toBe(limit)
  })

  it.each([0, -1, 101, 1000, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (limit) => {
    expect(invalid(() => toEventsWireQuery({ limit })).message).toMatch(
      /limit must be an integer between 1 and 100/
    )
  })

  it.each(['', 'abc', '1.0', '+5', ' 5', '1e2', '0'])('rejects the wire value %j', (limit) => {
    invalid(() => parseEventsWireQuery({ limit }))
  })
})

describe('the whole query', () => {
  it('sends nothing for an empty query', () => {
    expect(toEventsWireQuery()).toEqual({})
    expect(toEventsWireQuery({})).toEqual({})
    expect(parseEventsWireQuery({})).toEqual({})
  })

  it('leaves undefined fields out of the wire', () => {
    expect(toEventsWireQuery({ include: undefined, limit: undefined, sort: 'asc' })).toEqual({
      sort: 'asc',
    })
  })

  it('serialises every field and parses it back', () => {
    const wire = toEventsWireQuery({
      include: ['Email Opened'],
      exclude: ['page'],
      start: '2024-01-01',
      end: new Date(Date.UTC(2024, 1, 1)),
      sort: 'asc',
      limit: 25,
    })
    expect(wire).toEqual({
      include: 'Email Opened',
      exclude: 'page',
      start: '2024-01-01',
      end: '2024-02-01T00:00:00.000Z',
      sort: 'asc',
      limit: '25',
    })
    expect(parseEventsWireQuery(wire)).toEqual({
      include: ['email_opened'],
      exclude: ['page'],
      start: utc(2024, 1, 1),
      end: utc(2024, 2, 1),
      sort: 'asc',
      limit: 25,
    })
  })

  it('ignores unknown wire parameters, as upstream does', () => {
    expect(parseEventsWireQuery({ scrollId: 'abc', foo: 'bar', limit: '5' })).toEqual({ limit: 5 })
  })

  it('names the first bad parameter, and is never retryable', () => {
    const error = invalid(() => parseEventsWireQuery({ limit: '0', sort: 'asc' }))
    expect(error.code).toBe('invalid_request_error')
    expect(error.retryable).toBe(false)
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(/limit/)
  })
})
