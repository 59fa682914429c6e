/**
 * @module writeback/outbox-store
 * The durable outbox: webhooks enqueue (outbox-enqueue.ts), the delivery worker claims due
 * messages and settles each one delivered, retried later or dead (outbox-settle.ts). SQLite and
 * Postgres alike (the store suite runs on both).
 *
 * Claiming leases rows (next_attempt_at moves past the send's longest wait) rather than marking
 * them in flight: a relay killed mid-send leaves them pending, and they are sent again once the
 * lease runs out. That second send is harmless because Intilery stores a messageId once.
 */
import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import type { Executor } from '../store/schema.ts'
import type { OutboxWriter } from './outbox-port.ts'
import type { WritebackTables } from './outbox-schema.ts'
import { createSequence } from './outbox-sequence.ts'
import {
  byTenant,
  keyOf,
  pickRows,
  type ClaimedMessage,
  type ClaimOptions,
  type OutboxKey,
  type PickedRow,
  type PickOptions,
} from './outbox-claim.ts'
import {
  giveBackAfter,
  giveBackLeased,
  LEASE_AHEAD_CHUNK,
  leasePrefixes,
  leaseRows,
  sortLeased,
  stillInOrder,
  type LeasedRows,
} from './outbox-lease.ts'
import { createEnqueue, writebackEnabled } from './outbox-enqueue.ts'
import { createOutboxSettlement } from './outbox-settle.ts'

export type { ClaimedMessage, ClaimOptions, OutboxKey, PickedRow, PickOptions }

/**
 * Picks the rows a claim at `at` would take and opens their payloads (outbox-claim.ts pickRows):
 * reads only, so it can run elsewhere (thread/outbox-thread-client.ts).
 */
export type OutboxPicker = (at: number, options: PickOptions) => Promise<PickedRow[]>

/** The rows of a claim picked ahead (OutboxStore.pickAhead), not leased yet. */
export interface PickedAhead {
  /** When they were picked: the older, the more of the outbox has changed since. */
  readonly at: number
  readonly rows: readonly PickedRow[]
  /** The claim the pick counted as delivered. */
  readonly inFlight: readonly OutboxKey[]
}

/** Rows picked ahead and leased (OutboxStore.leaseAhead), not checked against the round before. */
export interface LeasedAhead {
  /** When they were leased: their lease runs `leaseMs` from then. */
  readonly at: number
  readonly leaseMs: number
  readonly rows: readonly PickedRow[]
  /** The claim the pick counted as delivered. */
  readonly inFlight: readonly OutboxKey[]
}

export interface OutboxStore extends OutboxWriter {
  /**
   * Leases the oldest due messages of tenants with write-back on. A message is due only if no
   * earlier message of its customer is pending and not due (waiting for a retry, or leased):
   * so a customer's messages are claimed in order, and a later one never overtakes a retry.
   * A row whose payload does not parse is made dead at once (it was not written by this store).
   *
   * Given rows picked ahead (pickAhead), it leases those instead of picking, less the customers
   * the claim then in flight did not deliver (outbox-lease.ts stillInOrder): the same rule, with
   * that claim's messages checked once it has settled.
   */
  claimDue(options: ClaimOptions, ahead?: PickedAhead): Promise<ClaimedMessage[]>
  /**
   * Picks the next claim's rows while the claim `inFlight` is being delivered, counting its
   * messages as delivered, so the next round need not wait for a pick (delivery-worker.ts).
   * Reads only; nothing is leased until claimDue is given them.
   */
  pickAhead(options: PickOptions, inFlight: readonly ClaimedMessage[]): Promise<PickedAhead>
  /**
   * Leases rows picked ahead while the claim they counted as delivered is still settling, so that
   * the next round need not wait for its lease either. Nothing is sent of them until claimLeased
   * has checked them against how that claim settled.
   */
  leaseAhead(ahead: PickedAhead, leaseMs: number): Promise<LeasedAhead>
  /**
   * The rows leased ahead that may be sent, now that the claim in flight has settled: the same
   * rule as claimDue's with rows picked ahead. Those that may not are given back, due at once
   * (or, with a bad payload, made dead or retried as claimDue does).
   */
  claimLeased(options: ClaimOptions, leased: LeasedAhead): Promise<ClaimedMessage[]>
  /** Gives back rows leased ahead and not used (due at once), unless leased since by another. */
  releaseAhead(leased: LeasedAhead, rows: readonly PickedRow[]): Promise<void>
  /** Delivered: the payload is deleted, the row kept for deduplication until pruned. */
  markDelivered(keys: readonly OutboxKey[]): Promise<void>
  /**
   * One more failed attempt: the message is tried again at `retryAt`, or is dead once it has had
   * `maxAttempts`. @returns how many of them are dead now.
   */
  retryLater(
    keys: readonly OutboxKey[],
    failure: { readonly error: string; readonly retryAt: (attempts: number) => number },
    maxAttempts: number
  ): Promise<number>
  /** Refused for good (a 4xx other than 408, 409, 429): dead, kept for `relay outbox retry`. */
  markDead(keys: readonly OutboxKey[], error: string): Promise<void>
  /** Not sent after all (no budget, shutting down): due again at `at`, no attempt counted. */
  release(keys: readonly OutboxKey[], at: number): Promise<void>
  /** Deletes delivered rows delivered before `before`. @returns how many. */
  pruneDelivered(before: number): Promise<number>
  /** Deletes dead rows (their payloads: a customer's email, a ticket's facts) dead since before `before`. */
  pruneDead(before: number): Promise<number>
}

export interface OutboxStoreDeps {
  readonly db: Executor
  readonly hasher: Hasher
  readonly now: () => number
  /** Seals payloads at rest (outbox-sealing.ts). */
  readonly secretBox: SecretBox
  /** Where claims pick their rows; on `db`, here, by default. */
  readonly pick?: OutboxPicker | undefined
}

export function createOutboxStore({
  db,
  hasher,
  now,
  secretBox,
  pick,
}: OutboxStoreDeps): OutboxStore {
  const picker: OutboxPicker = pick ?? ((at, options) => pickRows(db, at, options, secretBox))
  const tables = (executor: Executor) => executor.withTables<WritebackTables>()
  const nextSeq = createSequence(now)
  const settle = createOutboxSettlement(db, now)
  const { markDead, retryLater } = settle

  /**
   * The leased rows that cannot be sent made dead (or retried, see ClaimOptions.unopened), each
   * tenant's told to `options.onUnusable`.
   */
  async function settleUnusable(
    options: ClaimOptions,
    { claimed, unreadable, unopened }: LeasedRows
  ): Promise<ClaimedMessage[]> {
    const keysByTenant = (keys: readonly OutboxKey[]) =>
      [...byTenant(keys)].map(
        ([tenantId, ids]) => [tenantId, ids.map((messageId) => ({ tenantId, messageId }))] as const
      )
    const unusable = new Map<
      string,
      { dead: number; retried: number; unreadable: number; unopened: number }
    >()
    const countsOf = (tenantId: string) => {
      const counts = unusable.get(tenantId) ?? { dead: 0, retried: 0, unreadable: 0, unopened: 0 }
      unusable.set(tenantId, counts)
      return counts
    }
    for (const [tenantId, keys] of keysByTenant(unreadable)) {
      await markDead(keys, 'stored payload is unreadable')
      const counts = countsOf(tenantId)
      counts.dead += keys.length
      counts.unreadable += keys.length
    }
    const error = 'stored payload did not open: encryption key changed, or the row was altered'
    for (const [tenantId, keys] of keysByTenant(unopened)) {
      let died = keys.length
      if (options.unopened === undefined) await markDead(keys, error)
      else
        died = await retryLater(
          keys,
          { error, retryAt: options.unopened.retryAt },
          options.unopened.maxAttempts
        )
      const counts = countsOf(tenantId)
      counts.dead += died
      counts.retried += keys.length - died
      counts.unopened += keys.length
    }
    for (const [tenantId, counts] of unusable) options.onUnusable?.(tenantId, counts)
    return claimed
  }

  /** Deletes rows in `state` whose `since` is before `before`. @returns how many. */
  async function prune(
    state: 'delivered' | 'dead',
    since: 'delivered_at' | 'last_attempt_at',
    before: number
  ) {
    const result = await tables(db)
      .deleteFrom('writeback_outbox')
      .where('state', '=', state)
      .where(since, '<', before)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  return {
    ...settle,
    isEnabled: (tenantId) => writebackEnabled(db, tenantId),

    enqueue: createEnqueue({ db, hasher, secretBox, now, nextSeq }),

    async pickAhead(options, inFlight) {
      const at = now()
      const keys = inFlight.map(keyOf)
      return { at, rows: await picker(at, { ...options, inFlight: keys }), inFlight: keys }
    },

    async claimDue(options, ahead) {
      const at = now()
      const picked =
        ahead === undefined
          ? await picker(at, options)
          : await stillInOrder(db, ahead.rows, ahead.inFlight)
      return settleUnusable(options, await leaseRows(db, at, options.leaseMs, picked))
    },

    async leaseAhead(ahead, leaseMs) {
      const at = now()
      const rows = await leasePrefixes(db, at, leaseMs, ahead.rows, LEASE_AHEAD_CHUNK)
      return { at, leaseMs, rows, inFlight: ahead.inFlight }
    },

    async claimLeased(options, leased) {
      try {
        const inOrder = await stillInOrder(db, leased.rows, leased.inFlight)
        if (inOrder.length < leased.rows.length) {
          const kept = new Set(inOrder)
          const out = leased.rows.filter((row) => !kept.has(row))
          await giveBackLeased(db, leased.at, leased.leaseMs, out)
        }
        return await settleUnusable(options, sortLeased(inOrder))
      } catch (error) {
        // Nothing of them is sent: given back rather than left to wait out the lease (rows made
        // dead meanwhile are no longer pending, and stay as they are).
        return giveBackAfter(error, () =>
          giveBackLeased(db, leased.at, leased.leaseMs, leased.rows)
        )
      }
    },

    releaseAhead: async (leased, rows) => {
      if (rows.length > 0) await giveBackLeased(db, leased.at, leased.leaseMs, rows)
    },

    pruneDelivered: (before) => prune('delivered', 'delivered_at', before),
    // A dead row's last attempt is when it died (markDead and retryLater both set it).
    pruneDead: (before) => prune('dead', 'last_attempt_at', before),
  }
}
