/**
 * The customer's activity under the card: filters, rows, "load more" and the "new rows" cue.
 * Without a filter the rows are the context's (first page, pages loaded since, live rows). With one,
 * the rows are the relay's answer to that filter (use-filtered-timeline.ts), joined by the loaded
 * rows that pass it (live rows among them); while that answer is on its way the loaded rows that
 * pass are shown, marked as loading. The first paint formats only the rows that fit on screen; the
 * rest follow a frame later, so the customer appears sooner.
 */
import {
  createProfileRef,
  formatTimeline,
  type TimelineEntry,
  type TimelineKind,
} from '@intilery-connect/core'
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks'

import type { PanelFormat, Translate } from '../i18n.ts'
import { eventIdsOf, type CustomerHook, type OneCustomer } from '../use-customer.ts'
import { useFilterPlan } from '../use-filter-plan.ts'
import { useFilteredTimeline, type FilteredTimelineOptions } from '../use-filtered-timeline.ts'
import { browserViewport, useNewRows, type TimelineViewport } from '../use-new-rows.ts'
import { activeFilters, NO_FILTER, rangeProblem, type FilterState } from '../filter-state.ts'
import { lazyPart } from '../lazy-part.tsx'
import { failurePart, partFailed } from './failure-part.tsx'
import { FilterToggle } from './FilterToggle.tsx'
import { StatusMessage } from './StatusMessage.tsx'
import { Timeline } from './Timeline.tsx'

/** The filter bar, loaded when first opened (lazy-part.tsx): most opens never filter. */
const filterBar = lazyPart(
  () => import('./TimelineFilters.tsx').then((module) => module.TimelineFilters),
  partFailed
)
export const preloadFilterBar = filterBar.preload

/** Rows formatted for the first paint of a customer: about a sidebar's screenful. */
const FIRST_ROWS = 10

/**
 * The server's rows, then the loaded rows that pass the filter and are not among them, newest first.
 * A loaded row older than the server's last row is left for "load more" to bring in order.
 */
function joinRows(
  server: readonly TimelineEntry[],
  loaded: readonly TimelineEntry[],
  complete: boolean
): TimelineEntry[] {
  const shown = new Set(server.flatMap(eventIdsOf))
  const oldest = server.at(-1)?.at ?? ''
  const extra = loaded.filter(
    (entry) => (complete || entry.at >= oldest) && !eventIdsOf(entry).some((id) => shown.has(id))
  )
  if (extra.length === 0) return [...server]
  return [...server, ...extra].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

export function TimelineSection({
  t,
  options,
  state,
  customer,
  defaultKinds,
  filtering,
  viewport = browserViewport,
}: {
  t: Translate
  options: PanelFormat
  state: OneCustomer
  customer: CustomerHook
  defaultKinds: readonly TimelineKind[] | undefined
  /** Debounce and timers of the filtered query (tests). */
  filtering?: FilteredTimelineOptions | undefined
  /** Where the timeline is on screen (tests inject one). */
  viewport?: TimelineViewport | undefined
}) {
  const initial = useMemo<FilterState>(
    () =>
      defaultKinds === undefined || defaultKinds.length === 0
        ? NO_FILTER
        : { ...NO_FILTER, kinds: defaultKinds },
    []
  )
  const [filter, setFilter] = useState<FilterState>(initial)
  // The bar starts closed (one line), open when the installation's default kinds are on.
  const [filtersOpen, setFiltersOpen] = useState(() => activeFilters(initial) > 0)
  const barId = useId()
  // True for the first render of each customer's rows; cleared after that paint.
  const [firstRowsOnly, setFirstRowsOnly] = useState(true)
  const shownId = state.profile.id
  useEffect(() => {
    setFirstRowsOnly(true)
    const frame = requestAnimationFrame(() => setFirstRowsOnly(false))
    return () => cancelAnimationFrame(frame)
  }, [shownId])

  // The bar's code too, after the first paint, so that opening it needs no wait.
  useEffect(() => void preloadFilterBar(), [])

  const ref = useMemo(() => createProfileRef('id', shownId), [shownId])
  // The planner loads after the first paint (use-filter-plan.ts): no first paint uses it.
  const { plan, planning, failed: planFailed } = useFilterPlan(filter, state.entries, options)
  const filtered = useFilteredTimeline(customer.client, ref, plan, filtering)
  const server = filtered.state

  const section = useRef<HTMLDivElement>(null)
  const cue = useNewRows(
    shownId,
    state.entries,
    plan !== undefined || planning,
    () => section.current,
    viewport
  )
  const [highlight, setHighlight] = useState<string | undefined>(undefined)
  useEffect(() => {
    if (highlight === undefined) return
    const row = section.current?.querySelector<HTMLElement>(
      `[data-entry-id="${CSS.escape(highlight)}"]`
    )
    if (row !== null && row !== undefined) viewport.scrollTo(row)
  }, [highlight])

  let rows: readonly TimelineEntry[]
  let loadMore: { run: () => void; busy: boolean } | undefined
  let busy = false
  if (planning || planFailed) {
    rows = []
    busy = planning
  } else if (plan === undefined) {
    rows = state.entries
    loadMore =
      state.cursor === undefined
        ? undefined
        : { run: customer.loadMore, busy: state.more === 'loading' }
  } else {
    const loaded = plan.keep(state.entries)
    if (server.status === 'ready' && server.key === plan.key) {
      const answer = plan.trimAnswer ? plan.keep(server.entries) : server.entries
      rows = joinRows(answer, loaded, server.cursor === undefined)
      loadMore =
        server.cursor === undefined
          ? undefined
          : { run: filtered.loadMore, busy: server.more === 'loading' }
    } else {
      rows = loaded
      busy = server.status === 'loading' || server.status === 'ready'
    }
  }
  const entries = formatTimeline(
    firstRowsOnly && plan === undefined ? rows.slice(0, FIRST_ROWS) : rows,
    options
  )

  const showNewest = () => {
    const newest = cue.pending?.newestId
    cue.clear()
    if (newest === undefined) return
    // A filter may hide the new row: the agent asked to see it, so the filter goes.
    if (!rows.some((row) => row.id === newest)) setFilter(NO_FILTER)
    setHighlight(newest)
  }

  return (
    <div class="ic-timeline-section" ref={section}>
      <div class="ic-timeline-head">
        <h3 class="ic-section-title">{t('common.timeline.title')}</h3>
        <FilterToggle
          t={t}
          state={filter}
          open={filtersOpen}
          controls={barId}
          onToggle={() => setFiltersOpen(!filtersOpen)}
        />
      </div>
      {cue.pending === undefined ? null : (
        <button type="button" class="ic-button ic-new-rows" onClick={showNewest}>
          {t('timeline.panel.newRows', { count: cue.pending.count })}
        </button>
      )}
      {filtersOpen ? <filterBar.Part t={t} id={barId} state={filter} onChange={setFilter} /> : null}
      {rangeProblem(filter) ? (
        <StatusMessage tone="warning">{t('common.filter.badRange')}</StatusMessage>
      ) : null}
      {busy ? <StatusMessage tone="info">{t('common.loading')}</StatusMessage> : null}
      {planFailed ? <StatusMessage tone="error">{t('common.error.generic')}</StatusMessage> : null}
      {server.status === 'failed' && plan !== undefined ? (
        <failurePart.Part t={t} error={server.error} retry={filtered.retry} />
      ) : null}
      <Timeline
        t={t}
        entries={entries}
        emptyText={
          busy || planFailed
            ? ''
            : plan === undefined
              ? t('common.empty.timeline')
              : t('common.empty.filtered')
        }
        highlightId={highlight}
        loadMore={loadMore}
      />
      {plan === undefined && typeof state.more === 'object' ? (
        <failurePart.Part t={t} error={state.more} retry={customer.loadMore} />
      ) : null}
      {plan !== undefined && server.status === 'ready' && typeof server.more === 'object' ? (
        <failurePart.Part t={t} error={server.more} retry={filtered.loadMore} />
      ) : null}
    </div>
  )
}
