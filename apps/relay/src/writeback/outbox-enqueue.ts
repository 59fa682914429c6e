/**
 * @module writeback/outbox-enqueue
 * Webhooks' messages into the outbox: checked, their customer's order key hashed and their payload
 * sealed (outbox-sealing.ts), then stored in one transaction, a messageId already stored for the
 * tenant skipped. The payload goes in a table of its own (migration 0023), beside its row.
 */
import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { InvalidInputError } from '../store/errors.ts'
import type { Executor } from '../store/schema.ts'
import { orderKeyOf } from './order-key.ts'
import { WritebackDisabledError, type OutboxWriter } from './outbox-port.ts'
import { outboxMessageSchema, type OutboxPayload, type WritebackTables } from './outbox-schema.ts'
import { outboxPayloadContext } from './outbox-sealing.ts'

/** Rows per INSERT, within both engines' limits on bound parameters. */
const INSERT_CHUNK = 200

/** Whether the tenant has write-back on (null and 0 both mean off). */
export async function writebackEnabled(executor: Executor, tenantId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('tenants')
    .select('writeback_enabled')
    .where('id', '=', tenantId)
    .executeTakeFirst()
  return row?.writeback_enabled === 1
}

export function createEnqueue({
  db,
  hasher,
  secretBox,
  now,
  nextSeq,
}: {
  readonly db: Executor
  readonly hasher: Hasher
  readonly secretBox: SecretBox
  readonly now: () => number
  /** The next enqueue order (outbox-sequence.ts). */
  readonly nextSeq: () => number
}): OutboxWriter['enqueue'] {
  const tables = (executor: Executor) => executor.withTables<WritebackTables>()
  return async (tenantId, messages) => {
    const checked = messages.map((message, index) => {
      const parsed = outboxMessageSchema.safeParse(message)
      if (!parsed.success)
        throw InvalidInputError.fromZod('outbox message', prefixed(parsed.error, index))
      return parsed.data
    })
    // Hashed and sealed before the transaction: on SQLite it holds the only connection.
    const sealed = await Promise.all(
      checked.map(async (message) => ({
        row: {
          tenant_id: tenantId,
          message_id: message.messageId,
          order_key: await orderKeyOf(hasher, tenantId, message.identity),
          source: message.source,
          event: message.event,
        },
        payload: await secretBox.seal(
          JSON.stringify({
            identity: message.identity,
            properties: message.properties,
            timestamp: message.timestamp,
          } satisfies OutboxPayload),
          outboxPayloadContext(tenantId, message.messageId)
        ),
      }))
    )
    return db.transaction().execute(async (trx) => {
      if (!(await writebackEnabled(trx, tenantId))) throw new WritebackDisabledError(tenantId)
      const at = now()
      let stored = 0
      for (let i = 0; i < sealed.length; i += INSERT_CHUNK) {
        const chunk = sealed.slice(i, i + INSERT_CHUNK)
        const inserted = await tables(trx)
          .insertInto('writeback_outbox')
          .values(
            chunk.map(({ row }) => ({
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
        // The payloads of the messages stored now, each as it first came: a repeated messageId
        // keeps the payload its row was stored with.
        const storedNow = new Set(inserted.map(({ message_id }) => message_id))
        const payloads = chunk.filter(({ row }) => storedNow.delete(row.message_id))
        if (payloads.length > 0)
          await tables(trx)
            .insertInto('writeback_outbox_payloads')
            .values(
              payloads.map(({ row, payload }) => ({
                tenant_id: tenantId,
                message_id: row.message_id,
                payload_sealed: payload,
                payload_json: null,
              }))
            )
            .execute()
        stored += inserted.length
      }
      return { stored, duplicates: sealed.length - stored }
    })
  }
}

/** Issues of the `index`th message, named as such (`1.identity: …`). */
function prefixed<E extends { issues: { path: PropertyKey[] }[] }>(error: E, index: number): E {
  for (const issue of error.issues) issue.path = [index, ...issue.path]
  return error
}
