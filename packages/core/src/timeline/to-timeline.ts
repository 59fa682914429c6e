/**
 * @module timeline/to-timeline
 * Events to the entries a sidebar shows: newest first whatever the input order (events at the same
 * instant keep their input order, so a server answer keeps its order), one entry per event, runs of
 * alike events collapsed into bursts (bursts.ts), one email's steps folded into one entry
 * (campaign-fold.ts). Linear apart from one sort: a customer with
 * 10,000 events takes milliseconds.
 */
import type { ProfileEvent } from '../schemas/event.ts'
import { collapseBursts } from './bursts.ts'
import { foldCampaigns } from './campaign-fold.ts'
import { describeEvent } from './describe-event.ts'
import { TraitMemory } from './describe-identify.ts'
import { eventMs } from './read-event.ts'
import type { TimelineEntry } from './timeline-entry.ts'

export const DEFAULT_BURST_WINDOW_MS = 5 * 60_000
export const DEFAULT_MIN_BURST = 3
export const DEFAULT_MAX_DETAILS = 4

export interface TimelineOptions {
  /** Largest gap between neighbours of a burst; default 5 minutes. 0 collapses same-instant runs only. */
  readonly burstWindowMs?: number | undefined
  /** Fewest entries that make a burst; default 3, at least 2. `Infinity` turns bursts off. */
  readonly minBurst?: number | undefined
  /** Most detail rows per entry; default 4. */
  readonly maxDetails?: number | undefined
}

/** A count option: a whole number >= min, Infinity allowed, anything else the default. */
function countOption(value: number | undefined, fallback: number, min: number): number {
  if (value === Number.POSITIVE_INFINITY) return value
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.max(min, Math.floor(value))
}

/** Unreadable times sort as the oldest: they cannot be placed, and the newest rows matter most. */
const sortKey = (ms: number): number => (Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms)

function newestFirst(keys: readonly number[]): boolean {
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i] as number) > (keys[i - 1] as number)) return false
  }
  return true
}

export function toTimeline(
  events: readonly ProfileEvent[],
  options: TimelineOptions = {}
): TimelineEntry[] {
  const maxDetails = countOption(options.maxDetails, DEFAULT_MAX_DETAILS, 0)
  const minBurst = countOption(options.minBurst, DEFAULT_MIN_BURST, 2)
  const window = options.burstWindowMs
  const windowMs =
    window === undefined || Number.isNaN(window) ? DEFAULT_BURST_WINDOW_MS : Math.max(0, window)

  const times = events.map(eventMs)
  const keys = times.map(sortKey)
  const order = keys.map((_, i) => i)
  // The events endpoint answers newest first: then there is nothing to sort. Otherwise a stable
  // sort (Array.prototype.sort is stable) keeps equal times in their input order.
  if (!newestFirst(keys)) {
    order.sort((a, b) => {
      const left = keys[a] as number
      const right = keys[b] as number
      return left === right ? 0 : left < right ? 1 : -1
    })
  }

  // Described oldest first: an identify entry lists the traits changed since the previous call.
  const entries = new Array<TimelineEntry>(order.length)
  const memory = new TraitMemory()
  for (let k = order.length - 1; k >= 0; k -= 1) {
    entries[k] = describeEvent(events[order[k] as number] as ProfileEvent, maxDetails, memory)
  }
  // NaN, not -Infinity, for unreadable times: NaN gaps never join a burst, even an infinite window.
  // One email's steps fold first, so that its repeated opens stay with it rather than in a burst.
  const folded = foldCampaigns(
    entries,
    order.map((i) => times[i] as number)
  )
  return collapseBursts(folded.entries, folded.times, { windowMs, minBurst })
}
