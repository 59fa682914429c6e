/**
 * @module profile-api/responses
 * Shapes stored customers into the bodies the spec shows for traits, meta and audiences. Traits
 * answers carry `computed`; meta adds first/last event per action, audiences and last activity;
 * audiences carries both audience lists. Every body starts from the standard traits.
 */
import { lastActivityMs } from '../store/customer-store.ts'
import type { CustomerRecord, StoredEvent } from '../store/types.ts'

function profileBase(customer: CustomerRecord): Record<string, unknown> {
  return {
    ...customer.traits,
    id: customer.id,
    ...(customer.userId === undefined ? {} : { userId: customer.userId }),
    marketingPreferences: { channels: customer.marketingPreferences.map((pref) => ({ ...pref })) },
  }
}

export function traitsBody(customer: CustomerRecord): Record<string, unknown> {
  return { ...profileBase(customer), computed: { ...customer.computed } }
}

/** The event as profile metadata keeps it: the tracked message plus its ids and times. */
function eventSummary({ event }: StoredEvent): Record<string, unknown> {
  return {
    ...event.rawData,
    eventId: event.eventId,
    eventTime: event.eventTime,
    receivedTime: event.receivedTime,
  }
}

function firstAndLastByAction(customer: CustomerRecord) {
  const first: Record<string, unknown> = {}
  const last: Record<string, unknown> = {}
  for (const stored of customer.events) {
    const action = stored.event.eventAction
    first[action] ??= eventSummary(stored)
    last[action] = stored
  }
  for (const [action, stored] of Object.entries(last))
    last[action] = eventSummary(stored as StoredEvent)
  return { first, last }
}

export function metaBody(customer: CustomerRecord): Record<string, unknown> {
  const { first, last } = firstAndLastByAction(customer)
  const lastMs = lastActivityMs(customer)
  return {
    ...profileBase(customer),
    _subscriptionId: customer.subscriptionId,
    createdBy: { ...customer.createdBy },
    firstEvent: first,
    lastEvent: last,
    audiences: [...customer.audiences],
    audiencesStatic: [...customer.audiencesStatic],
    ...(lastMs === undefined ? {} : { lastActivityTime: new Date(lastMs).toISOString() }),
  }
}

export function audiencesBody(customer: CustomerRecord): Record<string, unknown> {
  return {
    ...profileBase(customer),
    audiences: [...customer.audiences],
    audiencesStatic: [...customer.audiencesStatic],
  }
}

/** One row of the profile listing: traits plus last activity. */
export function summaryBody(customer: CustomerRecord): Record<string, unknown> {
  const lastMs = lastActivityMs(customer)
  return {
    ...traitsBody(customer),
    ...(lastMs === undefined ? {} : { lastActivityTime: new Date(lastMs).toISOString() }),
  }
}

export type ProfileEndpoint = 'traits' | 'meta' | 'audiences'

export const PROFILE_BODIES: Record<
  ProfileEndpoint,
  (customer: CustomerRecord) => Record<string, unknown>
> = {
  traits: traitsBody,
  meta: metaBody,
  audiences: audiencesBody,
}
