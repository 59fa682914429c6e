/**
 * @module writeback/outbox-settle
 * How a claimed message ends its round, each one transaction over the round's keys: delivered,
 * tried again later (or dead after its last attempt), dead at once, or given back untouched.
 * Only rows still pending change: a row settled already (or purged) stays as it is.
 */
import type { Kysely } from 'kysely'

import type { Executor, Schema } from '../store/schema.ts'
import { byTenant, type OutboxKey } from './outbox-claim.ts'
import { stateIs, type WritebackTables } from './outbox-schema.ts'
import type { OutboxStore } from './outbox-store.ts'

export type OutboxSettlement = Pick<
  OutboxStore,
  'markDelivered' | 'retryLater' | 'markDead' | 'release'
>

export function createOutboxSettlement(db: Executor, now: () => number): OutboxSettlement {
  const tables = (executor: Executor) => executor.withTables<WritebackTables>()

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
        .where(stateIs('pending'))
        .execute()
    )

  const retryLater: OutboxStore['retryLater'] = async (keys, { error, retryAt }, maxAttempts) => {
    let died = 0
    await updateRows(keys, async (trx, tenantId, ids) => {
      const rows = await trx
        .selectFrom('writeback_outbox')
        .select(['message_id', 'attempts'])
        .where('tenant_id', '=', tenantId)
        .where('message_id', 'in', ids)
        .where(stateIs('pending'))
        .execute()
      for (const row of rows) {
        const attempts = row.attempts + 1
        if (attempts >= maxAttempts) died += 1
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
    })
    return died
  }

  return {
    markDead,
    markDelivered: (keys) =>
      updateRows(keys, async (trx, tenantId, ids) => {
        const delivered = await trx
          .updateTable('writeback_outbox')
          // last_attempt_at stays the failed attempt's, beside its last_error (outbox status).
          .set({ state: 'delivered', delivered_at: now() })
          .where('tenant_id', '=', tenantId)
          .where('message_id', 'in', ids)
          .where(stateIs('pending'))
          .returning('message_id')
          .execute()
        // Delivered, the row only remembers the messageId (for dedupe); what it said goes.
        if (delivered.length > 0)
          await trx
            .deleteFrom('writeback_outbox_payloads')
            .where('tenant_id', '=', tenantId)
            .where(
              'message_id',
              'in',
              delivered.map(({ message_id }) => message_id)
            )
            .execute()
      }),

    retryLater,

    release: (keys, at) =>
      updateRows(keys, (trx, tenantId, ids) =>
        trx
          .updateTable('writeback_outbox')
          .set({ next_attempt_at: at })
          .where('tenant_id', '=', tenantId)
          .where('message_id', 'in', ids)
          .where(stateIs('pending'))
          .execute()
      ),
  }
}
