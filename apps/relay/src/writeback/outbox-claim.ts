/**
 * @module writeback/outbox-claim
 * The delivery worker's pick: the oldest due messages of tenants with write-back on, each
 * customer's in order, their payloads opened and checked. The lease that follows is
 * outbox-lease.ts's.
 */
import { sql } from 'kysely'

import { SecretBoxError, type SecretBox } from '../platform/crypto/secret-box.ts'
import type { Executor } from '../store/schema.ts'
import { turnOfTheEventLoop } from './event-loop-turn.ts'
import { cutter } from './outbox-claim-rules.ts'
import { outboxPayloadContext } from './outbox-sealing.ts'
import { outboxPayloadSchema, outboxTables, type OutboxPayload } from './outbox-schema.ts'

/** A claimed message, its payload read back and checked. */
export interface ClaimedMessage {
  readonly tenantId: string
  readonly messageId: string
  readonly orderKey: string
  readonly event: string
  readonly source: string
  readonly attempts: number
  readonly payload: OutboxPayload
  /** The stored payload's size, which bounds the batch's (see ClaimOptions.maxBytes). */
  readonly payloadBytes: number
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
  /**
   * At most this much of one customer's queue (its oldest), so that it fits in one batch; their
   * later messages wait for the next claim. None by default.
   */
  readonly perCustomer?: { readonly limit: number; readonly maxBytes: number } | undefined
  /**
   * Tenants not to pick now: their budget cannot spare a token for more than the worker already
   * holds of theirs (carried-batches.ts), so their rows would only be leased to wait.
   */
  readonly skipTenants?: readonly string[] | undefined
  /** Only this tenant's rows: its worker's own claim (tenant-workers.ts). All tenants' by default. */
  readonly onlyTenant?: string | undefined
  /**
   * What becomes of a sealed payload that does not open: tried again at `retryAt(attempts)` (one
   * more attempt counted), dead after `maxAttempts`. A relay whose key was just rotated under it
   * meets exactly this until it restarts with the new key, so such rows wait rather than die.
   * Without it (the CLI, tests) they are dead at once.
   */
  readonly unopened?:
    { readonly retryAt: (attempts: number) => number; readonly maxAttempts: number } | undefined
  /**
   * Told, per tenant, of the rows this claim could not send (unreadable, or sealed and not opened):
   * how many it made dead and how many wait for another try, so the worker counts them with its
   * deliveries (the metrics' counter, the log) rather than only the table knowing.
   */
  readonly onUnusable?: ((tenantId: string, counts: UnusableCounts) => void) | undefined
}

/** What a claim did with the rows it could not send (ClaimOptions.onUnusable). */
export interface UnusableCounts {
  readonly dead: number
  readonly retried: number
  /** Rows whose stored payload is not a message (altered, or written by something else). */
  readonly unreadable: number
  /** Rows whose sealed payload did not open (the encryption key changed, or the row was altered). */
  readonly unopened: number
}

/** What a pick needs of ClaimOptions (the outbox thread is sent only these). */
export interface PickOptions extends Pick<
  ClaimOptions,
  'limit' | 'maxBytes' | 'perCustomer' | 'skipTenants' | 'onlyTenant'
> {
  /**
   * Picking ahead (OutboxStore.pickAhead): the claim being delivered meanwhile, whose messages
   * then count as delivered, so its customers' next messages are picked.
   */
  readonly inFlight?: readonly OutboxKey[] | undefined
}

export const keyOf = (m: ClaimedMessage): OutboxKey => ({
  tenantId: m.tenantId,
  messageId: m.messageId,
})

export const byTenant = (keys: readonly OutboxKey[]) => {
  const groups = new Map<string, string[]>()
  for (const { tenantId, messageId } of keys) {
    const ids = groups.get(tenantId)
    if (ids === undefined) groups.set(tenantId, [messageId])
    else ids.push(messageId)
  }
  return groups
}

/** Rows leased (and their payloads read) per statement; see pickRows and outbox-lease.ts. */
export const LEASE_CHUNK = 100

/** A row a claim would take, its payload already opened and checked (or why not). */
export interface PickedRow {
  readonly tenant_id: string
  readonly message_id: string
  readonly order_key: string
  readonly event: string
  readonly source: string
  readonly attempts: number
  readonly payloadBytes: number
  /** The payload; `unreadable` when it does not parse, `unopened` when its seal does not open. */
  readonly payload: OutboxPayload | 'unreadable' | 'unopened'
}

/**
 * Picks the rows a claim at `at` takes (the oldest due, each customer's a prefix of their queue,
 * within the options' limits) and opens their payloads. Reads only: it may run on a connection
 * of its own, on another thread (thread/outbox-thread.ts), while the lease stays with the store.
 */
export async function pickRows(
  db: Executor,
  at: number,
  options: PickOptions,
  /** Opens the sealed payloads (outbox-sealing.ts). */
  secretBox: SecretBox
): Promise<PickedRow[]> {
  const candidates = await selectCandidates(db, at, options)
  // A prefix of the oldest, so each customer's messages stay a prefix of their queue.
  const chosen: Candidate[] = []
  const cut = cutter(options)
  for (const row of candidates) {
    const take = cut(row.order_key, storedBytes(row), chosen.length === 0)
    if (take === 'stop') break
    if (take === 'take') chosen.push(row)
  }
  const picked: PickedRow[] = []
  for (let start = 0; start < chosen.length; start += LEASE_CHUNK) {
    if (start > 0) await turnOfTheEventLoop()
    const chunk = chosen.slice(start, start + LEASE_CHUNK)
    const payloads = await Promise.all(chunk.map((row) => readPayload(row, secretBox)))
    for (const [index, row] of chunk.entries()) {
      const payload = payloads[index]
      picked.push({
        tenant_id: row.tenant_id,
        message_id: row.message_id,
        order_key: row.order_key,
        event: row.event,
        source: row.source,
        attempts: row.attempts,
        payloadBytes: storedBytes(row),
        payload: payload === UNOPENED ? 'unopened' : payload === undefined ? 'unreadable' : payload,
      })
    }
  }
  return picked
}

type Candidate = Awaited<ReturnType<typeof selectCandidates>>[number]

/**
 * The oldest due messages of tenants with write-back on, skipping customers with an earlier
 * message leased (by a claim other than `inFlight`) or waiting for a retry. Walked in enqueue order
 * (writeback_outbox_pending_idx, on state, tenant and seq: with `onlyTenant`, as the relay's
 * per-tenant workers claim, only that tenant's pending rows), stopping at `limit` (see
 * unindexedNextAttempt). The cost is the not-yet-due rows ahead of the due ones (leased or waiting
 * for a retry), which are few unless Intilery has been down a while. Without `onlyTenant` (tests'
 * workers for every tenant) the pending rows are sorted by seq first.
 */
function selectCandidates(
  db: Executor,
  at: number,
  { limit, inFlight, skipTenants = [], onlyTenant }: PickOptions
) {
  // Left join: a pending row without its payload (edited by hand) is picked, and dies unreadable.
  return outboxTables(db)
    .selectFrom('writeback_outbox as o')
    .leftJoin('writeback_outbox_payloads as p', (join) =>
      join.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.message_id', '=', 'o.message_id')
    )
    .select([
      'o.tenant_id',
      'o.message_id',
      'o.order_key',
      'o.event',
      'o.source',
      'o.attempts',
      'p.payload_sealed',
      'p.payload_json',
    ])
    .where('o.state', '=', 'pending')
    .where(unindexedNextAttempt('o.next_attempt_at'), '<=', at)
    .$if(skipTenants.length > 0, (query) => query.where('o.tenant_id', 'not in', skipTenants))
    .$if(onlyTenant !== undefined, (query) => query.where('o.tenant_id', '=', onlyTenant ?? ''))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('tenants as t')
          .select('t.id')
          .whereRef('t.id', '=', 'o.tenant_id')
          .where('t.writeback_enabled', '=', 1)
      )
    )
    .where((eb) => {
      const held = eb
        .selectFrom('writeback_outbox as e')
        .select('e.seq')
        .whereRef('e.tenant_id', '=', 'o.tenant_id')
        .whereRef('e.order_key', '=', 'o.order_key')
        .whereRef('e.seq', '<', 'o.seq')
        .where('e.state', '=', 'pending')
        .where('e.next_attempt_at', '>', at)
      const ours = byTenant(inFlight ?? [])
      return eb.not(
        eb.exists(
          ours.size === 0
            ? held
            : held.where((w) =>
                w.not(
                  w.or(
                    [...ours].map(([tenantId, ids]) =>
                      w.and([w('e.tenant_id', '=', tenantId), w('e.message_id', 'in', ids)])
                    )
                  )
                )
              )
        )
      )
    })
    .orderBy('o.seq')
    .limit(limit)
    .execute()
}

/**
 * `next_attempt_at` as SQLite's planner sees no index for (the unary plus; Postgres reads it the
 * same). On the (state, next_attempt_at) index the claim's SELECT gathered and sorted every due
 * row, and an UPDATE by key visited every due row (~7 ms per 100 at 20,000 pending).
 */
export const unindexedNextAttempt = (column: 'next_attempt_at' | 'o.next_attempt_at') =>
  sql<number>`+${sql.ref(column)}`

/** What a row stores of its payload: sealed, or in clear on rows older than sealing. */
const storedBytes = (row: Candidate) => (row.payload_sealed ?? row.payload_json)?.length ?? 0

/** A sealed payload that did not open: the key, or an altered row (see ClaimOptions.unopened). */
const UNOPENED = Symbol('unopened')

/** The row's payload, checked; undefined when it does not parse (the caller makes it dead). */
async function readPayload(
  row: Candidate,
  secretBox: SecretBox
): Promise<OutboxPayload | undefined | typeof UNOPENED> {
  let json = row.payload_json
  if (row.payload_sealed !== null) {
    try {
      json = await secretBox.open(
        row.payload_sealed,
        outboxPayloadContext(row.tenant_id, row.message_id)
      )
    } catch (error) {
      // Sealed under another key, altered, or copied from another row: never sent as it is.
      if (error instanceof SecretBoxError) return UNOPENED
      throw error
    }
  }
  if (json === null) return undefined
  try {
    const parsed = outboxPayloadSchema.safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : undefined
  } catch {
    // Not JSON: the caller makes the row dead, saying so.
    return undefined
  }
}
