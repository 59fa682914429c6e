/**
 * @module writeback/outbox-store
 * The durable outbox: webhooks enqueue (one transaction, a messageId already stored for the tenant
 * skipped), the delivery worker claims due messages, and settles each one delivered, retried later
 * or dead. SQLite and Postgres alike (the store suite runs on both).
 *
 * Claiming leases rows (next_attempt_at moves past the send's longest wait) rather than marking
 * them in flight: a relay killed mid-send leaves them pending, and they are sent again once the
 * lease runs out. That second send is harmless because Intilery stores a messageId once.
 */
import type { Kysely } from 'kysely'

import type { Hasher } from '../platform/crypto/hmac.ts'
import { InvalidInputError } from '../store/errors.ts'
import type { Executor, Schema } from '../store/schema.ts'
import { orderKeyOf } from './order-key.ts'
import { WritebackDisabledError, type EnqueueResult, type OutboxWriter } from './outbox-port.ts'
import {
  outboxMessageSchema,
  outboxPayloadSchema,
  type OutboxPayload,
  type WritebackTables,
} from './outbox-schema.ts'
import { createSequence } from './outbox-sequence.ts'

/** A claimed message, its payload read back and checked. */
export interface ClaimedMessage {
  readonly tenantId: string
  readonly messageId: string
  readonly orderKey: string
  readonly event: string
  readonly source: string
  readonly attempts: number
  readonly payload: OutboxPayload
}

/** Which row: the outbox's key. */
export interface OutboxKey {
  readonly tenantId: string
  readonly messageId: string
}

export interface ClaimOptions {
  /** At most this many messages (a batch holds 100). */
  readonly limit: number
  /** At most this many bytes of stored payload, so the batch stays within Intilery's 500 KB. */
  readonly maxBytes: number
  /** How long the claimed rows are not picked again: longer than any send can take. */
  readonly leaseMs: number
}

export interface OutboxStore extends OutboxWriter {
  /**
   * Leases the oldest due messages of tenants with write-back on. A message is due only if no
   * earlier message of its customer is pending and not due (waiting for a retry, or leased):
   * so a customer's messages are claimed in order, and a later one never overtakes a retry.
   * A row whose payload does not parse is made dead at once (it was not written by this store).
   */
  claimDue(options: ClaimOptions): Promise<ClaimedMessage[]>
  /** Delivered: the payload is cleared, the row kept for deduplication until pruned. */
  markDelivered(keys: readonly OutboxKey[]): Promise<void>
  /**
   * One more failed attempt: the message is tried again at `retryAt`, or is dead once it has had
   * `maxAttempts`.
   */
  retryLater(
    keys: readonly OutboxKey[],
    failure: { readonly error: string; readonly retryAt: (attempts: number) => number },
    maxAttempts: number
  ): Promise<void>
  /** Refused for good (a 4xx other than 408, 409, 429): dead, kept for `relay outbox retry`. */
  markDead(keys: readonly OutboxKey[], error: string): Promise<void>
  /** Not sent after all (no budget, shutting down): due again at `at`, no attempt counted. */
  release(keys: readonly OutboxKey[], at: number): Promise<void>
  /** Deletes delivered rows delivered before `before`. @returns how many. */
  pruneDelivered(before: number): Promise<number>
}

export interface OutboxStoreDeps {
  readonly db: Executor
  readonly hasher: Hasher
  readonly now: () => number
}

/** Rows per INSERT, within both engines' limits on bound parameters. */
const INSERT_CHUNK = 200

const byTenant = (keys: readonly OutboxKey[]) => {
  const groups = new Map<string, string[]>()
  for (const { tenantId, messageId } of keys)
    groups.set(tenantId, [...(groups.get(tenantId) ?? []), messageId])
  return groups
}

export function createOutboxStore({ db, hasher, now }: OutboxStoreDeps): OutboxStore {
  const tables = (executor: Executor) => executor.withTables<WritebackTables>()
  const nextSeq = createSequence(now)

  async function isEnabled(executor: Executor, tenantId: string): Promise<boolean> {
    const row = await executor
      .selectFrom('tenants')
      .select('writeback_enabled')
      .where('id', '=', tenantId)
      .executeTakeFirst()
    return row?.writeback_enabled === 1
  }

  /** Updates `keys`' rows, one statement per tenant. */
  async function updateRows(
    keys: readonly OutboxKey[],
    update: (
      trx: Kysely<Schema & WritebackTables>,
      tenantId: string,
      messageIds: readonly string[]
    ) => Promise<unknown>
  ) {
    if (keys.length === 0) return
    await db.transaction().execute(async (trx) => {
      for (const [tenantId, ids] of byTenant(keys)) await update(tables(trx), tenantId, ids)
    })
  }

  const markDead = (keys: readonly OutboxKey[], error: string) =>
    updateRows(keys, (trx, tenantId, ids) =>
      trx
        .updateTable('writeback_outbox')
        .set((eb) => ({
          state: 'dead',
          attempts: eb('attempts', '+', 1),
          last_error: error,
          last_attempt_at: now(),
        }))
        .where('tenant_id', '=', tenantId)
        .where('message_id', 'in', ids)
        .where('state', '=', 'pending')
        .execute()
    )

  return {
    isEnabled: (tenantId) => isEnabled(db, tenantId),

    async enqueue(tenantId, messages): Promise<EnqueueResult> {
      const checked = messages.map((message, index) => {
        const parsed = outboxMessageSchema.safeParse(message)
        if (!parsed.success)
          throw InvalidInputError.fromZod('outbox message', prefixed(parsed.error, index))
        return parsed.data
      })
      // Hashed before the transaction: on SQLite it holds the only connection.
      const rows = await Promise.all(
        checked.map(async (message) => ({
          tenant_id: tenantId,
          message_id: message.messageId,
          order_key: await orderKeyOf(hasher, tenantId, message.identity),
          source: message.source,
          event: message.event,
          payload_json: JSON.stringify({
            identity: message.identity,
            properties: message.properties,
            timestamp: message.timestamp,
          } satisfies OutboxPayload),
        }))
      )
      return db.transaction().execute(async (trx) => {
        if (!(await isEnabled(trx, tenantId))) throw new WritebackDisabledError(tenantId)
        const at = now()
        let stored = 0
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const inserted = await tables(trx)
            .insertInto('writeback_outbox')
            .values(
              rows.slice(i, i + INSERT_CHUNK).map((row) => ({
                ...row,
                seq: nextSeq(),
                state: 'pending' as const,
                attempts: 0,
                next_attempt_at: at,
                last_error: null,
                last_attempt_at: null,
                created_at: at,
                delivered_at: null,
              }))
            )
            // Also skips a messageId repeated within this very call.
            .onConflict((conflict) => conflict.columns(['tenant_id', 'message_id']).doNothing())
            .returning('message_id')
            .execute()
          stored += inserted.length
        }
        return { stored, duplicates: rows.length - stored }
      })
    },

    async claimDue({ limit, maxBytes, leaseMs }) {
      const at = now()
      const { claimed, unreadable } = await db.transaction().execute(async (trx) => {
        const candidates = await tables(trx)
          .selectFrom('writeback_outbox as o')
          .innerJoin('tenants as t', 't.id', 'o.tenant_id')
          .select([
            'o.tenant_id',
            'o.message_id',
            'o.order_key',
            'o.event',
            'o.source',
            'o.attempts',
            'o.payload_json',
          ])
          .where('o.state', '=', 'pending')
          .where('o.next_attempt_at', '<=', at)
          .where('t.writeback_enabled', '=', 1)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('writeback_outbox as e')
                  .select('e.seq')
                  .whereRef('e.tenant_id', '=', 'o.tenant_id')
                  .whereRef('e.order_key', '=', 'o.order_key')
                  .whereRef('e.seq', '<', 'o.seq')
                  .where('e.state', '=', 'pending')
                  .where('e.next_attempt_at', '>', at)
              )
            )
          )
          .orderBy('o.seq')
          .limit(limit)
          .execute()
        // A prefix of the oldest, so each customer's messages stay a prefix of their queue.
        const chosen: typeof candidates = []
        let bytes = 0
        for (const row of candidates) {
          bytes += row.payload_json?.length ?? 0
          if (chosen.length > 0 && bytes > maxBytes) break
          chosen.push(row)
        }
        const leased = new Set<string>()
        for (const [tenantId, ids] of byTenant(
          chosen.map((r) => ({ tenantId: r.tenant_id, messageId: r.message_id }))
        )) {
          const rows = await tables(trx)
            .updateTable('writeback_outbox')
            .set({ next_attempt_at: at + leaseMs })
            .where('tenant_id', '=', tenantId)
            .where('message_id', 'in', ids)
            .where('state', '=', 'pending')
            // Another instance may have leased some meanwhile (Postgres): they are its own.
            .where('next_attempt_at', '<=', at)
            .returning('message_id')
            .execute()
          for (const row of rows) leased.add(`${tenantId}\u0000${row.message_id}`)
        }
        const claimed: ClaimedMessage[] = []
        const unreadable: OutboxKey[] = []
        for (const row of chosen) {
          if (!leased.has(`${row.tenant_id}\u0000${row.message_id}`)) continue
          const payload = readPayload(row.payload_json)
          const key = { tenantId: row.tenant_id, messageId: row.message_id }
          if (payload === undefined) unreadable.push(key)
          else
            claimed.push({
              ...key,
              orderKey: row.order_key,
              event: row.event,
              source: row.source,
              attempts: row.attempts,
              payload,
            })
        }
        return { claimed, unreadable }
      })
      if (unreadable.length > 0) await markDead(unreadable, 'stored payload is unreadable')
      return claimed
    },

    markDead,

    markDelivered: (keys) =>
      updateRows(keys, (trx, tenantId, ids) =>
        trx
          .updateTable('writeback_outbox')
          .set({
            state: 'delivered',
            delivered_at: now(),
            last_attempt_at: now(),
            payload_json: null,
          })
          .where('tenant_id', '=', tenantId)
          .where('message_id', 'in', ids)
          .where('state', '=', 'pending')
          .execute()
      ),

    retryLater: (keys, { error, retryAt }, maxAttempts) =>
      updateRows(keys, async (trx, tenantId, ids) => {
        const rows = await trx
          .selectFrom('writeback_outbox')
          .select(['message_id', 'attempts'])
          .where('tenant_id', '=', tenantId)
          .where('message_id', 'in', ids)
          .where('state', '=', 'pending')
          .execute()
        for (const row of rows) {
          const attempts = row.attempts + 1
          await trx
            .updateTable('writeback_outbox')
            .set({
              attempts,
              state: attempts >= maxAttempts ? 'dead' : 'pending',
              next_attempt_at: retryAt(attempts),
              last_error: error,
              last_attempt_at: now(),
            })
            .where('tenant_id', '=', tenantId)
            .where('message_id', '=', row.message_id)
            .execute()
        }
      }),

    release: (keys, at) =>
      updateRows(keys, (trx, tenantId, ids) =>
        trx
          .updateTable('writeback_outbox')
          .set({ next_attempt_at: at })
          .where('tenant_id', '=', tenantId)
          .where('message_id', 'in', ids)
          .where('state', '=', 'pending')
          .execute()
      ),

    async pruneDelivered(before) {
      const result = await tables(db)
        .deleteFrom('writeback_outbox')
        .where('state', '=', 'delivered')
        .where('delivered_at', '<', before)
        .executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}

function readPayload(json: string | null): OutboxPayload | undefined {
  if (json === null) return undefined
  try {
    const parsed = outboxPayloadSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : undefined
  } catch {
    // Not JSON: the caller makes the row dead, saying so.
    return undefined
  }
}

/** Issues of the `index`th message, named as such (`1.identity: …`). */
function prefixed<E extends { issues: { path: PropertyKey[] }[] }>(error: E, index: number): E {
  for (const issue of error.issues) issue.path = [index, ...issue.path]
  return error
}
