/**
 * @module writeback/pick-ahead
 * The delivery worker's next pick, made while the current round is in flight, so that a backlog's
 * rounds follow each other without waiting for one (the pick was about half of a round's claim in
 * bench:writeback, and a round's gap lost the budget's refill beyond its burst).
 *
 * The pick counts the round in flight as delivered (OutboxStore.pickAhead); the claim that uses it
 * next round takes nothing of a customer whose message in that round was given back or waits for a
 * retry. So what goes wrong in a round costs the next its rows for those customers, not their
 * order. A pick is only reads: one not used is simply dropped.
 */
import type {
  ClaimedMessage,
  OutboxStore,
  PickedAhead,
  PickedRow,
  PickOptions,
} from './outbox-store.ts'
import { cutter } from './outbox-claim-rules.ts'

export interface PickAhead {
  /** Starts picking the round after the one delivering `inFlight` (drops an earlier pick). */
  start(options: PickOptions, inFlight: readonly ClaimedMessage[]): void
  /**
   * The rows picked ahead, if they suit a claim of `options` now: picked with the same share per
   * customer, at most `maxAgeMs` ago, and cut to the claim's limits. Undefined otherwise, or when
   * it found nothing (the claim picks afresh); either way what was picked is used once.
   */
  take(options: PickOptions, now: number): Promise<PickedAhead | undefined>
  /** Forgets what was picked: the round it assumed did not go as planned. */
  drop(): void
  /** Resolves once no pick is running (the worker stops: the store may be closed next). */
  idle(): Promise<void>
}

export function createPickAhead(
  outbox: Pick<OutboxStore, 'pickAhead'>,
  {
    maxAgeMs,
    onError,
  }: {
    readonly maxAgeMs: number
    /** A pick that failed: reported, and the next claim picks afresh. */
    readonly onError?: ((error: unknown) => void) | undefined
  }
): PickAhead {
  let next:
    | { readonly options: PickOptions; readonly picking: Promise<PickedAhead | undefined> }
    | undefined
  const running = new Set<Promise<unknown>>()

  return {
    start(options, inFlight) {
      const picking = outbox.pickAhead(options, inFlight).catch((error: unknown) => {
        onError?.(error)
        return undefined
      })
      next = { options, picking }
      running.add(picking)
      void picking.finally(() => running.delete(picking))
    },
    async take(options, now) {
      const taken = next
      next = undefined
      if (taken === undefined || !samePerCustomer(taken.options, options)) return undefined
      const picked = await taken.picking
      if (picked === undefined || picked.rows.length === 0 || now - picked.at > maxAgeMs)
        return undefined
      return { ...picked, rows: withinLimits(picked.rows, options) }
    },
    drop() {
      next = undefined
    },
    async idle() {
      await Promise.all(running)
    },
  }
}

const samePerCustomer = (picked: PickOptions, wanted: PickOptions) =>
  picked.perCustomer?.limit === wanted.perCustomer?.limit &&
  picked.perCustomer?.maxBytes === wanted.perCustomer?.maxBytes

/**
 * The oldest of the rows within a smaller claim's limits (the budget spared fewer batches since).
 * The rows are in enqueue order, so what is kept of each customer's is still their oldest.
 */
function withinLimits(rows: readonly PickedRow[], { limit, maxBytes }: PickOptions): PickedRow[] {
  const kept: PickedRow[] = []
  // The pick's own byte rule; its share per customer is the one these rows were picked with.
  const cut = cutter({ maxBytes })
  for (const row of rows) {
    if (kept.length === limit || cut(row.order_key, row.payloadBytes, kept.length === 0) === 'stop')
      break
    kept.push(row)
  }
  return kept
}
