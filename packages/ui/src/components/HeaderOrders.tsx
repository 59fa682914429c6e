/**
 * The header's recent orders, worked out from the rows read so far (core's recentOrders) and shown
 * as RecentOrders.tsx draws them, or why they could not be read. Loaded with import() once the
 * header has painted (CustomerView.tsx): the name, the facts and the first activity come first, and
 * the orders follow a moment later.
 */
import { recentOrders, type TimelineEntry } from '@intilery-connect/core'
import { useMemo } from 'preact/hooks'

import type { PanelFormat, Translate } from '../i18n.ts'
import type { RelayCallError } from '../relay-error.ts'
import { FAILURE_TEXT } from './failure-part.tsx'
import { RecentOrders, type RowTarget } from './RecentOrders.tsx'

/** Loaded rows by event id: each row's own id and `at`, a burst's for the events inside it. */
function rowTargets(entries: readonly TimelineEntry[]): Map<string, RowTarget> {
  const targets = new Map<string, RowTarget>()
  for (const entry of entries) {
    const target = { id: entry.id, at: entry.at }
    targets.set(entry.raw.eventId, target)
    for (const item of entry.burst?.items ?? []) targets.set(item.raw.eventId, target)
  }
  return targets
}

export function HeaderOrders({
  t,
  sources,
  readFailed,
  entries,
  options,
}: {
  t: Translate
  /** The loaded rows and the rows of the orders read (use-header.ts). */
  sources: readonly TimelineEntry[]
  /** The orders read failed: said when the loaded rows have no order to show instead. */
  readFailed: RelayCallError | undefined
  /** The loaded timeline rows: an order links to its row when it is among them. */
  entries: readonly TimelineEntry[]
  options: PanelFormat
}) {
  const { locale, timeZone } = options
  const orders = useMemo(
    () => recentOrders(sources, { locale, timeZone }),
    [sources, locale, timeZone]
  )
  const targets = useMemo(() => rowTargets(entries), [entries])
  return (
    <>
      <RecentOrders t={t} orders={orders} targets={targets} />
      {readFailed !== undefined && orders.length === 0 ? (
        <p class="ic-muted ic-small">{t(FAILURE_TEXT[readFailed.failure])}</p>
      ) : null}
    </>
  )
}
