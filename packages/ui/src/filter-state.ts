/**
 * @module filter-state
 * What the agent set in the timeline's filter bar, and what it means: how many filters are on,
 * whether the date range is backwards. Apart from the bar
 * (TimelineFilters.tsx), which is loaded only when opened.
 */
import type { TimelineKind } from '@intilery-connect/core'

/** What the agent set; empty strings mean "no limit". */
export interface FilterState {
  readonly kinds: readonly TimelineKind[]
  readonly eventName: string
  /** `YYYY-MM-DD` from a date input. */
  readonly from: string
  readonly to: string
}

export const NO_FILTER: FilterState = { kinds: [], eventName: '', from: '', to: '' }

/** How many filters are on: each kind chosen, the event name, the date range. */
export function activeFilters(state: FilterState): number {
  return (
    state.kinds.length +
    (state.eventName.trim() === '' ? 0 : 1) +
    (state.from === '' && state.to === '' ? 0 : 1)
  )
}

/** True when From is after To: the range is not applied, and the panel says so. */
export function rangeProblem(state: FilterState): boolean {
  return state.from !== '' && state.to !== '' && state.from > state.to
}
