/**
 * @module seed/audiences
 * Dynamic audiences are rules over behaviour, evaluated here against each customer's events and
 * computed traits so membership never contradicts the timeline. Static audiences come from CSV
 * imports (see imports.ts) and are just lists.
 */
import type { StoredEvent } from '../store/types.ts'
import { nameOf } from './computed-traits.ts'
import { DAY } from './timeline.ts'

export const DYNAMIC_AUDIENCES = {
  /** Active in the last 2 days (the spec's Joe Bloggs is in it). */
  activeTwoDays: 'audience_2_days',
  /** Opened an email in the last 7 days; a UI-built audience, hence the spec's opaque id. */
  recentOpeners: 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf',
  /** Lifetime value of £300 or more, or four orders or more. */
  highValue: 'audience_high_value',
  /** Put something in the basket in the last 14 days and has not ordered since. */
  cartAbandoners: 'audience_cart_abandoners',
  /** Has ordered, but churn risk is high. */
  lapsedBuyers: 'audience_lapsed_buyers',
  /** Opened the app in the last 30 days. */
  appUsers: 'audience_app_users_30_days',
} as const

export const HIGH_VALUE_GBP = 300
export const HIGH_VALUE_ORDERS = 4

function lastOf(events: readonly StoredEvent[], name: string): StoredEvent | undefined {
  return events.findLast((e) => nameOf(e) === name)
}

export function dynamicAudiences(
  events: readonly StoredEvent[],
  computed: Record<string, unknown>,
  now: number
): string[] {
  const ids: string[] = []
  const within = (event: StoredEvent | undefined, days: number) =>
    event !== undefined && event.ms >= now - days * DAY
  const orders = typeof computed.orders_count === 'number' ? computed.orders_count : 0
  const value = typeof computed.lifetime_value_gbp === 'number' ? computed.lifetime_value_gbp : 0

  if (within(events.at(-1), 2)) ids.push(DYNAMIC_AUDIENCES.activeTwoDays)
  if (within(lastOf(events, 'Email Opened'), 7)) ids.push(DYNAMIC_AUDIENCES.recentOpeners)
  if (value >= HIGH_VALUE_GBP || orders >= HIGH_VALUE_ORDERS) ids.push(DYNAMIC_AUDIENCES.highValue)
  const added = lastOf(events, 'Product Added')
  const ordered = lastOf(events, 'Order Completed')
  if (
    added !== undefined &&
    within(added, 14) &&
    (ordered === undefined || ordered.ms < added.ms)
  ) {
    ids.push(DYNAMIC_AUDIENCES.cartAbandoners)
  }
  if (orders > 0 && computed.churn_risk === 'high') ids.push(DYNAMIC_AUDIENCES.lapsedBuyers)
  if (within(lastOf(events, 'Application Opened'), 30)) ids.push(DYNAMIC_AUDIENCES.appUsers)
  return ids
}
