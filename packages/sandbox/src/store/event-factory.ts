/**
 * Builds stored events in the shape the events endpoint returns (the spec's example fields), so the
 * seed and the tracking ingest produce identical records.
 */
import { toEventKey } from '@intilery-connect/core'

import type { BrandCoordinates, CustomerRecord, StoredEvent } from './types.ts'

export type MessageType = 'track' | 'page' | 'screen' | 'identify'

export interface EventInput {
  eventId: string
  type: MessageType
  /** The event name for track calls (`Email Opened`); page/screen/identify get a fixed name. */
  name?: string | undefined
  /** When it happened. */
  ms: number
  /** When Intilery received it; defaults to shortly after `ms`. */
  receivedMs?: number | undefined
  properties?: Record<string, unknown> | undefined
  traits?: Record<string, unknown> | undefined
  context?: Record<string, unknown> | undefined
  sendType?: string | undefined
  anonymousId?: string | undefined
  source?: string | undefined
}

const FIXED_NAMES: Record<Exclude<MessageType, 'track'>, string> = {
  page: 'Page Viewed',
  screen: 'Screen Viewed',
  identify: 'Identify',
}

/** The event name as stored in `rawData.event`. */
export function eventNameOf(input: Pick<EventInput, 'type' | 'name'>): string {
  return input.type === 'track' ? (input.name ?? 'Unnamed Event') : FIXED_NAMES[input.type]
}

export function buildEvent(
  customer: CustomerRecord,
  brand: BrandCoordinates,
  input: EventInput
): StoredEvent {
  const name = eventNameOf(input)
  const eventTime = new Date(input.ms).toISOString()
  const receivedTime = new Date(input.receivedMs ?? input.ms + 300 + (input.ms % 400)).toISOString()
  const email = typeof customer.traits.email === 'string' ? customer.traits.email : undefined
  const externalId =
    typeof customer.traits.externalId === 'string' ? customer.traits.externalId : undefined
  const rawData: Record<string, unknown> = {
    action: input.type,
    event: name,
    ...(customer.userId === undefined ? {} : { userId: customer.userId }),
    ...(input.anonymousId === undefined ? {} : { anonymousId: input.anonymousId }),
    context: input.context ?? (email === undefined ? {} : { traits: { email } }),
    properties: input.properties ?? {},
    ...(input.traits === undefined ? {} : { traits: input.traits }),
    timestamp: eventTime,
    ...(input.sendType === undefined ? {} : { sendType: input.sendType }),
  }
  return {
    ms: input.ms,
    event: {
      id: customer.id,
      ...(externalId === undefined ? {} : { externalId }),
      ...(email === undefined ? {} : { email }),
      eventId: input.eventId,
      eventTime,
      receivedTime,
      eventAction: toEventKey(name),
      clientId: brand.clientId,
      accountId: brand.accountId,
      brandId: brand.brandId,
      customerId: customer.id,
      ...(customer.userId === undefined ? {} : { userId: customer.userId }),
      source: input.source ?? 'SEGMENT_API',
      rawData,
    },
  }
}
