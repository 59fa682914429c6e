/**
 * @module export/event-row
 * One event as a row of the `events` table: ids and times, what it was (key, name, kind as the
 * timeline classifies it), the commerce and email fields most models use as typed columns, and
 * the whole `properties` as JSON, so a field without a column is still there.
 */
import { parseIsoInstant, timelineKindOf, type ProfileEvent } from '@intilery-connect/core'

export const EVENT_COLUMNS: readonly (readonly [string, string])[] = [
  ['customer_id', 'VARCHAR'],
  ['event_id', 'VARCHAR'],
  ['event_time', 'TIMESTAMPTZ'],
  ['received_time', 'TIMESTAMPTZ'],
  ['event_key', 'VARCHAR'],
  ['event_name', 'VARCHAR'],
  ['message_type', 'VARCHAR'],
  ['kind', 'VARCHAR'],
  ['source', 'VARCHAR'],
  ['product_id', 'VARCHAR'],
  ['product_name', 'VARCHAR'],
  ['sku', 'VARCHAR'],
  ['category', 'VARCHAR'],
  ['price', 'DOUBLE'],
  ['quantity', 'DOUBLE'],
  ['order_id', 'VARCHAR'],
  ['revenue', 'DOUBLE'],
  ['currency', 'VARCHAR'],
  ['campaign_id', 'VARCHAR'],
  ['email_id', 'VARCHAR'],
  ['email_subject', 'VARCHAR'],
  ['url', 'VARCHAR'],
  ['ticket_id', 'VARCHAR'],
  ['deal_id', 'VARCHAR'],
  ['properties', 'JSON'],
]

type Bag = Readonly<Record<string, unknown>>

const bagOf = (value: unknown): Bag =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {}

/** An own property only: `constructor` or `__proto__` in data must not find Object's. */
const own = (bag: Bag, key: string): unknown => (Object.hasOwn(bag, key) ? bag[key] : undefined)

/** Text as sent (never truncated); numbers as their text. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** A finite number, also from numeric text (`"95.97"`), which some trackers send. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return null
}

const firstNumber = (bag: Bag, keys: readonly string[]): number | null => {
  for (const key of keys) {
    const found = numberOf(own(bag, key))
    if (found !== null) return found
  }
  return null
}

const firstTextOf = (bag: Bag, keys: readonly string[]): string | null => {
  for (const key of keys) {
    const found = textOf(own(bag, key))
    if (found !== null) return found
  }
  return null
}

/** The staged line of one event of `customerId`. */
export function eventRow(customerId: string, event: ProfileEvent): Record<string, unknown> {
  const raw = bagOf(event.rawData)
  const props = bagOf(own(raw, 'properties'))
  const messageType = textOf(own(raw, 'action'))
  const kind = timelineKindOf(messageType ?? '', event.eventAction)
  return {
    customer_id: customerId,
    event_id: event.eventId,
    event_time: event.eventTime,
    received_time: event.receivedTime ?? null,
    event_key: event.eventAction,
    event_name: textOf(own(raw, 'event')),
    message_type: messageType,
    kind,
    source: event.source ?? null,
    product_id: textOf(own(props, 'product_id')),
    // `name` is a product's only on commerce events (a screen view's is the screen's).
    product_name: kind === 'commerce' ? textOf(own(props, 'name')) : null,
    sku: textOf(own(props, 'sku')),
    category: textOf(own(props, 'category')),
    price: numberOf(own(props, 'price')),
    quantity: numberOf(own(props, 'quantity')),
    order_id: firstTextOf(props, ['order_id', 'orderId']),
    revenue: firstNumber(props, ['revenue', 'total', 'value', 'amount']),
    currency: textOf(own(props, 'currency')),
    campaign_id: firstTextOf(props, ['campaign_id', 'campaign']),
    email_id: textOf(own(props, 'email_id')),
    email_subject: firstTextOf(props, ['email_subject', 'subject']),
    url: textOf(own(props, 'url')),
    ticket_id: textOf(own(props, 'ticket_id')),
    deal_id: textOf(own(props, 'deal_id')),
    properties: props,
  }
}

/**
 * A customer's event rows by the UTC date of their eventTime (`unknown` when it cannot be read),
 * the events table's partitions.
 */
export function eventRowsByDate(
  customerId: string,
  events: readonly ProfileEvent[]
): Map<string, Record<string, unknown>[]> {
  const byDate = new Map<string, Record<string, unknown>[]>()
  for (const event of events) {
    const ms = parseIsoInstant(event.eventTime)
    const date = ms === undefined ? 'unknown' : new Date(ms).toISOString().slice(0, 10)
    let rows = byDate.get(date)
    if (rows === undefined) byDate.set(date, (rows = []))
    rows.push(eventRow(customerId, event))
  }
  return byDate
}
