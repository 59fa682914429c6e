/**
 * @module profile-api/iso-instant
 * The sandbox's reading of the events query's `start` / `end` ("in ISO 8601"; the spec's examples
 * are dates such as `2006-01-02`). Accepted:
 *   - a calendar date `YYYY-MM-DD` (midnight UTC);
 *   - a date-time `YYYY-MM-DDThh:mm[:ss[.f…]]`, `T` or a space (RFC 3339's allowance) between,
 *     with an optional zone `Z`, `±hh:mm` or `±hhmm`. Without a zone it is read as UTC, so
 *     an answer never depends on the time zone of the machine running the sandbox.
 * Dates must exist (no 2023-02-29), hours run 00-23, minutes and seconds 00-59 (JavaScript time has
 * no leap seconds), fractions carry at most 9 digits (nanoseconds).
 *
 * Own code rather than core's parser, so that the contract tests compare two readings of the spec;
 * and no `Date` arithmetic, whose rollover (Feb 30 -> Mar 1) and two-digit years (0050 -> 1950) are
 * exactly the traps a reading of ISO 8601 has to avoid.
 */
const DATE = String.raw`(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})`
const TIME = String.raw`(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d{1,9}))?)?`
const ZONE = String.raw`(?<zone>Z|[+-]\d{2}:?\d{2})`
const DATE_TIME = new RegExp(`^${DATE}(?:[T ]${TIME}${ZONE}?)?$`)

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 86_400_000

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Minutes east of UTC, or undefined for an impossible zone such as `+24:00`. */
function zoneMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2))
  if (hours > 23 || minutes > 59) return undefined
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes)
}

/** Epoch milliseconds (fractions below a millisecond kept), or undefined when not ISO 8601. */
export function readIsoInstant(text: string): number | undefined {
  const parts = DATE_TIME.exec(text)?.groups
  if (parts === undefined) return undefined
  const field = (name: string) => Number(parts[name] ?? 0)
  const [y, mo, d] = [field('year'), field('month'), field('day')]
  const [h, mi, s] = [field('hour'), field('minute'), field('second')]
  const fraction = parts.fraction ?? ''
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  if (h > 23 || mi > 59 || s > 59) return undefined
  const offset = zoneMinutes(parts.zone ?? 'Z')
  if (offset === undefined) return undefined
  const wholeMs = daysSinceEpoch(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000
  const subSecondMs = fraction === '' ? 0 : (Number(fraction) * 1000) / 10 ** fraction.length
  return wholeMs + subSecondMs - offset * MS_PER_MINUTE
}
