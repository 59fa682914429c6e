/**
 * @module writeback/deliver-tenant
 * One batch of a tenant's share of a claim, delivered: identities worked out (per customer), sent
 * with a spare token of the tenant's budget, and every message settled: delivered, tried again
 * later, dead, or given back untouched (no budget now, or the relay is stopping).
 *
 * Each customer's messages arrive here in order and leave in order: a batch keeps the order it was
 * built in, and whatever fails for one message of a customer holds back every later one (the
 * outbox's claim does the rest, see OutboxStore.claimDue).
 */
import type { IntileryCredentials, UpstreamReads } from '../ports.ts'
import type { WritebackSettings } from '../store/tenant-schema.ts'
import { asLowPriority } from '../upstream/low-priority.ts'
import type { SpareBudget } from '../upstream/types.ts'
import { IdentityLookupError, resolveIdentity, type TrackIdentity } from './identity-resolver.ts'
import type { HostIdentityResolver } from './outbox-port.ts'
import { keyOf } from './outbox-claim.ts'
import type { ClaimedMessage, OutboxStore } from './outbox-store.ts'
import { retryDelayMs, type RetrySettings } from './retry-schedule.ts'
import { batchBody, trackMessageOf } from './track-batch.ts'
import { sendBatch, type SendOutcome, type TrackingClientDeps } from './tracking-client.ts'
import { trackingUrlFor } from './tracking-url.ts'

/** What the worker needs of a tenant: its credentials (token opened) and write-back settings. */
export interface WritebackTenant {
  readonly id: string
  readonly name: string
  readonly intilery: IntileryCredentials
  readonly writeback: WritebackSettings
}

export interface DeliverDeps extends TrackingClientDeps {
  readonly outbox: OutboxStore
  readonly reads: UpstreamReads
  readonly budget: SpareBudget
  readonly hostResolvers: ReadonlyMap<string, HostIdentityResolver>
  readonly retry: RetrySettings
  /** How long messages wait when the budget has no token to spare. */
  readonly noBudgetDelayMs: number
  readonly random: () => number
  /** Aborted when the relay stops. */
  readonly signal: AbortSignal
}

/** What happened to a tenant's messages, for logs and tests. */
export interface DeliveryCounts {
  delivered: number
  retried: number
  dead: number
  released: number
}

export const sumCounts = (all: readonly DeliveryCounts[]): DeliveryCounts => ({
  delivered: all.reduce((n, c) => n + c.delivered, 0),
  retried: all.reduce((n, c) => n + c.retried, 0),
  dead: all.reduce((n, c) => n + c.dead, 0),
  released: all.reduce((n, c) => n + c.released, 0),
})

export async function deliverTenant(
  tenant: WritebackTenant,
  messages: readonly ClaimedMessage[],
  deps: DeliverDeps
): Promise<DeliveryCounts> {
  const { outbox, budget, timers } = deps
  const counts: DeliveryCounts = { delivered: 0, retried: 0, dead: 0, released: 0 }
  const release = async (some: readonly ClaimedMessage[], at: number) => {
    await outbox.release(some.map(keyOf), at)
    counts.released += some.length
  }
  const retryLater = async (some: readonly ClaimedMessage[], reason: string, afterMs?: number) => {
    const random = deps.random()
    const now = timers.now()
    const died = await outbox.retryLater(
      some.map(keyOf),
      {
        error: reason,
        retryAt: (attempts) => now + retryDelayMs(deps.retry, attempts, random, afterMs),
      },
      deps.retry.maxAttempts
    )
    // Its last attempt failed: given up on, not due again.
    counts.retried += some.length - died
    counts.dead += died
  }

  // Nothing at all while readers need the budget: the batch would need a token anyway.
  if (!budget.hasSpare()) {
    await release(messages, timers.now() + deps.noBudgetDelayMs)
    return counts
  }
  const identities = await resolveAll(tenant, messages, deps)
  const ready: { message: ClaimedMessage; identity: TrackIdentity }[] = []
  for (const [orderKey, outcome] of identities) {
    const theirs = messages.filter((m) => m.orderKey === orderKey)
    if (deps.signal.aborted) await release(theirs, timers.now())
    else if (outcome === NO_BUDGET) await release(theirs, timers.now() + deps.noBudgetDelayMs)
    else if (outcome instanceof IdentityLookupError)
      await retryLater(
        theirs,
        outcome.reason,
        outcome.retryAfter === undefined ? undefined : outcome.retryAfter * 1000
      )
  }
  if (deps.signal.aborted) return counts
  for (const message of messages) {
    const identity = identities.get(message.orderKey)
    if (
      identity !== undefined &&
      identity !== NO_BUDGET &&
      !(identity instanceof IdentityLookupError)
    )
      ready.push({ message, identity })
  }
  if (ready.length === 0) return counts

  const url = trackingUrlFor(tenant.intilery, tenant.writeback)
  const send = async (some: typeof ready): Promise<SendOutcome | undefined> => {
    if (!(await budget.tryTake())) return undefined
    const body = batchBody(some.map(({ message, identity }) => trackMessageOf(message, identity)))
    return sendBatch({ url, authToken: tenant.intilery.authToken, body }, deps, deps.signal)
  }
  const settle = async (some: readonly ClaimedMessage[], outcome: SendOutcome | undefined) => {
    if (outcome === undefined) return release(some, timers.now() + deps.noBudgetDelayMs)
    if (outcome.kind === 'accepted') {
      await outbox.markDelivered(some.map(keyOf))
      counts.delivered += some.length
    } else if (outcome.kind === 'retry') {
      if (deps.signal.aborted) await release(some, timers.now())
      else await retryLater(some, outcome.reason, outcome.retryAfterMs)
    } else {
      await outbox.markDead(some.map(keyOf), outcome.reason)
      counts.dead += some.length
    }
  }

  const outcome = await send(ready)
  if (outcome?.kind !== 'refused' || !outcome.wholeBatch || ready.length === 1) {
    await settle(
      ready.map((r) => r.message),
      outcome
    )
    return counts
  }
  // Refused as a whole (400, 413): sent again in halves, and a refused half in halves again, so
  // only the bad messages are dead, and one bad message in a batch of 100 costs at most 14 more
  // sends, not 100. Parts go in order: a customer's messages stay in theirs. A part is halved only
  // while the budget spares the sends that reach its first message alone; otherwise its messages
  // go one at a time, as each settles one, so a round settles something however short the budget
  // (halving a batch of bad messages from the top each round would settle none).
  const split = (part: typeof ready) =>
    budget.spareTokens() >= Math.ceil(Math.log2(part.length))
      ? halves(part)
      : part.map((item) => [item])
  const heldBack = new Set<string>()
  const pending = split(ready)
  for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
    // A customer with an earlier message waiting for a retry: theirs may not overtake it.
    const overtaking = part.filter((item) => heldBack.has(item.message.orderKey))
    if (overtaking.length > 0)
      await release(
        overtaking.map((item) => item.message),
        timers.now()
      )
    const some = part.filter((item) => !heldBack.has(item.message.orderKey))
    if (some.length === 0) continue
    const again = deps.signal.aborted ? undefined : await send(some)
    if (again === undefined) {
      // No token to spare, or stopping: this part and every later one wait.
      await settle(
        [...some, ...pending.flat()].map((item) => item.message),
        deps.signal.aborted ? { kind: 'retry', reason: 'stopped' } : undefined
      )
      break
    }
    if (again.kind === 'refused' && again.wholeBatch && some.length > 1) {
      pending.unshift(...split(some))
      continue
    }
    if (again.kind === 'retry') for (const item of some) heldBack.add(item.message.orderKey)
    await settle(
      some.map((item) => item.message),
      again
    )
  }
  return counts
}

/** `items` as two parts in order, the first the larger by one when their count is odd. */
function halves<T>(items: readonly T[]): T[][] {
  const middle = Math.ceil(items.length / 2)
  return [items.slice(0, middle), items.slice(middle)]
}

/** Not looked up: the budget had no token to spare for it (the messages wait, uncounted). */
const NO_BUDGET = 'no-budget'
type Resolution = TrackIdentity | IdentityLookupError | typeof NO_BUDGET

/**
 * Each customer's identity once (their messages share it), or why it could not be had now. One
 * customer at a time, each lookup only while the budget has a token to spare: a burst of
 * write-back must not queue a hundred lookups ahead of an agent's sidebar.
 */
async function resolveAll(
  tenant: WritebackTenant,
  messages: readonly ClaimedMessage[],
  deps: DeliverDeps
): Promise<Map<string, Resolution>> {
  const resolved = new Map<string, Resolution>()
  for (const message of messages) {
    if (resolved.has(message.orderKey)) continue
    const identity = message.payload.identity
    const needsLookup = identity.userId === undefined
    if (deps.signal.aborted || (needsLookup && !deps.budget.hasSpare())) {
      resolved.set(message.orderKey, NO_BUDGET)
      continue
    }
    try {
      resolved.set(
        message.orderKey,
        // Write-back's own reads: not agents reading (low-priority.ts).
        await asLowPriority(() =>
          resolveIdentity(identity, {
            tenantId: tenant.id,
            reads: deps.reads,
            hostResolvers: deps.hostResolvers,
          })
        )
      )
    } catch (error) {
      if (!(error instanceof IdentityLookupError)) throw error
      resolved.set(message.orderKey, error)
    }
  }
  return resolved
}
