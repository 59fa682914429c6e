/**
 * @module timeline/classify
 * Which kind of timeline entry an event is. The kind follows from the event's keys alone, the same
 * keys the events endpoint filters on: the message type for page, screen and identify calls, else
 * the event key (`email_opened`). Because of that, a kind filter can usually be sent to the server
 * as a list of keys (see filter-timeline.ts).
 *
 * Names follow Segment's specs (E-commerce, Email, Mobile), which Intilery's tracking API mirrors;
 * support and sales are the events the relay itself writes back from Zendesk and Pipedrive.
 * Anything not listed is `custom`.
 */
import { toEventKey } from '../event-key.ts'
import { SALES_EVENTS, SUPPORT_EVENTS } from '../writeback/support-sales-events.ts'
import type { TimelineKind } from './timeline-entry.ts'

export type KnownKind = Exclude<TimelineKind, 'custom'>

/** The event keys of each kind. `page`, `screen` and `identify` are message types as well. */
export const KIND_KEYS: Readonly<Record<KnownKind, readonly string[]>> = {
  email: [
    'email_sent',
    'email_delivered',
    'email_opened',
    'email_clicked',
    'email_link_clicked',
    'email_bounced',
    'email_marked_as_spam',
    'unsubscribed',
    'email_unsubscribed',
  ],
  page: ['page', 'page_viewed'],
  screen: ['screen', 'screen_viewed'],
  identify: ['identify'],
  commerce: [
    'products_searched',
    'product_viewed',
    'product_added',
    'product_removed',
    'cart_viewed',
    'checkout_started',
    'order_completed',
    'order_refunded',
    'order_cancelled',
  ],
  form: ['form_submitted', 'lead_created'],
  // What the relay writes back from the helpdesk and the CRM (writeback/support-sales-events.ts).
  support: Object.values(SUPPORT_EVENTS).map(toEventKey),
  sales: Object.values(SALES_EVENTS).map(toEventKey),
  session: [
    'application_opened',
    'application_backgrounded',
    'application_installed',
    'application_updated',
    'application_uninstalled',
    'application_closed',
  ],
}

/** A Map, not an object: keys come from data, and `constructor` must not find Object's. */
const KIND_BY_KEY: ReadonlyMap<string, KnownKind> = new Map(
  (Object.entries(KIND_KEYS) as [KnownKind, readonly string[]][]).flatMap(([kind, keys]) =>
    keys.map((key): [string, KnownKind] => [key, kind])
  )
)

/** Message types whose kind wins over the event key (a page call is a page view, whatever its name). */
const KIND_BY_TYPE: ReadonlyMap<string, KnownKind> = new Map([
  ['page', 'page'],
  ['screen', 'screen'],
  ['identify', 'identify'],
])

/** The kind of events that one include/exclude key selects. */
export function kindOfKey(key: string): TimelineKind {
  return KIND_BY_KEY.get(key) ?? 'custom'
}

/** The kind of an event with this message type and event key. */
export function kindOf(type: string, action: string): TimelineKind {
  return KIND_BY_TYPE.get(type) ?? kindOfKey(action)
}
