/**
 * @module iso-instant
 * ISO 8601 text as epoch milliseconds, strictly: no offset means UTC, impossible dates are refused.
 * A module of its own because the browser apps read times with it and need nothing else of
 * events-query.ts (whose query schemas would otherwise come along).
 */

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Epoch milliseconds of an ISO 8601 date or date-time; a time without offset is read as UTC. */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_8601.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', offset = 'Z'] = match
  const fraction = Number(`0.${frac}`) * 1000
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  // setUTCFullYear, not Date.UTC: Date.UTC reads years below 100 as 19xx.
  const date = new Date(0)
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d))
  date.setUTCHours(Number(h), Number(mi), Number(s))
  // A date such as 2024-02-31 rolls over into March; a real calendar date round-trips.
  const real =
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d)
  if (!real) return undefined
  let offsetMs = 0
  if (offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1
    const digits = offset.slice(1).replace(':', '')
    const offsetHours = Number(digits.slice(0, 2))
    const offsetMinutes = Number(digits.slice(2))
    if (offsetHours > 23 || offsetMinutes > 59) return undefined
    offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000
  }
  const utc = date.getTime()
  return utc + fraction - offsetMs
}
