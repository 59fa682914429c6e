/**
 * @module writeback/deliver-share
 * One tenant's share of a delivery round: packed into batches, as many sent at once as the
 * tenant's budget spares a token for (each batch by deliver-tenant.ts), the rest kept leased for
 * the next round (carried-batches.ts), or given back when the relay is stopping.
 */
import type { Tenant, UpstreamReads } from '../ports.ts'
import type { SpareBudget } from '../upstream/types.ts'
import { packBatches } from './batch-packing.ts'
import type { CarriedBatches } from './carried-batches.ts'
import {
  deliverTenant,
  sumCounts,
  type DeliveryCounts,
  type WritebackTenant,
} from './deliver-tenant.ts'
import { keyOf } from './outbox-claim.ts'
import type { HostIdentityResolver } from './outbox-port.ts'
import type { ClaimedMessage, OutboxStore } from './outbox-store.ts'
import { sendAsSpared } from './send-as-spared.ts'
import { settledAll } from './settled-all.ts'
import type { WorkerSettings } from './worker-settings.ts'
import type { WritebackTimers } from './writeback-timers.ts'

export interface ShareDeliveryDeps {
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
  readonly settings: WorkerSettings
  /** One line per delivery round that settled something. */
  readonly onDelivered?: ((tenantId: string, counts: DeliveryCounts) => void) | undefined
}

/** What one tenant's share of a round did with its budget. */
export interface ShareOutcome {
  /** Batches sent. */
  readonly sent: number
  /** Batches not sent (carried to the next round): the budget could not spare a token for each. */
  readonly heldBack: boolean
  /** Some messages were given back for want of budget mid-send: no hurry for more. */
  readonly budgetShort: boolean
  /**
   * Set when no token was spare: how long until one will be (the refill's pace, not a fixed wait:
   * a second's pause per empty round cost a third of the share in bench:writeback).
   */
  readonly spareInMs?: number | undefined
  /** Readers used the budget lately (see the pick ahead in delivery-worker.ts). */
  readonly readersActive: boolean
}

export type DeliverShare = (
  tenantId: string,
  /** The tenant's messages of the round, each customer's in order. */
  messages: readonly ClaimedMessage[],
  /** When the claim that leased a message ran (how long it may still be carried). */
  leasedAt: (message: ClaimedMessage) => number,
  /** Called once every batch this round will send has started (the rest are carried). */
  onStarted?: () => void
) => Promise<ShareOutcome>

export function createShareDelivery(
  deps: ShareDeliveryDeps,
  round: {
    readonly carried: CarriedBatches
    readonly random: () => number
    /** Aborted when the relay stops. */
    readonly signal: AbortSignal
  }
): DeliverShare {
  const { outbox, timers, settings } = deps

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
      random: round.random,
      signal: round.signal,
      fetch: deps.fetch,
      timers,
      timeoutMs: settings.sendTimeoutMs,
    })
  }

  return async (tenantId, messages, leasedAt, onStarted) => {
    const tenant = await deps.tenants.get(tenantId)
    if (tenant === undefined) {
      // Removed meanwhile: its rows went with it (cascade); nothing to give back.
      return { sent: 0, heldBack: false, budgetShort: false, readersActive: false }
    }
    const batches = packBatches(messages, {
      batchSize: settings.batchSize,
      maxBytes: settings.maxBatchBytes,
    })
    // Each batch needs a token: those the budget spares now go at once, more as it refills while
    // nobody reads (send-as-spared.ts). The rest wait, leased, for the next round, which starts
    // when a token will be spare.
    const budget = deps.spareFor(tenant)
    const { sending, rest } = await sendAsSpared(
      batches,
      (batch, itsBudget) => deliverBatch(tenant, itsBudget, batch),
      { budget, atOnce: settings.concurrency, timers, signal: round.signal }
    )
    onStarted?.()
    if (round.signal.aborted) await outbox.release(rest.flat().map(keyOf), timers.now())
    else round.carried.put(tenantId, budget, rest.length, rest.flat(), leasedAt)
    const spareInMs =
      sending.length > 0 || rest.length === 0
        ? undefined
        : Math.min(budget.msUntilSpare() ?? settings.noBudgetDelayMs, settings.noBudgetDelayMs)
    const counts = sumCounts(await settledAll(sending))
    deps.onDelivered?.(tenantId, counts)
    return {
      sent: sending.length,
      heldBack: rest.length > 0,
      budgetShort: counts.released > 0,
      spareInMs,
      readersActive: budget.readersActive(),
    }
  }
}
