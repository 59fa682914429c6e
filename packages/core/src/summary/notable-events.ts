/**
 * @module summary/notable-events
 * Which timeline rows a pasted note mentions. A note has room for a handful of lines, and an agent
 * or a sales rep cares about what the customer did with the business (emails, orders, forms, their
 * tickets and deals, profile changes) more than about browsing, so those come first; page and
 * screen views only fill the remaining lines, one line each at most (a burst of 30 page views is
 * one row already).
 */
import type { TimelineEntry, TimelineKind } from '../timeline/timeline-entry.ts'

export const NOTABLE_KINDS: ReadonlySet<TimelineKind> = new Set([
  'email',
  'commerce',
  'form',
  'support',
  'sales',
  'identify',
])
/** Browsing kinds: at most one line of each in a note. */
const BROWSING_KINDS: ReadonlySet<TimelineKind> = new Set(['page', 'screen'])

export const DEFAULT_NOTABLE_LIMIT = 5

/**
 * Up to `limit` entries, the newest notable ones first choice, then other kinds to fill up; the
 * result keeps the timeline's own order (newest first).
 */
export function notableEntries(
  entries: readonly TimelineEntry[],
  limit: number = DEFAULT_NOTABLE_LIMIT
): TimelineEntry[] {
  const chosen = new Set<TimelineEntry>()
  for (const entry of entries) {
    if (chosen.size >= limit) break
    if (NOTABLE_KINDS.has(entry.kind)) chosen.add(entry)
  }
  const browsingShown = new Set<TimelineKind>()
  for (const entry of entries) {
    if (chosen.size >= limit) break
    if (NOTABLE_KINDS.has(entry.kind)) continue
    if (BROWSING_KINDS.has(entry.kind)) {
      if (browsingShown.has(entry.kind)) continue
      browsingShown.add(entry.kind)
    }
    chosen.add(entry)
  }
  return entries.filter((entry) => chosen.has(entry))
}
