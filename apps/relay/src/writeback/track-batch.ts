/**
 * @module writeback/track-batch
 * The `track` calls a batch carries, in Intilery's message anatomy (the tracking spec; the
 * sandbox's ingest/messages.ts): the event, its properties and time, who it is about, and the
 * library that sent it.
 */
import type { TrackIdentity } from './identity-resolver.ts'
import type { ClaimedMessage } from './outbox-store.ts'

/** `context.library` of every message: which integration wrote the event. */
export const LIBRARY = { name: 'intilery-connect-relay', version: '0.1.0' } as const

export interface TrackMessage {
  readonly type: 'track'
  readonly messageId: string
  readonly event: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly timestamp: string
  readonly userId?: string
  readonly anonymousId?: string
  readonly context: {
    readonly library: typeof LIBRARY
    /** Only for someone Intilery did not know: their email, so it can stitch them later. */
    readonly traits?: { readonly email: string }
  }
}

export function trackMessageOf(message: ClaimedMessage, identity: TrackIdentity): TrackMessage {
  const { properties, timestamp } = message.payload
  const base = { type: 'track' as const, messageId: message.messageId, event: message.event }
  if ('userId' in identity)
    return {
      ...base,
      properties,
      timestamp,
      userId: identity.userId,
      context: { library: LIBRARY },
    }
  return {
    ...base,
    properties,
    timestamp,
    anonymousId: identity.anonymousId,
    context: {
      library: LIBRARY,
      ...(identity.email === undefined ? {} : { traits: { email: identity.email } }),
    },
  }
}

export const batchBody = (messages: readonly TrackMessage[]): string =>
  JSON.stringify({ batch: messages })
