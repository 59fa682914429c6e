/**
 * @module use-filter-plan
 * The timeline filter's plan (timeline-filter-plan.ts), with the planner loaded by import(): it
 * carries core's event-name search (every standard event described, to match what an agent types
 * against the titles they see) and the filter run on loaded rows, which no first paint uses. It is
 * asked for once the panel has painted (so it is there before an agent can open the filters), and
 * at once when a filter is set before that (an installation's default kinds).
 */
import type { TimelineEntry } from '@intilery-connect/core'
import { useEffect, useMemo, useState } from 'preact/hooks'

import type { FilterState } from './filter-state.ts'
import type { PanelFormat } from './i18n.ts'
import type * as TimelineFilterPlan from './timeline-filter-plan.ts'
import type { FilterPlan } from './timeline-filter-plan.ts'

type Planner = typeof TimelineFilterPlan

let planner: Planner | undefined
let loading: Promise<Planner> | undefined

/** Loads the planner once; a failed load (a network blip) is tried again on the next call. */
export function loadFilterPlanner(): Promise<Planner> {
  if (planner !== undefined) return Promise.resolve(planner)
  loading ??= import('./timeline-filter-plan.ts').then(
    (module) => (planner = module),
    (error: unknown) => {
      loading = undefined
      throw error
    }
  )
  return loading
}

/** Whether `state` filters anything (the planner plans nothing otherwise). */
const filtering = (state: FilterState) =>
  state.kinds.length > 0 || state.eventName.trim() !== '' || state.from !== '' || state.to !== ''

export interface FilterPlanState {
  /** The plan, once the planner is loaded; undefined when nothing is filtered (or not yet known). */
  readonly plan: FilterPlan | undefined
  /** A filter is set and the planner is still loading: the panel shows it is busy. */
  readonly planning: boolean
  /** A filter is set and the planner could not be loaded (it is tried again as the filter changes). */
  readonly failed: boolean
}

export function useFilterPlan(
  filter: FilterState,
  entries: readonly TimelineEntry[],
  format: PanelFormat
): FilterPlanState {
  const [loaded, setLoaded] = useState(() => planner)
  const [failed, setFailed] = useState(false)
  const wanted = filtering(filter)
  useEffect(() => {
    if (loaded !== undefined) return
    let current = true
    // Effects run after the paint; a filter set, or changed after a failed load, asks again.
    loadFilterPlanner().then(
      (module) => {
        if (!current) return
        setFailed(false)
        setLoaded(module)
      },
      () => current && setFailed(true)
    )
    return () => {
      current = false
    }
  }, [loaded, filter])
  const plan = useMemo(
    () => loaded?.planFilter(filter, entries, format),
    [loaded, filter, entries, format.locale, format.timeZone]
  )
  return {
    plan,
    planning: loaded === undefined && wanted && !failed,
    failed: loaded === undefined && wanted && failed,
  }
}
