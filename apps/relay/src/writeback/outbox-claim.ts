/**
 * @module writeback/outbox-claim
 * The delivery worker's pick, in one transaction: the oldest due messages of tenants with
 * write-back on, each customer's in order, leased so that no other round (or relay instance)
 * picks them while they are in flight.
 */
import type { Executor } from '../store/schema.ts'
import { outboxPayloadSchema, type OutboxPayload, type WritebackTables } from './outbox-schema.ts'

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

export const byTenant = (keys: readonly OutboxKey[]) => {
  const groups = new Map<string, string[]>()
  for (const { tenantId, messageId } of keys)
    groups.set(tenantId, [...(groups.get(tenantId) ?? []), messageId])
  return groups
}

/**
 * @returns the leased messages, and the keys of leased rows whose payload does not parse (the
 *   caller makes them dead: they were not written by the outbox).
 */
export async function claimRows(
  db: Executor,
  at: number,
  { limit, maxBytes, leaseMs }: ClaimOptions
): Promise<{ claimed: ClaimedMessage[]; unreadable: OutboxKey[] }> {
  const tables = (executor: Executor) => executor.withTables<WritebackTables>()
  return db.transaction().execute(async (trx) => {
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
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('writeback_outbox as e')
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
