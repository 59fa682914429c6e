/**
 * @module writeback/outbox-admin
 * What an operator sees and does with the outbox (`relay outbox status|list|retry|purge`): counts,
 * recent and dead messages, and moving dead messages back or away. Nothing here reads a payload:
 * listings name events and messageIds, never the customer or the event's properties.
 */
import type { Executor } from '../store/schema.ts'
import { OUTBOX_STATES, type OutboxState, type WritebackTables } from './outbox-schema.ts'

export interface TenantOutboxStatus {
  readonly tenantId: string
  readonly pending: number
  readonly delivered: number
  readonly dead: number
  /** When the oldest pending message was enqueued (epoch ms); undefined with none pending. */
  readonly oldestPendingAt: number | undefined
  /** The latest failed attempt's error, and when it failed (its message may have gone since). */
  readonly lastError: { readonly at: number; readonly error: string } | undefined
}

export interface OutboxListing {
  readonly tenantId: string
  readonly messageId: string
  readonly source: string
  readonly event: string
  readonly state: OutboxState
  readonly attempts: number
  /** Only while pending. */
  readonly nextAttemptAt: number | undefined
  readonly lastError: string | undefined
  readonly createdAt: number
  readonly deliveredAt: number | undefined
}

/** What waits, per tenant: what Prometheus scrapes. */
export type TenantOutboxBacklog = Pick<
  TenantOutboxStatus,
  'tenantId' | 'pending' | 'dead' | 'oldestPendingAt'
>

export interface OutboxAdmin {
  /**
   * Every tenant with messages in the outbox, by id. Counts every delivered row kept for
   * deduplication (a week's worth): for `relay outbox status`, not for every scrape.
   */
  status(): Promise<TenantOutboxStatus[]>
  /**
   * Every tenant with write-back on or messages pending or dead, by id: as cheap as the backlog is
   * short, however many delivered rows are kept.
   */
  backlog(): Promise<TenantOutboxBacklog[]>
  /** The tenants with write-back on, by id. */
  writebackTenantIds(): Promise<string[]>
  /** The newest messages first. */
  list(query: {
    readonly tenantId: string
    readonly state?: OutboxState | undefined
    readonly limit: number
  }): Promise<OutboxListing[]>
  /**
   * Dead messages back to pending, due now, with a fresh count of attempts.
   * @returns how many.
   */
  retry(tenantId: string, messageId?: string): Promise<number>
  /** Deletes dead messages. @returns how many. */
  purge(tenantId: string, messageId?: string): Promise<number>
}

const countOf = (
  rows: readonly { tenant_id: string; state: OutboxState; n: number }[],
  tenantId: string,
  state: OutboxState
) => Number(rows.find((r) => r.tenant_id === tenantId && r.state === state)?.n ?? 0)

export function createOutboxAdmin({
  db,
  now,
}: {
  readonly db: Executor
  readonly now: () => number
}): OutboxAdmin {
  const outbox = () => db.withTables<WritebackTables>()

  async function writebackTenantIds(): Promise<string[]> {
    const rows = await db
      .selectFrom('tenants')
      .select('id')
      .where('writeback_enabled', '=', 1)
      .orderBy('id')
      .execute()
    return rows.map((row) => row.id)
  }

  /** When each tenant's oldest pending message was enqueued (epoch ms). */
  async function oldestPending(): Promise<Map<string, number>> {
    const rows = await outbox()
      .selectFrom('writeback_outbox')
      .select(['tenant_id', (eb) => eb.fn.min<number>('created_at').as('at')])
      .where('state', '=', 'pending')
      .groupBy('tenant_id')
      .execute()
    return new Map(rows.map((row) => [row.tenant_id, Number(row.at)]))
  }

  /** The tenant's newest failed attempt: one step down writeback_outbox_failed_idx (0024). */
  async function latestFailure(tenantId: string): Promise<TenantOutboxStatus['lastError']> {
    const row = await outbox()
      .selectFrom('writeback_outbox')
      .select(['last_error', 'last_attempt_at'])
      .where('tenant_id', '=', tenantId)
      .where('last_error', 'is not', null)
      .where('last_attempt_at', 'is not', null)
      .orderBy('last_attempt_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row?.last_error == null || row.last_attempt_at == null
      ? undefined
      : { at: Number(row.last_attempt_at), error: row.last_error }
  }

  /** The tenant's newest `limit` messages in `state`, with the order they were enqueued in. */
  async function newestIn(
    tenantId: string,
    state: OutboxState,
    limit: number
  ): Promise<(OutboxListing & { readonly seq: number })[]> {
    const rows = await outbox()
      .selectFrom('writeback_outbox')
      .select([
        'seq',
        'tenant_id',
        'message_id',
        'source',
        'event',
        'state',
        'attempts',
        'next_attempt_at',
        'last_error',
        'created_at',
        'delivered_at',
      ])
      .where('tenant_id', '=', tenantId)
      .where('state', '=', state)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      seq: Number(row.seq),
      tenantId: row.tenant_id,
      messageId: row.message_id,
      source: row.source,
      event: row.event,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : undefined,
      lastError: row.last_error ?? undefined,
      createdAt: row.created_at,
      deliveredAt: row.delivered_at ?? undefined,
    }))
  }

  return {
    writebackTenantIds,

    async status() {
      // Every state, delivered too: a count over the whole retention, for an operator's command.
      // Prometheus scrapes backlog(), which stays as cheap as the backlog is short.
      const counts = await outbox()
        .selectFrom('writeback_outbox')
        .select(['tenant_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['tenant_id', 'state'])
        .execute()
      const oldest = await oldestPending()
      // A tenant with write-back on shows zeros rather than nothing, as in backlog().
      const enabled = await writebackTenantIds()
      const ids = [...new Set([...enabled, ...counts.map((row) => row.tenant_id)])].sort()
      const failures = await Promise.all(ids.map(latestFailure))
      return ids.map((tenantId, i) => {
        const count = (state: OutboxState) => countOf(counts, tenantId, state)
        return {
          tenantId,
          pending: count('pending'),
          delivered: count('delivered'),
          dead: count('dead'),
          oldestPendingAt: oldest.get(tenantId),
          lastError: failures[i],
        }
      })
    },

    async backlog() {
      // Through the (state, tenant, seq) index: pending and dead rows only, however many were
      // delivered.
      const counts = await outbox()
        .selectFrom('writeback_outbox')
        .select(['tenant_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', 'in', ['pending', 'dead'])
        .groupBy(['tenant_id', 'state'])
        .execute()
      const oldest = await oldestPending()
      // A tenant with write-back on shows zeros rather than no series at all.
      const enabled = await writebackTenantIds()
      const ids = [...new Set([...enabled, ...counts.map((row) => row.tenant_id)])].sort()
      return ids.map((tenantId) => {
        const count = (state: OutboxState) => countOf(counts, tenantId, state)
        return {
          tenantId,
          pending: count('pending'),
          dead: count('dead'),
          oldestPendingAt: oldest.get(tenantId),
        }
      })
    },

    async list({ tenantId, state, limit }) {
      // Without a state, the newest of each state merged: each is a walk down
      // writeback_outbox_pending_idx (state, tenant_id, seq) that stops at `limit`, where a
      // query on the tenant alone would read and sort every row it ever kept (a week of
      // delivered ones).
      const listed = await Promise.all(
        (state === undefined ? OUTBOX_STATES : [state]).map((one) => newestIn(tenantId, one, limit))
      )
      return listed
        .flat()
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map(({ seq: _seq, ...listing }) => listing)
    },

    async retry(tenantId, messageId) {
      let query = outbox()
        .updateTable('writeback_outbox')
        .set({ state: 'pending', attempts: 0, next_attempt_at: now() })
        .where('tenant_id', '=', tenantId)
        .where('state', '=', 'dead')
      if (messageId !== undefined) query = query.where('message_id', '=', messageId)
      return Number((await query.executeTakeFirst()).numUpdatedRows)
    },

    async purge(tenantId, messageId) {
      let query = outbox()
        .deleteFrom('writeback_outbox')
        .where('tenant_id', '=', tenantId)
        .where('state', '=', 'dead')
      if (messageId !== undefined) query = query.where('message_id', '=', messageId)
      return Number((await query.executeTakeFirst()).numDeletedRows)
    },
  }
}
