/**
 * @module timeline/group-by-day
 * Groups timeline entries under the calendar day they happened on, in the viewer's time zone
 * ("Today", "Sun, Nov 22" headings are the renderer's business; this answers `YYYY-MM-DD`).
 *
 * Formatting one instant with Intl costs a few microseconds, 40ms for 10,000 entries, so entries are
 * not formatted one by one: for each day met, the day's exact UTC interval is worked out once (from
 * the zone offset at the instant and at both ends of the day) and the following entries that fall in
 * it reuse its key. A day with a DST change has no single offset; its entries are formatted one by
 * one, which is exact and rare. Formatters are cached per zone.
 *
 * A burst is grouped by its `at`, its newest item. Entries whose time cannot be read go under the
 * day `''`. An unknown time zone falls back to UTC, as the renderer does, so that a bad setting
 * does not blank the sidebar.
 */
import { instantMs } from './event-time.ts'
import type { TimelineEntry } from './timeline-entry.ts'

export interface TimelineDay {
  /** `YYYY-MM-DD` in the requested time zone; '' for entries without a readable time. */
  readonly day: string
  readonly entries: TimelineEntry[]
}

const DAY_MS = 86_400_000
/** Zones come from settings, maybe from data: the cache must not grow without bound. */
const MAX_ZONES = 64
const formatters = new Map<string, Intl.DateTimeFormat>()

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    calendar: 'gregory',
    numberingSystem: 'latn',
  })
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = makeFormatter(timeZone)
    } catch {
      formatter = makeFormatter('UTC')
    }
    if (formatters.size >= MAX_ZONES) formatters.clear()
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Wall-clock fields of an instant in the formatter's zone. */
interface Wall {
  readonly key: string
  /** Epoch ms of the local midnight that starts the day, read as if the wall clock were UTC. */
  readonly midnight: number
  /** Zone offset in ms at this instant (local minus UTC). */
  readonly offset: number
}

function utc(year: number, month: number, day: number, h = 0, m = 0, s = 0): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads years below 100 as 19xx.
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(h, m, s)
  return d.getTime()
}

function wallOf(formatter: Intl.DateTimeFormat, ms: number): Wall {
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value)
    else if (part.type === 'month') month = Number(part.value)
    else if (part.type === 'day') day = Number(part.value)
    else if (part.type === 'hour') hour = Number(part.value)
    else if (part.type === 'minute') minute = Number(part.value)
    else if (part.type === 'second') second = Number(part.value)
  }
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    key: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    midnight: utc(year, month, day),
    offset: utc(year, month, day, hour, minute, second) - Math.floor(ms / 1000) * 1000,
  }
}

/** The day an instant falls on, remembering the day's interval for the next instants. */
class DayFinder {
  private key = ''
  private start = Number.NaN
  private end = Number.NaN

  constructor(private readonly formatter: Intl.DateTimeFormat) {}

  dayOf(ms: number): string {
    if (ms >= this.start && ms < this.end) return this.key
    const wall = wallOf(this.formatter, ms)
    const start = wall.midnight - wall.offset
    const end = start + DAY_MS
    // The interval holds only if the offset is the same at both ends (no DST change that day).
    const exact =
      wallOf(this.formatter, start).offset === wall.offset &&
      wallOf(this.formatter, end - 1).offset === wall.offset
    this.key = wall.key
    this.start = exact ? start : Number.NaN
    this.end = exact ? end : Number.NaN
    return wall.key
  }
}

/**
 * Entries grouped by day in `timeZone` (an IANA name such as `Europe/London`). Days appear in the
 * order their first entry appears, and entries keep their order: newest-first entries give
 * newest-first days.
 */
export function groupByDay(entries: readonly TimelineEntry[], timeZone: string): TimelineDay[] {
  const finder = new DayFinder(formatterFor(timeZone))
  const days = new Map<string, TimelineEntry[]>()
  for (const entry of entries) {
    const at: unknown = entry.at
    const ms = typeof at === 'string' ? instantMs(at) : undefined
    const day = ms === undefined ? '' : finder.dayOf(ms)
    const list = days.get(day)
    if (list === undefined) days.set(day, [entry])
    else list.push(entry)
  }
  return [...days].map(([day, list]) => ({ day, entries: list }))
}
