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
import { createCarriedBatches, maxCarryMs, type CarriedOut } from './carried-batches.ts'
import { createShareDelivery, type ShareDeliveryDeps, type ShareOutcome } from './deliver-share.ts'
import type { ClaimedMessage, OutboxStore, PickOptions } from './outbox-store.ts'
import { keyOf, type OutboxKey, type UnusableCounts } from './outbox-claim.ts'
import { messageKey } from './outbox-claim-rules.ts'
import { createPickAhead } from './pick-ahead.ts'
import { createPruning } from './outbox-pruning.ts'
import { retryDelayMs } from './retry-schedule.ts'
import { settledAll } from './settled-all.ts'

export interface DeliveryWorkerDeps extends ShareDeliveryDeps {
  /**
   * Only this tenant's messages, and no pruning (tenant-workers.ts runs one worker per tenant, and
   * prunes for all). By default every tenant's, pruned here.
   */
  readonly tenantId?: string | undefined
  readonly random?: (() => number) | undefined
  /** A failure of the worker itself (the database, say); it carries on at the next poll. */
  readonly onError?: ((error: unknown) => void) | undefined
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
  /** Whether the last claim leased rows picked ahead (which may have missed some now due). */
  let lastClaimedAhead = false
  /** Claimed, not sendable for want of budget: kept leased for the next round. */
  const carried = createCarriedBatches(maxCarryMs(settings.leaseMs, settings.sendTimeoutMs))
  /** The last claim: when, and which tenants it found messages of. */
  let lastClaim: { readonly at: number; readonly tenants: ReadonlySet<string> } | undefined
  /** Whether the last round sent only what it carried, claiming nothing (see round()). */
  let claimSkipped = false
  /**
   * Messages marked delivered since the last claim: the next claim takes rows leased ahead of
   * them, and a delivered row is never pending again, so it need not ask the store about these.
   */
  const deliveredThisRound = new Set<string>()
  // The store's other methods through its prototype, looked up at each call (not copied now).
  const outboxNoting: OutboxStore = Object.assign(Object.create(outbox) as OutboxStore, {
    async markDelivered(keys: readonly OutboxKey[]) {
      await outbox.markDelivered(keys)
      for (const key of keys) deliveredThisRound.add(messageKey(key.tenantId, key.messageId))
    },
  })
  const deliverShare = createShareDelivery(
    { ...deps, outbox: outboxNoting },
    { carried, random, signal: stopping.signal }
  )
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

  /**
   * This round's fresh claim (rows picked, or leased, ahead if they suit), not of `skipTenants`.
   * @returns the messages, and when their lease began.
   */
  async function claim(
    now: number,
    skipTenants: readonly string[]
  ): Promise<{ claimed: ClaimedMessage[]; leasedAt: number }> {
    const pick: PickOptions = {
      limit: settings.batchSize * claimBatches,
      maxBytes: settings.maxBatchBytes * claimBatches,
      // So that each customer's messages fit in one batch (see the module's comment).
      perCustomer: { limit: settings.batchSize, maxBytes: settings.maxBatchBytes },
      ...(skipTenants.length > 0 ? { skipTenants } : {}),
      ...(deps.tenantId !== undefined ? { onlyTenant: deps.tenantId } : {}),
    }
    const options = {
      ...pick,
      leaseMs: settings.leaseMs,
      unopened: {
        retryAt: (attempts: number) => now + retryDelayMs(settings.retry, attempts, random()),
        maxAttempts: settings.retry.maxAttempts,
      },
      // Rows that die (or wait) at the claim count with the deliveries: the metrics, the log.
      onUnusable: (tenantId: string, counts: UnusableCounts) =>
        deps.onDelivered?.(tenantId, { delivered: 0, released: 0, ...counts }),
    }
    // Rows picked ahead may be of a tenant skipped now: that pick is not used (what it leased is
    // given back before the fresh claim, which would otherwise find those customers leased).
    if (skipTenants.length > 0) await pickAhead.drop()
    const ahead = skipTenants.length === 0 ? await pickAhead.take(pick, timers.now()) : undefined
    let leasedAt = now
    let claimed: ClaimedMessage[]
    if (ahead?.kind === 'leased') {
      const { leased } = ahead
      const unsettled = leased.inFlight.filter(
        (key) => !deliveredThisRound.has(messageKey(key.tenantId, key.messageId))
      )
      claimed = await outbox.claimLeased(options, { ...leased, inFlight: unsettled })
      leasedAt = leased.at
    } else claimed = await outbox.claimDue(options, ahead?.picked)
    // From now on it notes this round's deliveries, for the next claim (if this one picks ahead).
    deliveredThisRound.clear()
    lastClaimedAhead = ahead !== undefined && claimed.length > 0
    // Picked ahead, the rows miss what the last round gave back: with nothing left of them, a
    // fresh pick (rather than an empty round).
    if (ahead !== undefined && claimed.length === 0) {
      claimed = await outbox.claimDue(options)
      leasedAt = now
    }
    lastClaim = { at: now, tenants: new Set(claimed.map((message) => message.tenantId)) }
    // A full claim means more is probably waiting: the next is picked while this one is sent.
    // Not while agents read: write-back then gets what they leave, picked ahead or not, and the
    // pick's work beside theirs cost the sidebar's read p95 in bench:writeback (+15-19%, not +6%).
    // Nor while a tenant is skipped: the next claim may not skip it, and would miss its rows.
    if (
      claimed.length >= settings.batchSize &&
      !lastBudget.readersActive &&
      skipTenants.length === 0 &&
      !stopping.signal.aborted
    )
      pickAhead.start(pick, claimed)
    return { claimed, leasedAt }
  }

  /** This round's claim beside what was carried (given back if it waited too long). */
  async function claimBeside(now: number, kept: CarriedOut) {
    if (kept.expired.length > 0) await outbox.release(kept.expired.map(keyOf), timers.now())
    // A tenant whose carried batches already need more than its budget spares is not claimed for:
    // its rows would only be leased to wait in memory.
    const skipTenants = [...kept.withoutBudget]
    // Nor is a claim made at all when the last one, under a poll (at most a second) ago, found
    // only such tenants: while agents read, most rounds have a carried batch waiting for a token
    // and nothing else.
    // A worker of one tenant (tenant-workers.ts) skipping that tenant has nothing to claim at all.
    const nothingElseDue =
      (deps.tenantId !== undefined && skipTenants.includes(deps.tenantId)) ||
      (kept.byTenant.size > 0 &&
        lastClaim !== undefined &&
        now - lastClaim.at < Math.min(settings.pollMs, 1_000) &&
        [...lastClaim.tenants].every((tenantId) => skipTenants.includes(tenantId)))
    claimSkipped = nothingElseDue
    return nothingElseDue ? { claimed: [], leasedAt: now } : await claim(now, skipTenants)
  }

  async function round(): Promise<number> {
    const now = timers.now()
    await pruneWhenDue?.(now)
    // Read again: pruning may have taken a while, and what was carried must go within its lease.
    const kept = carried.takeAll(timers.now())
    const { claimed, leasedAt: claimedAt } = await claimBeside(now, kept).catch(
      (error: unknown) => {
        // The database failed before anything was sent: what was carried is still leased, and
        // waits for the next round in memory rather than out its lease.
        kept.putBack()
        throw error
      }
    )
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
    return claimed >= settings.batchSize || lastClaimedAhead || claimSkipped ? 0 : settings.pollMs
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
