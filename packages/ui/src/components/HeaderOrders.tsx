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
import { FAILURE_TEXT } from './Failure.tsx'
import { RecentOrders, type RowTarget } from './RecentOrders.tsx'

export function HeaderOrders({
  t,
  sources,
  readFailed,
  targets,
  options,
}: {
  t: Translate
  /** The loaded rows and the rows of the orders read (use-header.ts). */
  sources: readonly TimelineEntry[]
  /** The orders read failed: said when the loaded rows have no order to show instead. */
  readFailed: RelayCallError | undefined
  targets: ReadonlyMap<string, RowTarget>
  options: PanelFormat
}) {
  const { locale, timeZone } = options
  const orders = useMemo(
    () => recentOrders(sources, { locale, timeZone }),
    [sources, locale, timeZone]
  )
  return (
    <>
      <RecentOrders t={t} orders={orders} targets={targets} />
      {readFailed !== undefined && orders.length === 0 ? (
        <p class="ic-muted ic-small">{t(FAILURE_TEXT[readFailed.failure])}</p>
      ) : null}
    </>
  )
}
