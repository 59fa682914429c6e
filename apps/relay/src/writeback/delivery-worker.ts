/**
 * @module writeback/delivery-worker
 * Sends the outbox to Intilery, in the background of a running relay (started by server.ts): every
 * poll it claims the oldest due messages, delivers each tenant's share (deliver-tenant.ts), and
 * goes again at once while there is more. Now and then it prunes delivered rows past retention.
 *
 * A round claims enough for several batches and sends them at once (`concurrency`), so a backlog
 * overlaps Intilery's latency instead of waiting it out batch after batch; while nobody reads it
 * claims twice that and sends the rest as the budget's refill spares tokens (send-as-spared.ts).
 * A customer's claimed messages all go in one batch (batch-packing.ts), so batches in flight
 * together never hold two messages of one customer and cannot reorder them. Claims of overlapping
 * rounds would: each skips every customer with a message leased by the other, which with a few
 * hundred customers is nearly all of them, hence one round at a time. What does overlap is the
 * next round's pick (pick-ahead.ts), which counts the round in flight as delivered, and, once the
 * round has started every batch it will send, the pick's lease; the next claim then keeps none of
 * a customer that round did not deliver (given back). Batches the budget cannot spare a
 * token for wait in memory, still leased, for the next round (carried-batches.ts) rather than
 * going back to the table.
 *
 * Stopping aborts whatever is in flight and gives those messages back, due at once: the next
 * start sends them again. If Intilery had stored them already, it stores them once (messageId), so
 * abandoning is always safe, and a stop never waits on a slow Intilery.
 */
import { createCarriedBatches, maxCarryMs } from './carried-batches.ts'
import { createShareDelivery, type ShareDeliveryDeps, type ShareOutcome } from './deliver-share.ts'
import type { ClaimedMessage, OutboxStore } from './outbox-store.ts'
import { keyOf, type OutboxKey, type UnusableCounts } from './outbox-claim.ts'
import { createPickAhead } from './pick-ahead.ts'
import { createPruning } from './outbox-pruning.ts'
import { settledAll } from './settled-all.ts'
import { createWorkerClaim, type RoundClaim } from './worker-claim.ts'

export interface DeliveryWorkerDeps extends ShareDeliveryDeps {
  /**
   * Only this tenant's messages, and no pruning (tenant-workers.ts runs one worker per tenant, and
   * prunes for all). By default every tenant's, pruned here.
   */
  readonly tenantId?: string | undefined
  readonly random?: (() => number) | undefined
  /** A failure of the worker itself (the database, say); it carries on at the next poll. */
  readonly onError?: ((error: unknown) => void) | undefined
  /** Messages the claim found unsendable (their stored payloads), with why (worker-claim.ts). */
  readonly onUnusable?: ((tenantId: string, counts: UnusableCounts) => void) | undefined
}

export interface DeliveryWorker {
  /** Starts polling; a second call does nothing. */
  start(): void
  /**
   * One round: claim, deliver, settle. @returns how many messages it had to deliver (claimed, or
   * carried from the last round). Tests call it directly; the polling loop calls nothing else.
   */
  runOnce(): Promise<number>
  /** Stops polling, abandons what is in flight (given back, due at once); resolves when idle. */
  stop(): Promise<void>
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { outbox, timers, settings } = deps
  const random = deps.random ?? Math.random
  const stopping = new AbortController()
  let started = false
  let timer: unknown
  let running: Promise<number> | undefined
  // Only a worker for every tenant prunes; per-tenant workers leave it to tenant-workers.ts.
  const pruneWhenDue = deps.tenantId === undefined ? createPruning(outbox, settings) : undefined
  /**
   * Batches the next round claims. While readers use most of the budget only a batch or two can
   * be sent per round, and claiming `concurrency` batches only to give most back cost the event
   * loop (and so the sidebar's reads) ~30 ms of SQLite a round; so it follows what was sendable,
   * growing back (doubling) once rounds send all they claim, up to twice `concurrency` while
   * nobody reads (see round()).
   */
  const claimBatchesWhileIdle = settings.concurrency * 2
  let claimBatches = claimBatchesWhileIdle
  /** What the last round's tenants found of their budgets: when the next round starts. */
  let lastBudget: Pick<ShareOutcome, 'budgetShort' | 'spareInMs' | 'readersActive'> = {
    budgetShort: false,
    readersActive: false,
  }
  /** Claimed, not sendable for want of budget: kept leased for the next round. */
  const carried = createCarriedBatches(maxCarryMs(settings.leaseMs, settings.sendTimeoutMs))
  /** The last round's claim: whether it leased rows picked ahead, or was skipped (nextRoundInMs). */
  let lastClaim: Pick<RoundClaim, 'claimedAhead' | 'skipped'> = {
    claimedAhead: false,
    skipped: false,
  }
  const pickAhead = createPickAhead(outbox, {
    // Rounds of a backlog take a few hundred ms: a pick older than this belongs to a round that
    // went slowly, meanwhile retries came due and new customers arrived; picked afresh, they go
    // in turn.
    maxAgeMs: 1_000,
    // Rows leased ahead are sent within a round's second of sending: like carried ones, only while
    // a send started then still ends well inside their lease.
    maxLeasedAgeMs: Math.min(1_000, maxCarryMs(settings.leaseMs, settings.sendTimeoutMs)),
    onError: (error) => {
      if (!stopping.signal.aborted) deps.onError?.(error)
    },
  })

  const workerClaim = createWorkerClaim({
    outbox,
    settings,
    timers,
    pickAhead,
    random,
    signal: stopping.signal,
    tenantId: deps.tenantId,
    onDelivered: deps.onDelivered,
    onUnusable: deps.onUnusable,
  })
  // The store's other methods through its prototype, looked up at each call (not copied now).
  const outboxNoting: OutboxStore = Object.assign(Object.create(outbox) as OutboxStore, {
    async markDelivered(keys: readonly OutboxKey[]) {
      await outbox.markDelivered(keys)
      workerClaim.noteDelivered(keys)
    },
  })
  const deliverShare = createShareDelivery(
    { ...deps, outbox: outboxNoting },
    { carried, random, signal: stopping.signal }
  )

  async function round(): Promise<number> {
    const now = timers.now()
    await pruneWhenDue?.(now)
    // Read again: pruning may have taken a while, and what was carried must go within its lease.
    const kept = carried.takeAll(timers.now())
    const context = { batches: claimBatches, readersActive: lastBudget.readersActive }
    const roundClaim = await workerClaim.claimBeside(now, kept, context).catch((error: unknown) => {
      // The database failed before anything was sent: what was carried is still leased, and
      // waits for the next round in memory rather than out its lease.
      kept.putBack()
      throw error
    })
    const { claimed, leasedAt: claimedAt } = roundClaim
    lastClaim = roundClaim
    const byTenant = new Map<string, ClaimedMessage[]>()
    const leasedAt = new Map<ClaimedMessage, number>()
    for (const [tenantId, theirs] of kept.byTenant) {
      byTenant.set(
        tenantId,
        theirs.map(({ message }) => message)
      )
      for (const entry of theirs) leasedAt.set(entry.message, entry.leasedAt)
    }
    // After what was carried: theirs are older, and none of their customers are in this claim.
    for (const message of claimed) {
      const theirs = byTenant.get(message.tenantId)
      if (theirs === undefined) byTenant.set(message.tenantId, [message])
      else theirs.push(message)
    }
    // Tenants have budgets of their own, and their shares are sent side by side; but the round
    // ends when the slowest has settled, which is why the relay runs a worker per tenant
    // (tenant-workers.ts): one tenant's slow Intilery then holds up only its own rounds.
    // Once every tenant's share has started what it will send, the next claim's rows are leased
    // while this round settles (pick-ahead.ts lease()).
    const started: Promise<void>[] = []
    const delivering = settledAll(
      [...byTenant].map(([tenantId, some]) => {
        let startedAll = () => {}
        started.push(new Promise<void>((resolve) => (startedAll = resolve)))
        return deliverShare(
          tenantId,
          some,
          (message) => leasedAt.get(message) ?? claimedAt,
          startedAll
        ).finally(startedAll)
      })
    )
    void Promise.all(started).then(() => {
      if (!stopping.signal.aborted) pickAhead.lease(settings.leaseMs)
    })
    const shares = await delivering.catch(async (error: unknown) => {
      await pickAhead.drop()
      throw error
    })
    const sent = shares.reduce((n, share) => n + share.sent, 0)
    // `sent` counts carried batches too. While nobody reads, a round claims for twice what the
    // budget spares at once: the second half goes as the refill spares it (send-as-spared.ts),
    // which a round's claim and settling would otherwise let overflow the bucket. Readers take
    // most of the refill: then no more than `concurrency`, which already is more than their pace
    // lets a round send.
    const readersActive = shares.some((share) => share.readersActive)
    const most = readersActive ? settings.concurrency : claimBatchesWhileIdle
    claimBatches = shares.some((share) => share.heldBack)
      ? Math.min(most, Math.max(1, sent))
      : Math.min(most, claimBatches * 2)
    const waits = shares.flatMap((share) =>
      share.spareInMs === undefined ? [] : [share.spareInMs]
    )
    lastBudget = {
      budgetShort: shares.some((share) => share.budgetShort),
      spareInMs: waits.length === 0 ? undefined : Math.max(...waits),
      readersActive,
    }
    return [...byTenant.values()].reduce((n, some) => n + some.length, 0)
  }

  function runOnce(): Promise<number> {
    // One round at a time: a test's direct call and the loop never overlap.
    running ??= round().finally(() => {
      running = undefined
    })
    return running
  }

  function nextRoundInMs(claimed: number) {
    if (lastBudget.budgetShort) return settings.pollMs
    if (lastBudget.spareInMs !== undefined) return lastBudget.spareInMs
    // A short claim of rows picked ahead says little of what is due (messages given back
    // meanwhile were not among them): the next round picks afresh, at once.
    // Likewise after a round that claimed nothing new.
    return claimed >= settings.batchSize || lastClaim.claimedAhead || lastClaim.skipped
      ? 0
      : settings.pollMs
  }

  function schedule(ms: number) {
    if (stopping.signal.aborted) return
    timer = timers.setTimeout(() => {
      timer = undefined
      runOnce().then(
        // More is probably waiting: straight on, unless the budget is short (nextRoundInMs).
        (claimed) => schedule(nextRoundInMs(claimed)),
        (error: unknown) => {
          if (!stopping.signal.aborted) deps.onError?.(error)
          schedule(settings.pollMs)
        }
      )
    }, ms)
  }

  return {
    start() {
      if (started) return
      started = true
      schedule(0)
    },
    runOnce,
    async stop() {
      stopping.abort()
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      // Its failure, if any, was reported by the loop (onError); stopping only waits for it.
      await running?.catch(() => undefined)
      // What waited for budget goes back due at once, for the next start (left leased, it would
      // wait out its lease).
      const waiting = carried.takeAll(timers.now())
      const keys = [
        ...[...waiting.byTenant.values()].flat().map(({ message }) => keyOf(message)),
        ...waiting.expired.map(keyOf),
      ]
      if (keys.length > 0)
        await outbox.release(keys, timers.now()).catch((error: unknown) => deps.onError?.(error))
      await pickAhead.drop()
      await pickAhead.idle()
    },
  }
}
