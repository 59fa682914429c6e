/**
 * @module writeback/delivery-worker
 * Sends the outbox to Intilery, in the background of a running relay (started by server.ts): every
 * poll it claims the oldest due messages, delivers each tenant's share (deliver-tenant.ts), and
 * goes again at once while there is more. Now and then it prunes delivered rows past retention.
 *
 * A round claims enough for several batches and sends them at once (`concurrency`), so a backlog
 * overlaps Intilery's latency instead of waiting it out batch after batch. A customer's claimed
 * messages all go in one batch (batch-packing.ts), so batches in flight together never hold two
 * messages of one customer and cannot reorder them. Claims of overlapping rounds would: each
 * skips every customer with a message leased by the other, which with a few hundred customers is
 * nearly all of them, hence one round at a time. What does overlap is the next round's pick
 * (pick-ahead.ts), which counts the round in flight as delivered; the next claim then leases none
 * of a customer that round did not deliver.
 *
 * Stopping aborts whatever is in flight and gives those messages back, due at once: the next
 * start sends them again. If Intilery had stored them already, it stores them once (messageId), so
 * abandoning is always safe, and a stop never waits on a slow Intilery.
 */
import type { Tenant, UpstreamReads } from '../ports.ts'
import type { SpareBudget } from '../upstream/types.ts'
import { packBatches } from './batch-packing.ts'
import {
  deliverTenant,
  sumCounts,
  type DeliveryCounts,
  type WritebackTenant,
} from './deliver-tenant.ts'
import type { HostIdentityResolver } from './outbox-port.ts'
import type { ClaimedMessage, OutboxStore, PickOptions } from './outbox-store.ts'
import { turnOfTheEventLoop } from './event-loop-turn.ts'
import { keyOf } from './outbox-claim.ts'
import { createPickAhead } from './pick-ahead.ts'
import { retryDelayMs } from './retry-schedule.ts'
import { settledAll } from './settled-all.ts'
import type { WorkerSettings } from './worker-settings.ts'
import type { WritebackTimers } from './writeback-timers.ts'

export interface DeliveryWorkerDeps {
  readonly outbox: OutboxStore
  /** The tenant with its Intilery token opened and its write-back settings. */
  readonly tenants: { get(id: string): Promise<WritebackTenant | undefined> }
  /** The tenant's upstream guard (identity lookups are reads like any other). */
  readonly readsFor: (tenant: Tenant) => UpstreamReads
  /** The same guard's budget, from which a batch takes only a spare token. */
  readonly spareFor: (tenant: Tenant) => SpareBudget
  readonly hostResolvers: ReadonlyMap<string, HostIdentityResolver>
  readonly fetch: typeof fetch
  readonly timers: WritebackTimers
  readonly random?: (() => number) | undefined
  readonly settings: WorkerSettings
  /** A failure of the worker itself (the database, say); it carries on at the next poll. */
  readonly onError?: ((error: unknown) => void) | undefined
  /** One line per delivery round that settled something. */
  readonly onDelivered?: ((tenantId: string, counts: DeliveryCounts) => void) | undefined
}

export interface DeliveryWorker {
  /** Starts polling; a second call does nothing. */
  start(): void
  /**
   * One round: claim, deliver, settle. @returns how many messages were claimed. Tests call it
   * directly; the polling loop calls nothing else.
   */
  runOnce(): Promise<number>
  /** Stops polling, abandons what is in flight (given back, due at once); resolves when idle. */
  stop(): Promise<void>
}

/** What one tenant's share of a round did with its budget. */
interface ShareOutcome {
  /** Batches sent. */
  readonly sent: number
  /** Batches given back unsent: the budget could not spare a token for each. */
  readonly heldBack: boolean
  /** Some messages were given back for want of budget mid-send: no hurry for more. */
  readonly budgetShort: boolean
  /**
   * Set when no token was spare: how long until one will be (the refill's pace, not a fixed wait:
   * a second's pause per empty round cost a third of the share in bench:writeback).
   */
  readonly spareInMs?: number | undefined
  /** Readers used the budget lately (see the pick ahead in round()). */
  readonly readersActive: boolean
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { outbox, timers, settings } = deps
  const random = deps.random ?? Math.random
  const stopping = new AbortController()
  let started = false
  let timer: unknown
  let running: Promise<number> | undefined
  let lastPruneAt: number | undefined
  /**
   * Batches the next round claims. While readers use most of the budget only a batch or two can
   * be sent per round, and claiming `concurrency` batches only to give most back cost the event
   * loop (and so the sidebar's reads) ~30 ms of SQLite a round; so it follows what was sendable,
   * growing back (doubling) once rounds send all they claim.
   */
  let claimBatches = settings.concurrency
  /** What the last round's tenants found of their budgets: when the next round starts. */
  let lastBudget: Pick<ShareOutcome, 'budgetShort' | 'spareInMs' | 'readersActive'> = {
    budgetShort: false,
    readersActive: false,
  }
  /** Whether the last claim leased rows picked ahead (which may have missed some now due). */
  let lastClaimedAhead = false
  const pickAhead = createPickAhead(outbox, {
    // Rounds of a backlog take a few hundred ms: a pick older than this belongs to a round that
    // went slowly, meanwhile retries came due and new customers arrived; picked afresh, they go
    // in turn.
    maxAgeMs: 1_000,
    onError: (error) => {
      if (!stopping.signal.aborted) deps.onError?.(error)
    },
  })

  async function deliverShare(
    tenantId: string,
    messages: readonly ClaimedMessage[]
  ): Promise<ShareOutcome> {
    const tenant = await deps.tenants.get(tenantId)
    if (tenant === undefined) {
      // Removed meanwhile: its rows went with it (cascade); nothing to give back.
      return { sent: 0, heldBack: false, budgetShort: false, readersActive: false }
    }
    const batches = packBatches(messages, {
      batchSize: settings.batchSize,
      maxBytes: settings.maxBatchBytes,
    })
    // No more batches than the budget can spare now (each needs a token). The rest go back due at
    // once, for the next round, which starts when a token will be spare.
    const budget = deps.spareFor(tenant)
    const sendable = budget.spareTokens()
    const spareInMs =
      sendable > 0
        ? undefined
        : Math.min(budget.msUntilSpare() ?? settings.noBudgetDelayMs, settings.noBudgetDelayMs)
    const later = batches.slice(sendable).flat()
    if (later.length > 0) await outbox.release(later.map(keyOf), timers.now())
    // Started one turn of the event loop apart: building a batch is synchronous work.
    const sending: Promise<DeliveryCounts>[] = []
    for (const batch of batches.slice(0, sendable)) {
      if (sending.length > 0) await turnOfTheEventLoop()
      const delivering = deliverBatch(tenant, budget, batch)
      // Handled here too: it may fail while the next is waiting its turn (Promise.all reports it).
      delivering.catch(() => undefined)
      sending.push(delivering)
    }
    const counts = sumCounts(await settledAll(sending))
    deps.onDelivered?.(tenantId, counts)
    return {
      sent: sending.length,
      heldBack: later.length > 0,
      budgetShort: counts.released > 0,
      spareInMs,
      readersActive: budget.readersActive(),
    }
  }

  function deliverBatch(
    tenant: WritebackTenant,
    budget: SpareBudget,
    messages: readonly ClaimedMessage[]
  ) {
    return deliverTenant(tenant, messages, {
      outbox,
      reads: deps.readsFor(tenant),
      budget,
      hostResolvers: deps.hostResolvers,
      retry: settings.retry,
      noBudgetDelayMs: settings.noBudgetDelayMs,
      random,
      signal: stopping.signal,
      fetch: deps.fetch,
      timers,
      timeoutMs: settings.sendTimeoutMs,
    })
  }

  async function round(): Promise<number> {
    const now = timers.now()
    if (lastPruneAt === undefined || now - lastPruneAt >= settings.pruneEveryMs) {
      lastPruneAt = now
      await outbox.pruneDelivered(now - settings.retentionMs)
      await outbox.pruneDead(now - settings.deadRetentionMs)
    }
    const pick: PickOptions = {
      limit: settings.batchSize * claimBatches,
      maxBytes: settings.maxBatchBytes * claimBatches,
      // So that each customer's messages fit in one batch (see the module's comment).
      perCustomer: { limit: settings.batchSize, maxBytes: settings.maxBatchBytes },
    }
    const claim = {
      ...pick,
      leaseMs: settings.leaseMs,
      unopened: {
        retryAt: (attempts: number) => now + retryDelayMs(settings.retry, attempts, random()),
        maxAttempts: settings.retry.maxAttempts,
      },
    }
    const ahead = await pickAhead.take(pick, now)
    let claimed = await outbox.claimDue(claim, ahead)
    lastClaimedAhead = ahead !== undefined && claimed.length > 0
    // Picked ahead, the rows miss what the last round gave back: with nothing left of them, a
    // fresh pick (rather than an empty round).
    if (ahead !== undefined && claimed.length === 0) claimed = await outbox.claimDue(claim)
    // A full claim means more is probably waiting: the next is picked while this one is sent.
    // Not while agents read: write-back then gets what they leave, picked ahead or not, and the
    // pick's work beside theirs cost the sidebar's read p95 in bench:writeback (+15-19%, not +6%).
    if (
      claimed.length >= settings.batchSize &&
      !lastBudget.readersActive &&
      !stopping.signal.aborted
    )
      pickAhead.start(pick, claimed)
    const byTenant = new Map<string, ClaimedMessage[]>()
    for (const message of claimed) {
      const theirs = byTenant.get(message.tenantId)
      if (theirs === undefined) byTenant.set(message.tenantId, [message])
      else theirs.push(message)
    }
    // Tenants have budgets of their own: one tenant's slow Intilery does not hold up another's.
    const shares = await settledAll(
      [...byTenant].map(([tenantId, some]) => deliverShare(tenantId, some))
    ).catch((error: unknown) => {
      pickAhead.drop()
      throw error
    })
    const sent = shares.reduce((n, share) => n + share.sent, 0)
    claimBatches = shares.some((share) => share.heldBack)
      ? Math.max(1, sent)
      : Math.min(settings.concurrency, claimBatches * 2)
    const waits = shares.flatMap((share) =>
      share.spareInMs === undefined ? [] : [share.spareInMs]
    )
    lastBudget = {
      budgetShort: shares.some((share) => share.budgetShort),
      spareInMs: waits.length === 0 ? undefined : Math.max(...waits),
      readersActive: shares.some((share) => share.readersActive),
    }
    return claimed.length
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
    return claimed >= settings.batchSize || lastClaimedAhead ? 0 : settings.pollMs
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
      pickAhead.drop()
      await pickAhead.idle()
    },
  }
}
