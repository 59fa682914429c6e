/**
 * @module format/day-start
 * The first instant of a calendar day in a time zone: where a date filter's "From" day begins and
 * where the day after its "To" begins. An agent in Tokyo who picks 21 November means Tokyo's 21
 * November, the day the timeline's headings show, not UTC's.
 *
 * Found by bisection on calendarDay rather than by subtracting an offset: a day can start at 01:00
 * (a DST change at midnight), be skipped (Samoa, 30 December 2011) or sit under an offset of
 * minutes and seconds (before 1970), and "the first instant whose date is this day or later" is
 * exact in every such case because dates in a zone only move forward (calendar.ts). ~28 Intl
 * calls, done once per change of the filter, never per row.
 */
import { parseIsoInstant } from '../iso-instant.ts'
import { calendarDay } from './calendar.ts'

const DAY = 86_400_000
/** Wider than any offset a zone has had (+14:00 today, about ±16 in the 19th century). */
const SEARCH = 26 * 3_600_000

/** `YYYY-MM-DD`, as a date input gives it; undefined for anything else or an impossible date. */
function utcMidnight(key: string): number | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? parseIsoInstant(key) : undefined
}

/** Epoch ms of the first instant of day `key` (`YYYY-MM-DD`) in `timeZone` (unknown: UTC). */
export function dayStart(key: string, timeZone: string | undefined): number | undefined {
  const midnight = utcMidnight(key)
  if (midnight === undefined) return undefined
  const zone = timeZone ?? 'UTC'
  // Invariant: lo's date is before `key`, hi's is `key` or later.
  let lo = midnight - SEARCH
  let hi = midnight + SEARCH
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (calendarDay(mid, zone).key >= key) hi = mid
    else lo = mid
  }
  return hi
}

/** Epoch ms where day `key` ends in `timeZone`: the first instant of the next day. */
export function dayEnd(key: string, timeZone: string | undefined): number | undefined {
  const midnight = utcMidnight(key)
  if (midnight === undefined) return undefined
  return dayStart(new Date(midnight + DAY).toISOString().slice(0, 10), timeZone)
}
