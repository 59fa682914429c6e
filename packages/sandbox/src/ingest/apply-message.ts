/**
 * @module ingest/apply-message
 * Applies a tracked message to the store at once, so the Profile API shows it on the next read:
 * the customer is found (userId first, then anonymousId) or created, an anonymous customer who
 * identifies gains the userId (identity stitching), identify merges traits, every message becomes
 * an event, and a repeated messageId is stored once.
 */
import { randomUUID } from 'node:crypto'

import { parseIsoInstant } from '@intilery-connect/core'

import type { CustomerStore } from '../store/customer-store.ts'
import { buildEvent } from '../store/event-factory.ts'
import type { CustomerRecord } from '../store/types.ts'
import type { IngestMessage } from './messages.ts'

export interface ApplyResult {
  readonly customerId: string
  readonly eventId: string
  readonly duplicate: boolean
}

function newCustomer(id: string, now: number): CustomerRecord {
  return {
    id,
    userId: undefined,
    anonymousIds: [],
    traits: {},
    computed: {},
    marketingPreferences: [],
    audiences: [],
    audiencesStatic: [],
    createdBy: { type: 'tracking', createdTime: new Date(now).toISOString() },
    subscriptionId: Buffer.from(`sandbox:${id}`).toString('base64'),
    events: [],
  }
}

function resolveCustomer(
  store: CustomerStore,
  message: IngestMessage,
  now: number
): CustomerRecord {
  const known =
    message.userId === undefined
      ? undefined
      : store.find({ type: 'userId', value: message.userId })[0]
  const anonymous =
    message.anonymousId === undefined
      ? undefined
      : store.find({ type: 'anonymousId', value: message.anonymousId })[0]
  let customer = known ?? (anonymous?.userId === undefined ? anonymous : undefined)
  if (customer === undefined) {
    customer = newCustomer(randomUUID(), now)
    store.add(customer)
  }
  if (message.userId !== undefined && customer.userId === undefined)
    store.setUserId(customer, message.userId)
  if (message.anonymousId !== undefined) store.addAnonymousId(customer, message.anonymousId)
  return customer
}

export function applyMessage(
  store: CustomerStore,
  message: IngestMessage,
  now = Date.now()
): ApplyResult {
  const customer = resolveCustomer(store, message, now)
  const eventId = message.messageId ?? randomUUID()
  if (message.messageId !== undefined && customer.events.some((s) => s.event.eventId === eventId)) {
    return { customerId: customer.id, eventId, duplicate: true }
  }
  if (message.kind === 'identify' && message.traits !== undefined)
    store.mergeTraits(customer, message.traits)
  const ms = message.timestamp === undefined ? now : (parseIsoInstant(message.timestamp) ?? now)
  const properties =
    message.kind === 'page' || message.kind === 'screen'
      ? { ...(message.name === undefined ? {} : { name: message.name }), ...message.properties }
      : message.properties
  const stored = buildEvent(customer, store.brand, {
    eventId,
    type: message.kind,
    name: message.event,
    ms,
    receivedMs: now,
    properties,
    traits: message.traits,
    context: message.context,
    anonymousId: message.anonymousId,
  })
  store.appendEvent(customer, stored)
  return { customerId: customer.id, eventId, duplicate: false }
}
