import { describe, expect, it } from 'vitest'

import { dayEnd, dayStart } from './day-start.ts'

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('dayStart and dayEnd: a calendar day in the viewer’s zone', () => {
  it.each([
    ['2026-11-21', 'UTC', '2026-11-21T00:00:00.000Z', '2026-11-22T00:00:00.000Z'],
    // The agent in Tokyo means Tokyo's day: it starts at 15:00 UTC the day before.
    ['2026-11-21', 'Asia/Tokyo', '2026-11-20T15:00:00.000Z', '2026-11-21T15:00:00.000Z'],
    ['2026-11-21', 'America/Los_Angeles', '2026-11-21T08:00:00.000Z', '2026-11-22T08:00:00.000Z'],
    ['2026-11-21', 'Asia/Kathmandu', '2026-11-20T18:15:00.000Z', '2026-11-21T18:15:00.000Z'],
    // A 23-hour day (DST starts at 02:00) and a 25-hour one (it ends).
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    // Midnight skipped: the day starts at 01:00 local.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    // A day a zone never had: it starts (and ends) where the next one starts.
    ['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00.000Z', '2011-12-30T10:00:00.000Z'],
  ])('%s in %s: %s to %s', (day, zone, start, end) => {
    expect(iso(dayStart(day, zone))).toBe(start)
    expect(iso(dayEnd(day, zone))).toBe(end)
  })

  it('reads an unknown or absent zone as UTC, as the day headings do', () => {
    expect(iso(dayStart('2026-11-21', undefined))).toBe('2026-11-21T00:00:00.000Z')
    expect(iso(dayStart('2026-11-21', 'Mars/Olympus'))).toBe('2026-11-21T00:00:00.000Z')
  })

  it.each(['', '2026-02-30', '2026-11-21T00:00:00Z', '21/11/2026'])(
    'has no instant for %j',
    (day) => {
      expect(dayStart(day, 'Asia/Tokyo')).toBeUndefined()
      expect(dayEnd(day, 'Asia/Tokyo')).toBeUndefined()
    }
  )
})
