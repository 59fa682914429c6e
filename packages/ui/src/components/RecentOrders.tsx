/**
 * The customer's last orders as a short list in the header: order id, date, total, items. A row
 * whose order is in the loaded timeline is a button that scrolls the timeline to it and focuses
 * it; older orders are plain rows (the timeline has not loaded them).
 */
import type { RecentOrder } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { visibleText as v } from '../visible-text.ts'

/** Where an order sits in the loaded timeline: its row's entry (a burst's, when it is inside one). */
export interface RowTarget {
  readonly id: string
  readonly at: string
}

/** The timeline row of `target` in `root`: by its data-entry-id, else by its time. */
export function timelineRow(root: ParentNode, target: RowTarget): HTMLElement | undefined {
  const rows = [...root.querySelectorAll<HTMLElement>('.ic-entry')]
  return (
    rows.find((row) => row.dataset.entryId === target.id) ??
    rows.find(
      (row) =>
        row.querySelector(':scope > .ic-entry-head time')?.getAttribute('datetime') === target.at
    )
  )
}

function show(from: HTMLElement, target: RowTarget) {
  const row = timelineRow(from.closest('.ic-root') ?? document, target)
  if (row === undefined) return
  row.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
  // Focus moves with the view, so a keyboard or screen-reader user lands on the order too.
  row.tabIndex = -1
  row.focus({ preventScroll: true })
  row.classList.remove('ic-entry-target')
  void row.offsetWidth // restart the highlight when the same row is shown twice
  row.classList.add('ic-entry-target')
}

function OrderText({ t, order }: { t: Translate; order: RecentOrder }) {
  return (
    <>
      <span class="ic-order-id">{v(order.orderId ?? t('profile.orders.order'))}</span>
      <span class="ic-order-date">{order.date}</span>
      {order.total === undefined ? null : <span class="ic-order-total">{v(order.total)}</span>}
      {order.items === undefined ? null : <span class="ic-order-items">{order.items}</span>}
    </>
  )
}

/** Orders shown at once; the rest of the recent ones are one click away. */
export const ORDERS_SHOWN = 3

function OrderRow({
  t,
  order,
  target,
}: {
  t: Translate
  order: RecentOrder
  target: RowTarget | undefined
}) {
  return (
    <li>
      {target === undefined ? (
        <span class="ic-order">
          <OrderText t={t} order={order} />
        </span>
      ) : (
        <button
          type="button"
          class="ic-order"
          title={t('profile.orders.show')}
          onClick={(event) => show(event.currentTarget, target)}
        >
          <OrderText t={t} order={order} />
        </button>
      )}
    </li>
  )
}

export function RecentOrders({
  t,
  orders,
  targets,
}: {
  t: Translate
  orders: readonly RecentOrder[]
  /** Loaded timeline rows by event id. */
  targets: ReadonlyMap<string, RowTarget>
}) {
  if (orders.length === 0) return null
  const title = t('profile.orders.title')
  const row = (order: RecentOrder) => (
    <OrderRow key={order.entryId} t={t} order={order} target={targets.get(order.entryId)} />
  )
  const rest = orders.slice(ORDERS_SHOWN)
  return (
    <section class="ic-orders" aria-label={title}>
      <h3 class="ic-section-title">{title}</h3>
      <ul>{orders.slice(0, ORDERS_SHOWN).map(row)}</ul>
      {rest.length === 0 ? null : (
        <details class="ic-fold">
          <summary>{t('common.moreCount', { count: rest.length })}</summary>
          <ul>{rest.map(row)}</ul>
        </details>
      )}
    </section>
  )
}
