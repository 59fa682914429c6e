import { describe, expect, it } from 'vitest'

import { calendarDay, monthsBetween } from './calendar.ts'
import { formatRelative, relativeParts } from './relative-time.ts'

const NOW = Date.parse('2026-11-22T12:00:00Z') // Sunday, 13:00 in Berlin
const ago = (ms: number) => NOW - ms
const S = 1000
const M = 60 * S
const H = 60 * M
const D = 24 * H

describe('relativeParts', () => {
  it.each([
    ['just now', ago(3 * S), { value: 0, unit: 'second' }],
    ['a moment ahead is still now', NOW + 9 * S, { value: 0, unit: 'second' }],
    ['seconds', ago(42 * S), { value: -42, unit: 'second' }],
    ['minutes, truncated', ago(59 * M + 59 * S), { value: -59, unit: 'minute' }],
    ['hours', ago(2 * H + 50 * M), { value: -2, unit: 'hour' }],
    ['23 hours is still hours', ago(23 * H + 59 * M), { value: -23, unit: 'hour' }],
    ['calendar days after a day', ago(30 * H), { value: -1, unit: 'day' }],
    ['6 days', ago(6 * D), { value: -6, unit: 'day' }],
    ['weeks from 7 days', ago(7 * D), { value: -1, unit: 'week' }],
    ['3 weeks', ago(26 * D), { value: -3, unit: 'week' }],
    ['months from 4 weeks', ago(40 * D), { value: -1, unit: 'month' }],
    ['11 months', ago(340 * D), { value: -11, unit: 'month' }],
    ['years', ago(800 * D), { value: -2, unit: 'year' }],
    ['future minutes', NOW + 5 * M, { value: 5, unit: 'minute' }],
    ['future days', NOW + 3 * D, { value: 3, unit: 'day' }],
    ['future weeks', NOW + 15 * D, { value: 2, unit: 'week' }],
    ['future years', NOW + 400 * D, { value: 1, unit: 'year' }],
  ])('%s', (_, at, expected) => {
    expect(relativeParts(at, NOW, 'Europe/Berlin')).toEqual(expected)
  })

  it('counts days by the calendar of the viewer’s zone', () => {
    // 36.5 hours ago: 18:30 on the 20th in New York (now 07:00 on the 22nd) but 00:30 on the 21st
    // in Berlin (now 13:00 on the 22nd): two days ago there, yesterday here.
    const twoDates = Date.parse('2026-11-20T23:30:00Z') // 21st in Berlin, 20th in New York
    expect(relativeParts(twoDates, NOW, 'Europe/Berlin')).toEqual({ value: -1, unit: 'day' })
    expect(relativeParts(twoDates, NOW, 'America/New_York')).toEqual({ value: -2, unit: 'day' })
  })

  it('stays with hours when a day apart on a 25-hour DST day shares a date', () => {
    // Berlin leaves summer time on 2026-10-25: that date lasts 25 hours.
    const start = Date.parse('2026-10-24T22:10:00Z') // 00:10 CEST on the 25th
    const later = start + 24 * H + 20 * M // 23:30 CET, still the 25th
    expect(relativeParts(start, later, 'Europe/Berlin')).toEqual({ value: -24, unit: 'hour' })
  })

  it('counts complete months by the calendar', () => {
    const now = Date.parse('2026-03-01T12:00:00Z')
    // Jan 31 -> Mar 1 is one complete month, even though the month numbers differ by two.
    expect(relativeParts(Date.parse('2026-01-31T12:00:00Z'), now, 'UTC')).toEqual({
      value: -1,
      unit: 'month',
    })
  })
})

describe('formatRelative', () => {
  it.each([
    ['en', ago(2 * H), '2 hours ago'],
    ['en', ago(30 * H), 'yesterday'],
    ['en', ago(3 * S), 'now'],
    ['en', NOW + 30 * H, 'tomorrow'],
    ['en', NOW + 3 * M, 'in 3 minutes'],
    ['de', ago(30 * H), 'gestern'],
    ['de', ago(2 * H), 'vor 2 Stunden'],
    ['fr', ago(30 * H), 'hier'],
    ['es', ago(30 * H), 'ayer'],
    ['nl', ago(30 * H), 'gisteren'],
    ['pt-BR', ago(30 * H), 'ontem'],
    ['ja', ago(30 * H), '昨日'],
    ['en', ago(8 * D), 'last week'],
    ['en', ago(400 * D), 'last year'],
  ])('%s %#', (locale, at, expected) => {
    expect(formatRelative(at, NOW, locale, 'Europe/Berlin')).toBe(expected)
  })
})

describe('calendarDay', () => {
  it('gives the date in the zone, whatever the locale’s calendar or digits would be', () => {
    const at = Date.parse('2026-11-21T23:30:00Z')
    expect(calendarDay(at, 'UTC').key).toBe('2026-11-21')
    expect(calendarDay(at, 'Europe/Berlin').key).toBe('2026-11-22')
    expect(calendarDay(at, 'America/Los_Angeles').key).toBe('2026-11-21')
    expect(calendarDay(Date.parse('0099-06-01T00:00:00Z'), 'UTC').key).toBe('0099-06-01')
  })

  it('is exact around midnight in zones with odd offsets', () => {
    // Nepal is UTC+5:45: midnight falls at 18:15 UTC, inside a UTC hour.
    expect(calendarDay(Date.parse('2026-11-21T18:14:59.999Z'), 'Asia/Kathmandu').key).toBe(
      '2026-11-21'
    )
    expect(calendarDay(Date.parse('2026-11-21T18:15:00.000Z'), 'Asia/Kathmandu').key).toBe(
      '2026-11-22'
    )
    // Chatham is UTC+13:45 in its summer.
    expect(calendarDay(Date.parse('2026-11-21T10:14:00Z'), 'Pacific/Chatham').key).toBe(
      '2026-11-21'
    )
    expect(calendarDay(Date.parse('2026-11-21T10:16:00Z'), 'Pacific/Chatham').key).toBe(
      '2026-11-22'
    )
  })

  it('counts serial days across months and years', () => {
    const a = calendarDay(Date.parse('2026-12-31T12:00:00Z'), 'UTC')
    const b = calendarDay(Date.parse('2027-01-01T12:00:00Z'), 'UTC')
    expect(b.serial - a.serial).toBe(1)
    expect(monthsBetween(a, b)).toBe(0)
  })
})
