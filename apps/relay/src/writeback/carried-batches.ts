/**
 * @module writeback/carried-batches
 * Messages a round claimed but could not send for want of a spare token, kept leased in memory for
 * the next round instead of given back to the table.
 *
 * Why: while agents read, the budget spares a token now and then, and readers often take the one a
 * round saw spare while it claimed. Giving the claim back and claiming it again next round cost
 * the relay's event loop two UPDATEs per message (bench:writeback: 60% of the rows leased during a
 * drain with readers went straight back), on the loop that serves the sidebar's reads. Kept here,
 * they cost nothing until a token is spare.
 *
 * Still leased, so nothing else picks them and their customers' later messages wait behind them
 * (each customer's order holds). A message is kept only while a send started now would end well
 * inside its lease (`maxCarryMs` after it was leased); after that it is given back, due at once.
 */
import type { SpareBudget } from '../upstream/types.ts'
import type { ClaimedMessage } from './outbox-claim.ts'

interface Carried {
  readonly message: ClaimedMessage
  /** When the claim that leased it ran (its lease runs from then). */
  readonly leasedAt: number
}

interface TenantCarry {
  readonly budget: SpareBudget
  /** Batches the messages made when they were put back (each needs a token). */
  readonly batches: number
  readonly messages: readonly Carried[]
}

export interface CarriedOut {
  /** Each tenant's carried messages, oldest claim first, with when each was leased. */
  readonly byTenant: ReadonlyMap<string, readonly Carried[]>
  /**
   * Tenants whose budget cannot spare more than the batches kept of theirs need: a claim now
   * would only lease rows to carry them.
   */
  readonly withoutBudget: ReadonlySet<string>
  /** Carried too long: to be given back. */
  readonly expired: readonly ClaimedMessage[]
  /**
   * Keeps `byTenant` again as it was put, for a round that failed before sending them: they are
   * still leased, and would otherwise wait out their lease before anything sent them.
   */
  putBack(): void
}

export interface CarriedBatches {
  /** Keeps `messages` (`batches` of them) of `tenantId` for the next round. */
  put(
    tenantId: string,
    budget: SpareBudget,
    batches: number,
    messages: readonly ClaimedMessage[],
    leasedAt: (message: ClaimedMessage) => number
  ): void
  /** Takes everything (the round sends what it can and puts the rest back). */
  takeAll(now: number): CarriedOut
}

export function createCarriedBatches(maxCarryMs: number): CarriedBatches {
  let carried = new Map<string, TenantCarry>()
  return {
    put(tenantId, budget, batches, messages, leasedAt) {
      if (messages.length === 0) return
      const earlier = carried.get(tenantId)
      carried.set(tenantId, {
        budget,
        batches: batches + (earlier?.batches ?? 0),
        messages: [
          ...(earlier?.messages ?? []),
          ...messages.map((message) => ({ message, leasedAt: leasedAt(message) })),
        ],
      })
    },
    takeAll(now) {
      const byTenant = new Map<string, Carried[]>()
      const withoutBudget = new Set<string>()
      const expired: ClaimedMessage[] = []
      const taken = new Map<string, TenantCarry>()
      for (const [tenantId, { budget, batches, messages }] of carried) {
        const kept: Carried[] = []
        for (const entry of messages)
          if (now - entry.leasedAt >= maxCarryMs) expired.push(entry.message)
          else kept.push(entry)
        if (kept.length === 0) continue
        byTenant.set(tenantId, kept)
        taken.set(tenantId, { budget, batches, messages: kept })
        // Counted as put; a part expired (rare: a tenant's batches of two claims) counts still.
        if (budget.spareTokens() <= batches) withoutBudget.add(tenantId)
      }
      carried = new Map()
      const putBack = () => {
        // Ahead of anything put since: theirs are the older claims.
        const since = carried
        carried = new Map(taken)
        for (const [tenantId, later] of since) {
          const earlier = carried.get(tenantId)
          carried.set(
            tenantId,
            earlier === undefined
              ? later
              : {
                  budget: later.budget,
                  batches: earlier.batches + later.batches,
                  messages: [...earlier.messages, ...later.messages],
                }
          )
        }
      }
      return { byTenant, withoutBudget, expired, putBack }
    },
  }
}

/**
 * How long a claimed message may wait in memory: a send started before then ends (its timeout)
 * by half its lease, the margin the relay's config already requires of a send.
 */
export const maxCarryMs = (leaseMs: number, sendTimeoutMs: number) =>
  Math.max(0, leaseMs / 2 - sendTimeoutMs)
