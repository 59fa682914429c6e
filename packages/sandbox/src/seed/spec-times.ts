/**
 * @module seed/spec-times
 * The spec's example times (November 2020), moved next to `now`. Joe Bloggs' last email open lands a
 * few hours before `now` and every other spec time keeps its distance to it, so the seeded events
 * read exactly like the spec's, only recent.
 */
import { HOUR, MINUTE } from './timeline.ts'

/** How long before `now` Joe's last open (the spec's `lastActivityTime`) happened. */
export const SPEC_ANCHOR_AGO_MS = 3 * HOUR + 21 * MINUTE + 4_620

const SPEC_ANCHOR_MS = Date.parse('2020-11-19T13:39:17.380Z')

/** How long before `now` a spec timestamp lands. */
export function specAgo(iso: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not a spec time: ${iso}`)
  return SPEC_ANCHOR_AGO_MS + (SPEC_ANCHOR_MS - ms)
}
