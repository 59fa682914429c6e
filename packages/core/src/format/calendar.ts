/**
 * @module format/calendar
 * Calendar days in a time zone: the `YYYY-MM-DD` key that groups timeline rows, and day counts for
 * "Yesterday" and relative times. Built on Intl (no date library): formatToParts in the zone with
 * the Gregorian calendar and Latin digits, whatever the viewer's locale.
 *
 * formatToParts is the slowest call in formatting a timeline (~3 µs), and rows cluster in time, so
 * days are cached per UTC hour: an hour whose first and last millisecond fall on the same date is
 * entirely on that date (dates only move forward), so every instant in it shares the answer. An hour
 * that contains a midnight, in whatever offset the zone has, is computed per instant. Exact for any
 * zone, including half- and quarter-hour offsets and DST days.
 */
import { dateTimeFormat } from '../i18n/intl-cache.ts'

export interface CalendarDay {
  readonly year: number
  readonly month: number
  readonly day: number
  /** `YYYY-MM-DD`. */
  readonly key: string
  /** Days since 1970-01-01 for this calendar date: differences count calendar days. */
  readonly serial: number
}

const HOUR = 3_600_000
const MAX_CACHED_HOURS = 20_000
/** Per zone: UTC hour index -> its day, or null when the hour straddles a midnight. */
const hours = new Map<string, Map<number, CalendarDay | null>>()

const pad = (n: number, width: number) => String(n).padStart(width, '0')

function computeDay(ms: number, timeZone: string): CalendarDay {
  let year = 1970
  let month = 1
  let day = 1
  for (const part of dateTimeFormat('en', timeZone, 'dayKey').formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value)
    else if (part.type === 'month') month = Number(part.value)
    else if (part.type === 'day') day = Number(part.value)
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return {
    year,
    month,
    day,
    key: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    serial: Math.round(date.getTime() / 86_400_000),
  }
}

/** The calendar day of instant `ms` in `timeZone` (an unknown zone counts as UTC). */
export function calendarDay(ms: number, timeZone: string): CalendarDay {
  let zone = hours.get(timeZone)
  if (zone === undefined) {
    zone = new Map()
    hours.set(timeZone, zone)
  } else if (zone.size > MAX_CACHED_HOURS) {
    zone.clear()
  }
  const hour = Math.floor(ms / HOUR)
  let cached = zone.get(hour)
  if (cached === undefined) {
    const start = computeDay(hour * HOUR, timeZone)
    const end = computeDay(hour * HOUR + HOUR - 1, timeZone)
    cached = start.key === end.key ? start : null
    zone.set(hour, cached)
  }
  return cached ?? computeDay(ms, timeZone)
}

/** Whole months from `from` to `to` (negative when `to` is earlier), counting complete months. */
export function monthsBetween(from: CalendarDay, to: CalendarDay): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month)
  // Jan 31 -> Mar 1 is one complete month, not two.
  if (months > 0 && to.day < from.day) months--
  if (months < 0 && to.day > from.day) months++
  return months
}
