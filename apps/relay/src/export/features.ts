/**
 * @module export/features
 * One customer's features as of a cut-off, and labels from the days after it, for models that
 * must not see the future.
 *
 * The point-in-time rule: a feature uses only events that happened before the cut-off
 * (`eventTime < asOf`) and had reached Intilery by then (`receivedTime <= asOf`, when known: a late
 * event was not known at the cut-off). Labels use only events with `asOf <= eventTime < asOf +
 * labelDays`. Traits are not features: Intilery holds only their current values, which may have been
 * computed from later events.
 */
import {
  parseIsoInstant,
  recentlyViewedNotPurchased,
  TIMELINE_KINDS,
  timelineKindOf,
  type ProfileEvent,
} from '@intilery-connect/core'

import { numberOf } from './event-row.ts'

const DAY_MS = 86_400_000
export const FEATURE_WINDOWS_DAYS = [7, 30, 90] as const
/** "Active before the cut-off", for the churn label: any event within this many days. */
const ACTIVE_BEFORE_DAYS = 90

export interface FeatureOptions {
  readonly asOfMs: number
  readonly labelDays: number
}

/** The label columns' names, which carry the window (`purchased_next_30d`). */
export function labelColumns(labelDays: number) {
  return {
    purchased: `purchased_next_${labelDays}d`,
    active: `active_next_${labelDays}d`,
    churned: `churned_next_${labelDays}d`,
  }
}

/** The table's columns, in order, with their DuckDB types. */
export function featureColumns(labelDays: number): (readonly [string, string])[] {
  const labels = labelColumns(labelDays)
  return [
    ['customer_id', 'VARCHAR'],
    ['as_of', 'TIMESTAMPTZ'],
    ['known_at_cutoff', 'BOOLEAN'],
    ['days_since_first_event', 'DOUBLE'],
    ['days_since_last_event', 'DOUBLE'],
    ['rfm_recency_days', 'DOUBLE'],
    ['rfm_frequency', 'BIGINT'],
    ['rfm_monetary', 'DOUBLE'],
    ['rfm_currency', 'VARCHAR'],
    ['days_since_last_order', 'DOUBLE'],
    ...TIMELINE_KINDS.flatMap((kind) =>
      FEATURE_WINDOWS_DAYS.map((days) => [`${kind}_events_${days}d`, 'BIGINT'] as const)
    ),
    ['email_open_rate_90d', 'DOUBLE'],
    ['email_click_rate_90d', 'DOUBLE'],
    ['viewed_not_bought_count', 'BIGINT'],
    ['viewed_not_bought_ids', 'VARCHAR[]'],
    [labels.purchased, 'BOOLEAN'],
    [labels.active, 'BOOLEAN'],
    [labels.churned, 'BOOLEAN'],
  ]
}

interface Timed {
  readonly event: ProfileEvent
  readonly ms: number
  readonly kind: string
}

const propsOf = (event: ProfileEvent): Readonly<Record<string, unknown>> => {
  const props = (event.rawData as { properties?: unknown }).properties
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {}
}

/** Whether the event was known at the cut-off: it happened before it and had been received. */
function knownBy(event: ProfileEvent, ms: number, asOfMs: number): boolean {
  if (ms >= asOfMs) return false
  const received =
    event.receivedTime === undefined ? undefined : parseIsoInstant(event.receivedTime)
  return received === undefined || received <= asOfMs
}

const daysBetween = (earlier: number, later: number) => (later - earlier) / DAY_MS

/** The feature row of one customer (staged as one NDJSON line). */
export function featureRow(
  customerId: string,
  events: readonly ProfileEvent[],
  { asOfMs, labelDays }: FeatureOptions
): Record<string, unknown> {
  const before: Timed[] = []
  const after: Timed[] = []
  const labelEnd = asOfMs + labelDays * DAY_MS
  for (const event of events) {
    const ms = parseIsoInstant(event.eventTime)
    if (ms === undefined) continue
    const kind = timelineKindOf(String(event.rawData.action ?? ''), event.eventAction)
    if (knownBy(event, ms, asOfMs)) before.push({ event, ms, kind })
    else if (ms >= asOfMs && ms < labelEnd) after.push({ event, ms, kind })
  }
  const within = (days: number) => before.filter(({ ms }) => ms >= asOfMs - days * DAY_MS)
  const orders = before.filter(({ event }) => event.eventAction === 'order_completed')
  const revenues = orders.map(({ event }) => {
    const props = propsOf(event)
    return {
      amount: numberOf(props.revenue ?? props.total ?? props.value),
      currency: props.currency,
    }
  })
  const currencies = new Set(
    revenues.map(({ currency }) => currency).filter((c) => typeof c === 'string')
  )
  const lastOrder = orders.reduce(
    (latest, { ms }) => Math.max(latest, ms),
    Number.NEGATIVE_INFINITY
  )
  const first = before.reduce(
    (earliest, { ms }) => Math.min(earliest, ms),
    Number.POSITIVE_INFINITY
  )
  const last = before.reduce((latest, { ms }) => Math.max(latest, ms), Number.NEGATIVE_INFINITY)

  const row: Record<string, unknown> = {
    customer_id: customerId,
    as_of: new Date(asOfMs).toISOString(),
    known_at_cutoff: before.length > 0,
    days_since_first_event: before.length > 0 ? daysBetween(first, asOfMs) : null,
    days_since_last_event: before.length > 0 ? daysBetween(last, asOfMs) : null,
    rfm_recency_days: orders.length > 0 ? daysBetween(lastOrder, asOfMs) : null,
    rfm_frequency: orders.length,
    rfm_monetary: revenues.reduce((sum, { amount }) => sum + (amount ?? 0), 0),
    rfm_currency:
      currencies.size === 0 ? null : currencies.size === 1 ? [...currencies][0] : 'mixed',
    days_since_last_order: orders.length > 0 ? daysBetween(lastOrder, asOfMs) : null,
  }
  for (const days of FEATURE_WINDOWS_DAYS) {
    const counts = new Map<string, number>()
    for (const { kind } of within(days)) counts.set(kind, (counts.get(kind) ?? 0) + 1)
    for (const kind of TIMELINE_KINDS) row[`${kind}_events_${days}d`] = counts.get(kind) ?? 0
  }
  const email = within(90)
  const count = (key: string) => email.filter(({ event }) => event.eventAction === key).length
  const delivered = count('email_delivered') || count('email_sent')
  row.email_open_rate_90d = delivered > 0 ? Math.min(1, count('email_opened') / delivered) : null
  row.email_click_rate_90d =
    delivered > 0
      ? Math.min(1, (count('email_clicked') + count('email_link_clicked')) / delivered)
      : null
  const viewed = recentlyViewedNotPurchased(
    before.map(({ event }) => event),
    Number.MAX_SAFE_INTEGER
  )
  row.viewed_not_bought_count = viewed.length
  row.viewed_not_bought_ids = viewed.map((product) => product.productId)

  const labels = labelColumns(labelDays)
  const activeBefore = before.some(({ ms }) => ms >= asOfMs - ACTIVE_BEFORE_DAYS * DAY_MS)
  row[labels.purchased] = after.some(({ event }) => event.eventAction === 'order_completed')
  row[labels.active] = after.length > 0
  // Only a customer active before the cut-off can churn; for the others the label is unknown.
  row[labels.churned] = activeBefore ? after.length === 0 : null
  return row
}
