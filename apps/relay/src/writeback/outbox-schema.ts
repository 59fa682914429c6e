/**
 * @module writeback/outbox-schema
 * The outbox's tables as Kysely sees them, and the zod schemas at its two doors: messages a webhook
 * hands in (checked before anything is stored) and payloads read back from the database (checked
 * before anything is sent, since a row may have been edited by hand).
 */
import { sql } from 'kysely'
import { z } from 'zod'

import type { Executor } from '../store/schema.ts'

export const OUTBOX_STATES = ['pending', 'delivered', 'dead'] as const
export type OutboxState = (typeof OUTBOX_STATES)[number]

/**
 * `state = …` for statements that name their rows by key (`message_id IN (…)`). Written as
 * `(state || '') = …` so that SQLite's planner, which has no statistics, keeps to the primary key:
 * given a plain `state = …` it chose a (state, …) index and visited every pending row, ~7 ms per
 * 100-row UPDATE at 20,000 pending, growing with the backlog. Postgres reads it the same.
 */
export const stateIs = (state: OutboxState) => sql<boolean>`(${sql.ref('state')} || '') = ${state}`

export interface WritebackOutboxTable {
  tenant_id: string
  message_id: string
  /** Enqueue order (outbox-sequence.ts): the order each customer's events are sent in. */
  seq: number
  /** A keyed hash naming the customer (order-key.ts), never the customer's id or email. */
  order_key: string
  /** The host the event came from (`zendesk`, `pipedrive`). */
  source: string
  event: string
  state: OutboxState
  /** Delivery attempts that failed (a batch abandoned at shutdown or by a crash is not one). */
  attempts: number
  /** When the worker may pick the row; in the future while a batch holding it is in flight. */
  next_attempt_at: number
  /**
   * Why the last failed attempt failed, in the relay's words: an HTTP status and error code, no
   * data. Kept once the message is delivered (`relay outbox list` shows it).
   */
  last_error: string | null
  /** When that attempt failed (delivered_at says when the message went). */
  last_attempt_at: number | null
  created_at: number
  delivered_at: number | null
}

/**
 * A pending or dead message's payload, apart from its outbox row (migration 0023: the row is
 * rewritten by every lease and mark, the payload never); deleted once the message is delivered
 * (the outbox row then only remembers the messageId, for dedupe).
 */
export interface WritebackOutboxPayloadsTable {
  tenant_id: string
  message_id: string
  /** JSON of OutboxPayload, sealed (outbox-sealing.ts). */
  payload_sealed: string | null
  /** The same in clear, only for messages stored before payloads were sealed (migration 0016). */
  payload_json: string | null
}

/** Write-back's tables, for `db.withTables<WritebackTables>()` (a type: Kysely wants an index). */
export type WritebackTables = {
  writeback_outbox: WritebackOutboxTable
  writeback_outbox_payloads: WritebackOutboxPayloadsTable
}

/** Write-back's tables on `executor` (a connection or a transaction). */
export const outboxTables = (executor: Executor) => executor.withTables<WritebackTables>()

/** Intilery's tracking API keeps messageIds of up to 200 characters (the sandbox enforces it). */
const MAX_MESSAGE_ID = 200
/** One message's properties; a batch of 100 then stays well within the 500 KB batch limit. */
export const MAX_PROPERTIES_BYTES = 4 * 1024
/** Emails one identity carries: hosts trim to this rather than have a message refused. */
export const MAX_IDENTITY_EMAILS = 20

const text = (max: number) => z.string().min(1).max(max)

export const sourceIdentitySchema = z
  .strictObject({
    userId: text(1_024).optional(),
    emails: z.array(text(320)).max(MAX_IDENTITY_EMAILS).optional(),
    hostRef: z.strictObject({ host: text(32), accountId: text(200), ref: text(200) }).optional(),
  })
  .refine(
    (identity) =>
      identity.userId !== undefined ||
      (identity.emails?.length ?? 0) > 0 ||
      identity.hostRef !== undefined,
    'names nobody: give a userId, an email or a hostRef'
  )

const propertiesSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (properties) => JSON.stringify(properties).length <= MAX_PROPERTIES_BYTES,
    `properties must stay within ${MAX_PROPERTIES_BYTES} bytes of JSON`
  )

/** An OutboxMessage as a webhook hands it in. */
export const outboxMessageSchema = z.strictObject({
  messageId: text(MAX_MESSAGE_ID),
  source: text(32),
  event: text(200),
  properties: propertiesSchema,
  timestamp: z.iso.datetime({ offset: true }),
  identity: sourceIdentitySchema,
})

/** What a row keeps until it is delivered. */
export const outboxPayloadSchema = z.strictObject({
  identity: sourceIdentitySchema,
  properties: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
})
export type OutboxPayload = z.output<typeof outboxPayloadSchema>
