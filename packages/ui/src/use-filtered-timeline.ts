/**
 * @module use-filtered-timeline
 * The timeline under a filter, asked of the relay: the first page of the filter's query, then "load
 * more" through the relay's cursor (which carries the filter). Typing is debounced; answers that
 * arrive after the filter changed again are dropped (a sequence number, like useCustomer's
 * generation), so a slow answer never replaces a newer one. Failures are kept as the
 * RelayCallError they were, for the panel to explain with a retry.
 */
import type { ProfileRef, TimelineEntry } from '@intilery-connect/core'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

import type { RelayClient } from './relay-client.ts'
import type { RelayCallError } from './relay-error.ts'
import { asCallError } from './relay-error.ts'
import type { FilterPlan } from './timeline-filter-plan.ts'

/** How long typing must pause before the name is asked for. */
export const FILTER_DEBOUNCE_MS = 300

export type FilteredTimeline =
  | { readonly status: 'off' }
  | { readonly status: 'loading'; readonly key: string }
  | { readonly status: 'failed'; readonly key: string; readonly error: RelayCallError }
  | {
      readonly status: 'ready'
      readonly key: string
      readonly entries: readonly TimelineEntry[]
      readonly cursor: string | undefined
      readonly more: 'idle' | 'loading' | RelayCallError
    }

/** The timers the debounce uses; tests pass fakes (or use fake timers). */
export interface FilterTimers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const globalTimers: FilterTimers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface FilteredTimelineOptions {
  readonly debounceMs?: number | undefined
  readonly timers?: FilterTimers | undefined
}

/**
 * @param ref the customer shown; a new one starts over.
 * @param plan the filter (timeline-filter-plan.ts), undefined when nothing is filtered.
 */
export function useFilteredTimeline(
  client: RelayClient,
  ref: ProfileRef,
  plan: FilterPlan | undefined,
  options: FilteredTimelineOptions = {}
) {
  const { debounceMs = FILTER_DEBOUNCE_MS, timers = globalTimers } = options
  const [state, setState] = useState<FilteredTimeline>({ status: 'off' })
  const sequence = useRef(0)
  const typed = useRef('')
  const refKey = `${ref.type}:${ref.value}`
  const key = plan?.key
  const query = plan?.query

  const fetchFirst = useCallback(
    async (mine: number, wanted: string) => {
      if (query === undefined) return
      setState({ status: 'loading', key: wanted })
      try {
        const page = await client.filteredEvents(ref, query)
        if (mine !== sequence.current) return
        setState({
          status: 'ready',
          key: wanted,
          entries: page.entries,
          cursor: page.cursor,
          more: 'idle',
        })
      } catch (error) {
        if (mine === sequence.current)
          setState({ status: 'failed', key: wanted, error: asCallError(error) })
      }
    },
    // The query is identified by its key; ref by refKey.
    [client, key, refKey]
  )

  useEffect(() => {
    // Every change is a new sequence: whatever is in flight for the previous filter is dropped.
    const mine = ++sequence.current
    const name = plan?.name ?? ''
    const nameChanged = name !== typed.current
    typed.current = name
    if (key === undefined) {
      setState({ status: 'off' })
      return
    }
    if (!nameChanged) {
      void fetchFirst(mine, key)
      return
    }
    // Typing: keep what is shown (marked as loading) until the agent pauses.
    setState({ status: 'loading', key })
    const handle = timers.setTimeout(() => void fetchFirst(mine, key), debounceMs)
    return () => timers.clearTimeout(handle)
    // plan.name is read through `typed`, the rest is in fetchFirst's identity.
  }, [fetchFirst])

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.cursor === undefined || state.more === 'loading') return
    const mine = sequence.current
    const cursor = state.cursor
    const update = (
      change: (current: Extract<FilteredTimeline, { status: 'ready' }>) => FilteredTimeline
    ) => setState((current) => (current.status === 'ready' ? change(current) : current))
    update((current) => ({ ...current, more: 'loading' }))
    try {
      const page = await client.events(ref, cursor)
      if (mine !== sequence.current) return
      update((current) => ({
        ...current,
        entries: [...current.entries, ...page.entries],
        cursor: page.cursor,
        more: 'idle',
      }))
    } catch (error) {
      if (mine === sequence.current) update((current) => ({ ...current, more: asCallError(error) }))
    }
  }, [client, refKey, state])

  return {
    state,
    loadMore: () => void loadMore(),
    retry: () => {
      if (key !== undefined) void fetchFirst(++sequence.current, key)
    },
  }
}
