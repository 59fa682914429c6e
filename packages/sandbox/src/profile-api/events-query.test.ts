// The sandbox's own reading of the events query, checked against the spec's parameter table.
import { describe, expect, it } from 'vitest'

import { eventKeyOf } from './event-key.ts'
import { readEventsCall, type EventsRequest } from './events-query.ts'
import { readIsoInstant } from './iso-instant.ts'
import { RequestError } from './request-error.ts'

function query(params: Record<string, string>): EventsRequest {
  const call = readEventsCall(params)
  if (call.kind !== 'query') throw new Error('read as a scroll')
  return call.query
}

function refused(params: Record<string, string>): RequestError {
  try {
    readEventsCall(params)
  } catch (error) {
    if (error instanceof RequestError) return error
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(params)}`)
}

describe('readEventsCall', () => {
  it('defaults to newest first, 100 a page, no filters', () => {
    expect(query({})).toEqual({ sort: 'desc', limit: 100 })
  })

  it('reads the spec examples', () => {
    expect(
      query({
        include: 'page,',
        exclude: 'Page Viewed,Experiment Viewed',
        start: '2006-01-02',
        end: '2018-01-02',
        sort: 'asc',
        limit: '50',
      })
    ).toEqual({
      include: ['page'],
      exclude: ['page_viewed', 'experiment_viewed'],
      start: Date.UTC(2006, 0, 2),
      end: Date.UTC(2018, 0, 2),
      sort: 'asc',
      limit: 50,
    })
  })

  it('takes a key or a display name for the same event', () => {
    expect(query({ include: 'email_opened,Email Opened' }).include).toEqual(['email_opened'])
    expect(eventKeyOf('  Add-to-Cart!  ')).toBe('add_to_cart')
    expect(eventKeyOf('Zoë Viewed')).toBe('zoë_viewed')
  })

  it.each([1, 7, 99, 100])('accepts limit %i', (limit) => {
    expect(query({ limit: String(limit) }).limit).toBe(limit)
  })

  it.each([
    ['limit 0', { limit: '0' }],
    ['limit 101', { limit: '101' }],
    ['a negative limit', { limit: '-1' }],
    ['a fractional limit', { limit: '1.5' }],
    ['a limit in words', { limit: 'ten' }],
    ['an empty limit', { limit: '' }],
    ['sort in capitals', { sort: 'ASC' }],
    ['an unknown sort', { sort: 'up' }],
    ['an unparsable start', { start: 'yesterday' }],
    ['a date that does not exist', { end: '2023-02-29' }],
    ['an hour past 23', { start: '2024-01-01T24:00:00Z' }],
    ['start after end', { start: '2025-01-02', end: '2025-01-01' }],
    ['an include naming nothing', { include: ' , ,' }],
    ['an empty exclude', { exclude: '' }],
  ])('answers %s with invalid_request_error', (_label, params) => {
    expect(refused(params)).toMatchObject({ code: 'invalid_request_error', status: 400 })
  })

  it('with a scrollId ignores every other parameter, valid or not', () => {
    expect(readEventsCall({ scrollId: 'abc', limit: '999', sort: 'sideways' })).toEqual({
      kind: 'scroll',
      scrollId: 'abc',
    })
  })

  it('ignores parameters the spec does not define', () => {
    expect(query({ page: '2', limit: '5' })).toEqual({ sort: 'desc', limit: 5 })
  })
})

describe('readIsoInstant', () => {
  it.each([
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2024-01-01T10:00:00Z', Date.UTC(2024, 0, 1, 10)],
    ['2024-01-01T10:00Z', Date.UTC(2024, 0, 1, 10)],
    ['2024-01-01 10:00:00', Date.UTC(2024, 0, 1, 10)],
    ['2024-01-01T10:00:00+02:00', Date.UTC(2024, 0, 1, 8)],
    ['2024-01-01T10:00:00-0530', Date.UTC(2024, 0, 1, 15, 30)],
    ['2024-01-01T10:00:00.250Z', Date.UTC(2024, 0, 1, 10, 0, 0, 250)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59Z', -1000],
    ['0050-01-01', new Date('0050-01-01T00:00:00Z').getTime()],
  ])('reads %s', (text, ms) => {
    expect(readIsoInstant(text)).toBe(ms)
  })

  it('keeps fractions below a millisecond', () => {
    expect(readIsoInstant('1970-01-01T00:00:00.0001234Z')).toBeCloseTo(0.1234, 9)
  })

  it.each([
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-1-01',
    '2024-01-01T10',
    '2024-01-01T10:60',
    '2024-01-01T10:00:60Z',
    '2024-01-01T10:00:00+24:00',
    '2024-01-01T10:00:00+02',
    '2024-01-01Z',
    '2024-01-01T10:00:00z',
    '2024-01-01T10:00:00.1234567891Z',
    'soon',
  ])('refuses %s', (text) => {
    expect(readIsoInstant(text)).toBeUndefined()
  })
})
