/**
 * @module writeback/worker-claim
 * The delivery worker's claim for a round (delivery-worker.ts): rows picked or leased ahead when
 * they suit (pick-ahead.ts), else the oldest due; none of a tenant whose carried batches already
 * wait for budget; none at all when the last claim, a moment ago, found only such tenants. Starts
 * the next pick when this claim was full.
 */
import type { CarriedOut } from './carried-batches.ts'
import { keyOf, type OutboxKey, type UnusableCounts } from './outbox-claim.ts'
import { messageKey } from './outbox-claim-rules.ts'
import type { ClaimedMessage, OutboxStore, PickOptions } from './outbox-store.ts'
import type { PickAhead } from './pick-ahead.ts'
import { retryDelayMs } from './retry-schedule.ts'
import type { DeliveryCounts } from './deliver-tenant.ts'
import type { WorkerSettings } from './worker-settings.ts'
import type { WritebackTimers } from './writeback-timers.ts'

export interface WorkerClaimDeps {
  readonly outbox: OutboxStore
  readonly settings: WorkerSettings
  readonly timers: WritebackTimers
  readonly pickAhead: PickAhead
  readonly random: () => number
  readonly signal: AbortSignal
  /** Only this tenant's messages (tenant-workers.ts); every tenant's when undefined. */
  readonly tenantId: string | undefined
  /** Rows that died (or wait) at the claim, counted with the deliveries. */
  readonly onDelivered: ((tenantId: string, counts: DeliveryCounts) => void) | undefined
  /** Rows the claim could not send (their stored payloads), with why: a log line of their own. */
  readonly onUnusable: ((tenantId: string, counts: UnusableCounts) => void) | undefined
}

/** What the round knows when it claims. */
export interface ClaimContext {
  /** Batches to claim for (see delivery-worker.ts claimBatches). */
  readonly batches: number
  /** Readers used the budget lately: no pick ahead (see claim()). */
  readonly readersActive: boolean
}

export interface RoundClaim {
  readonly claimed: ClaimedMessage[]
  /** When their lease began. */
  readonly leasedAt: number
  /** Rows picked ahead were leased (which may have missed some now due). */
  readonly claimedAhead: boolean
  /** No claim was made: the round sends only what it carried. */
  readonly skipped: boolean
}

export interface WorkerClaim {
  /** This round's claim beside what was carried (given back if it waited too long). */
  claimBeside(now: number, kept: CarriedOut, context: ClaimContext): Promise<RoundClaim>
  /**
   * Messages marked delivered since the last claim: the next claim takes rows leased ahead of
   * them, and a delivered row is never pending again, so it need not ask the store about these.
   */
  noteDelivered(keys: readonly OutboxKey[]): void
}

export function createWorkerClaim(deps: WorkerClaimDeps): WorkerClaim {
  const { outbox, settings, timers, pickAhead } = deps
  /** The last claim: when, and which tenants it found messages of. */
  let lastClaim: { readonly at: number; readonly tenants: ReadonlySet<string> } | undefined
  const deliveredThisRound = new Set<string>()

  /** This round's fresh claim (rows picked, or leased, ahead if they suit), not of `skipTenants`. */
  async function claim(
    now: number,
    skipTenants: readonly string[],
    context: ClaimContext
  ): Promise<RoundClaim> {
    const pick: PickOptions = {
      limit: settings.batchSize * context.batches,
      maxBytes: settings.maxBatchBytes * context.batches,
      // So that each customer's messages fit in one batch (see delivery-worker.ts).
      perCustomer: { limit: settings.batchSize, maxBytes: settings.maxBatchBytes },
      ...(skipTenants.length > 0 ? { skipTenants } : {}),
      ...(deps.tenantId !== undefined ? { onlyTenant: deps.tenantId } : {}),
    }
    const options = {
      ...pick,
      leaseMs: settings.leaseMs,
      unopened: {
        retryAt: (attempts: number) => now + retryDelayMs(settings.retry, attempts, deps.random()),
        maxAttempts: settings.retry.maxAttempts,
      },
      // Rows that die (or wait) at the claim count with the deliveries: the metrics, the log.
      onUnusable: (tenantId: string, counts: UnusableCounts) => {
        deps.onDelivered?.(tenantId, {
          delivered: 0,
          released: 0,
          retried: counts.retried,
          dead: counts.dead,
        })
        deps.onUnusable?.(tenantId, counts)
      },
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
    const claimedAhead = ahead !== undefined && claimed.length > 0
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
      !context.readersActive &&
      skipTenants.length === 0 &&
      !deps.signal.aborted
    )
      pickAhead.start(pick, claimed)
    return { claimed, leasedAt, claimedAhead, skipped: false }
  }

  return {
    async claimBeside(now, kept, context) {
      if (kept.expired.length > 0) await outbox.release(kept.expired.map(keyOf), timers.now())
      // A tenant whose carried batches already need more than its budget spares is not claimed
      // for: its rows would only be leased to wait in memory.
      const skipTenants = [...kept.withoutBudget]
      // Nor is a claim made at all when the last one, under a poll (at most a second) ago, found
      // only such tenants: while agents read, most rounds have a carried batch waiting for a
      // token and nothing else. A worker of one tenant skipping that tenant has nothing to claim.
      const nothingElseDue =
        (deps.tenantId !== undefined && skipTenants.includes(deps.tenantId)) ||
        (kept.byTenant.size > 0 &&
          lastClaim !== undefined &&
          now - lastClaim.at < Math.min(settings.pollMs, 1_000) &&
          [...lastClaim.tenants].every((tenantId) => skipTenants.includes(tenantId)))
      return nothingElseDue
        ? { claimed: [], leasedAt: now, claimedAhead: false, skipped: true }
        : await claim(now, skipTenants, context)
    },
    noteDelivered(keys) {
      for (const key of keys) deliveredThisRound.add(messageKey(key.tenantId, key.messageId))
    },
  }
}
