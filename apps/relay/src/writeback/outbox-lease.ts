/**
 * @module writeback/outbox-lease
 * The second half of a claim, after the pick (outbox-claim.ts): the picked rows leased on the
 * store's own connection, so that no other round (or relay instance) takes them while they are in
 * flight, and given back when the lease could not keep a customer's messages a prefix of their queue.
 */
import type { Executor } from '../store/schema.ts'
import { turnOfTheEventLoop } from './event-loop-turn.ts'
import {
  byTenant,
  LEASE_CHUNK,
  unindexedNextAttempt,
  type ClaimedMessage,
  type OutboxKey,
  type PickedRow,
} from './outbox-claim.ts'
import { leadingRuns, messageKey } from './outbox-claim-rules.ts'
import { outboxTables, stateIs } from './outbox-schema.ts'

/**
 * @returns the leased messages, and the keys of leased rows whose payload does not parse (the
 *   caller makes them dead: they were not written by the outbox) or does not open.
 */
export async function leaseRows(
  db: Executor,
  at: number,
  leaseMs: number,
  picked: readonly PickedRow[]
): Promise<LeasedRows> {
  return sortLeased(await leasePrefixes(db, at, leaseMs, picked))
}

/** What a lease took, sorted by what the claim does with each row. */
export interface LeasedRows {
  readonly claimed: ClaimedMessage[]
  readonly unreadable: OutboxKey[]
  readonly unopened: OutboxKey[]
}

/**
 * The rows picked (pickRows), leased in chunks with a turn of the event loop before each: on
 * SQLite every statement runs synchronously, and a round's claim of 1,200 rows in one go held
 * every sidebar read arriving meanwhile for ~30 ms. No transaction spans the chunks (it would hold
 * SQLite's only connection, and with it every read's audit row, across the turns): each lease is
 * one UPDATE that takes only rows still pending and due, so rows another instance leased
 * meanwhile (Postgres) stay its own, as they did within a transaction under READ COMMITTED.
 * @param chunk rows per UPDATE (LEASE_AHEAD_CHUNK for a lease ahead).
 * @returns the rows leased, each customer's a prefix of what was picked of theirs (the rest given
 *   back).
 */
export async function leasePrefixes(
  db: Executor,
  at: number,
  leaseMs: number,
  picked: readonly PickedRow[],
  chunk = LEASE_CHUNK
): Promise<PickedRow[]> {
  const leased = new Set<string>()
  try {
    for (let start = 0; start < picked.length; start += chunk) {
      await turnOfTheEventLoop()
      for (const key of await lease(db, at, leaseMs, picked.slice(start, start + chunk)))
        leased.add(key)
    }
    const { kept, giveBack } = leadingRuns(picked, leased)
    if (giveBack.length > 0) await giveBackLeased(db, at, leaseMs, giveBack)
    return kept
  } catch (error) {
    // The chunks leased before the failure would otherwise wait out their lease, and with them
    // their customers' later messages.
    const taken = picked.filter((row) => leased.has(messageKey(row.tenant_id, row.message_id)))
    return giveBackAfter(error, () => giveBackLeased(db, at, leaseMs, taken))
  }
}

/**
 * Rows per UPDATE of a lease ahead (OutboxStore.leaseAhead). Each statement commits on its own,
 * and consecutive rows belong to different customers, each on its own page of the waiting index:
 * the log took such a page again for every chunk that touched it, so fewer, larger chunks write
 * it fewer times. In chunks of 1,200 a round's lease of 2,400 rows took 30-45 ms of the relay's
 * thread instead of 50-75 (40-55 ms from start to end, not 85-110), and its end is what the next
 * round waits for (bench:writeback). The cost: a statement holds the event loop for ~15-30 ms.
 * Rounds lease ahead only after a round in which no agent read (delivery-worker.ts), so only an
 * agent's first read during such a round can wait behind one.
 */
export const LEASE_AHEAD_CHUNK = 1_200

/**
 * Rethrows `error` once `giveBack` has run; if that fails too, both failures, together.
 * Whatever a failed claim leased is given back rather than left to wait out its lease.
 */
export async function giveBackAfter(
  error: unknown,
  giveBack: () => Promise<unknown>
): Promise<never> {
  try {
    await giveBack()
  } catch (giveBackError) {
    throw new AggregateError(
      [error, giveBackError],
      'a claim failed, and so did giving back what it leased',
      { cause: giveBackError }
    )
  }
  throw error
}

export function sortLeased(kept: readonly PickedRow[]): LeasedRows {
  const claimed: ClaimedMessage[] = []
  const unreadable: OutboxKey[] = []
  const unopened: OutboxKey[] = []
  for (const row of kept) {
    const key = { tenantId: row.tenant_id, messageId: row.message_id }
    if (row.payload === 'unopened') unopened.push(key)
    else if (row.payload === 'unreadable') unreadable.push(key)
    else
      claimed.push({
        ...key,
        orderKey: row.order_key,
        event: row.event,
        source: row.source,
        attempts: row.attempts,
        payload: row.payload,
        payloadBytes: row.payloadBytes,
      })
  }
  return { claimed, unreadable, unopened }
}

/** Leases the rows still pending and due. @returns the keys (messageKey) it leased. */
const lease = (db: Executor, at: number, leaseMs: number, rows: readonly KeyedRow[]) =>
  // Another instance may have leased some meanwhile (Postgres): they are its own.
  moveNextAttempt(db, rows, { to: at + leaseMs, where: ['<=', at] })

/**
 * Gives back rows a lease at `at` took (due again at once); rows leased since by others are
 * theirs.
 */
export const giveBackLeased = (
  db: Executor,
  at: number,
  leaseMs: number,
  rows: readonly KeyedRow[]
) => moveNextAttempt(db, rows, { to: at, where: ['=', at + leaseMs] })

/** What the lease needs of a row: its key. */
type KeyedRow = Pick<PickedRow, 'tenant_id' | 'message_id'>

async function moveNextAttempt(
  db: Executor,
  rows: readonly KeyedRow[],
  { to, where: [op, value] }: { to: number; where: ['<=' | '=', number] }
): Promise<Set<string>> {
  const moved = new Set<string>()
  for (const [tenantId, ids] of byTenant(
    rows.map((r) => ({ tenantId: r.tenant_id, messageId: r.message_id }))
  )) {
    const updated = await outboxTables(db)
      .updateTable('writeback_outbox')
      .set({ next_attempt_at: to })
      .where('tenant_id', '=', tenantId)
      .where('message_id', 'in', ids)
      .where(stateIs('pending'))
      .where(unindexedNextAttempt('next_attempt_at'), op, value)
      .returning('message_id')
      .execute()
    for (const row of updated) moved.add(messageKey(tenantId, row.message_id))
  }
  return moved
}

/**
 * The rows of a claim picked ahead (OutboxStore.pickAhead) that may still be leased, now that the
 * claim the pick counted as delivered (`inFlight`) has settled: none of a customer with a message
 * of that claim still pending (given back, or waiting for a retry), and none of a tenant that
 * turned write-back off meanwhile.
 */
export async function stillInOrder(
  db: Executor,
  picked: readonly PickedRow[],
  inFlight: readonly OutboxKey[]
): Promise<PickedRow[]> {
  const held = new Set<string>()
  for (const [tenantId, ids] of byTenant(inFlight))
    for (let start = 0; start < ids.length; start += HELD_CHUNK) {
      const rows = await outboxTables(db)
        .selectFrom('writeback_outbox')
        .select('order_key')
        .where('tenant_id', '=', tenantId)
        .where('message_id', 'in', ids.slice(start, start + HELD_CHUNK))
        .where(stateIs('pending'))
        .execute()
      for (const row of rows) held.add(`${tenantId}\u0000${row.order_key}`)
    }
  const tenantIds = [...new Set(picked.map((row) => row.tenant_id))]
  const enabled =
    tenantIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await outboxTables(db)
              .selectFrom('tenants')
              .select('id')
              .where('id', 'in', tenantIds)
              .where('writeback_enabled', '=', 1)
              .execute()
          ).map((row) => row.id)
        )
  return picked.filter(
    (row) => enabled.has(row.tenant_id) && !held.has(`${row.tenant_id}\u0000${row.order_key}`)
  )
}

/** Keys per look-up of the claim in flight: within both engines' bound parameters. */
const HELD_CHUNK = 500
