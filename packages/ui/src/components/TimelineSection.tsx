/**
 * The customer's activity under the card: filters, rows and "load more". The first paint formats
 * only the rows that fit on screen; the rest follow a frame later, so the customer appears sooner.
 */
import { filterTimeline, formatTimeline, type TimelineKind } from '@intilery-connect/core'
import { useEffect, useState } from 'preact/hooks'

import type { PanelFormat, Translate } from '../i18n.ts'
import type { CustomerHook, OneCustomer } from '../use-customer.ts'
import { Failure } from './Failure.tsx'
import { StatusMessage } from './StatusMessage.tsx'
import { Timeline } from './Timeline.tsx'
import {
  NO_FILTER,
  rangeProblem,
  TimelineFilters,
  toTimelineFilter,
  type FilterState,
} from './TimelineFilters.tsx'

/** Rows formatted for the first paint of a customer: about a sidebar's screenful. */
const FIRST_ROWS = 10

export function TimelineSection({
  t,
  options,
  state,
  customer,
  defaultKinds,
}: {
  t: Translate
  options: PanelFormat
  state: OneCustomer
  customer: CustomerHook
  defaultKinds: readonly TimelineKind[] | undefined
}) {
  const [filter, setFilter] = useState<FilterState>(() =>
    defaultKinds === undefined || defaultKinds.length === 0
      ? NO_FILTER
      : { ...NO_FILTER, kinds: defaultKinds }
  )
  // True for the first render of each customer's rows; cleared after that paint.
  const [firstRowsOnly, setFirstRowsOnly] = useState(true)
  const shownId = state.profile.id
  useEffect(() => {
    setFirstRowsOnly(true)
    const frame = requestAnimationFrame(() => setFirstRowsOnly(false))
    return () => cancelAnimationFrame(frame)
  }, [shownId])
  const range = rangeProblem(filter)
  const name = filter.eventName.trim().toLowerCase()
  const kept = filterTimeline(
    state.entries,
    toTimelineFilter(range ? { ...filter, from: '', to: '' } : filter)
  )
  const entries = formatTimeline(
    firstRowsOnly && name === '' ? kept.slice(0, FIRST_ROWS) : kept,
    options
  ).filter((entry) => name === '' || entry.title.toLowerCase().includes(name))
  return (
    <>
      <h3 class="ic-section-title">{t('common.timeline.title')}</h3>
      <TimelineFilters t={t} state={filter} onChange={setFilter} />
      {range ? <StatusMessage tone="warning">{t('common.filter.badRange')}</StatusMessage> : null}
      <Timeline
        t={t}
        entries={entries}
        emptyText={filter === NO_FILTER ? t('common.empty.timeline') : t('common.empty.filtered')}
        loadMore={
          state.cursor === undefined
            ? undefined
            : { run: customer.loadMore, busy: state.more === 'loading' }
        }
      />
      {typeof state.more === 'object' ? (
        <Failure t={t} error={state.more} retry={customer.loadMore} />
      ) : null}
    </>
  )
}
