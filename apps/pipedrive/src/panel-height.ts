/**
 * @module panel-height
 * Pipedrive sizes a custom panel between 100 and 750 px high (reference/pipedrive.md §2.1) and
 * rejects anything else; taller content scrolls inside the page instead.
 */
export const MIN_HEIGHT = 100
export const MAX_HEIGHT = 750
/** What the panel asks for before it has measured anything: a skeleton's height. */
export const INITIAL_HEIGHT = 320

/** Whole pixels within Pipedrive's limits; anything unmeasurable is the minimum. */
export function clampHeight(px: number): number {
  if (!Number.isFinite(px)) return MIN_HEIGHT
  return Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(px)))
}
