/**
 * @module format/relative-time
 * "2 hours ago", "yesterday", "in 3 days" via Intl.RelativeTimeFormat (numeric: 'auto'). Intl exists
 * in every runtime core targets, so there is no hand-written fallback text to translate.
 *
 * Units: seconds under a minute, minutes under an hour, hours under a day, then calendar days in
 * the viewer's zone (so "yesterday" means the previous date, not "24-48 hours ago"), weeks under
 * four weeks, complete calendar months under a year, then years. Counts truncate toward zero, as
 * people say them ("1 hour ago" until it has been 2 hours). Future instants read "in …".
 */
import { relativeTimeFormat } from '../i18n/intl-cache.ts'
import { calendarDay, monthsBetween, type CalendarDay } from './calendar.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Below this a time is "now": clocks of the tracker and of the viewer never agree to the second. */
const NOW_THRESHOLD = 10 * SECOND

export interface RelativeParts {
  readonly value: number
  readonly unit: Intl.RelativeTimeFormatUnit
}

/** The unit and signed count for `atMs` seen from `nowMs`, calendar days taken in `timeZone`. */
export function relativeParts(
  atMs: number,
  nowMs: number,
  timeZone: string,
  days?: { readonly at: CalendarDay; readonly now: CalendarDay }
): RelativeParts {
  const diff = atMs - nowMs
  const abs = Math.abs(diff)
  const sign = diff < 0 ? -1 : 1
  // `+ 0` turns -0 into 0 so that Intl prints "now", not "0 seconds ago".
  const count = (unitMs: number) => sign * Math.floor(abs / unitMs) + 0
  if (abs < NOW_THRESHOLD) return { value: 0, unit: 'second' }
  if (abs < MINUTE) return { value: count(SECOND), unit: 'second' }
  if (abs < HOUR) return { value: count(MINUTE), unit: 'minute' }
  if (abs < DAY) return { value: count(HOUR), unit: 'hour' }
  const at = days?.at ?? calendarDay(atMs, timeZone)
  const now = days?.now ?? calendarDay(nowMs, timeZone)
  const dayDiff = at.serial - now.serial
  // On a 25-hour day (DST ends) two instants a day apart can share a date: stay with hours.
  if (dayDiff === 0) return { value: count(HOUR), unit: 'hour' }
  if (Math.abs(dayDiff) < 7) return { value: dayDiff, unit: 'day' }
  if (Math.abs(dayDiff) < 28) return { value: Math.trunc(dayDiff / 7), unit: 'week' }
  const months = monthsBetween(now, at) || sign
  if (Math.abs(months) < 12) return { value: months, unit: 'month' }
  return { value: Math.trunc(months / 12), unit: 'year' }
}

/** Relative time text in `locale` ("2 hours ago", "gestern", "3日後"). */
export function formatRelative(
  atMs: number,
  nowMs: number,
  locale: string,
  timeZone: string,
  days?: { readonly at: CalendarDay; readonly now: CalendarDay }
): string {
  const { value, unit } = relativeParts(atMs, nowMs, timeZone, days)
  return relativeTimeFormat(locale).format(value, unit)
}
