/**
 * @module writeback/pick-ahead
 * The delivery worker's next pick, made while the current round is in flight, so that a backlog's
 * rounds follow each other without waiting for one (the pick was about half of a round's claim in
 * bench:writeback, and a round's gap lost the budget's refill beyond its burst).
 *
 * The pick counts the round in flight as delivered (OutboxStore.pickAhead); the claim that uses it
 * next round takes nothing of a customer whose message in that round was given back or waits for a
 * retry. So what goes wrong in a round costs the next its rows for those customers, not their
 * order. A pick is only reads: one not used is simply dropped. Once the round has started all it
 * will send, the pick is also leased (lease()), and the next claim then only checks it against
 * how the round settled (OutboxStore.claimLeased); rows leased and not used are given back.
 */
import type {
  ClaimedMessage,
  LeasedAhead,
  OutboxStore,
  PickedAhead,
  PickedRow,
  PickOptions,
} from './outbox-store.ts'
import { cutter } from './outbox-claim-rules.ts'

/** What the next claim finds ahead: rows picked, or picked and already leased. */
export type Ahead =
  | { readonly kind: 'picked'; readonly picked: PickedAhead }
  | { readonly kind: 'leased'; readonly leased: LeasedAhead }

export interface PickAhead {
  /** Starts picking the round after the one delivering `inFlight` (drops an earlier pick). */
  start(options: PickOptions, inFlight: readonly ClaimedMessage[]): void
  /**
   * Leases the pick as soon as it is in: the round it counted as delivered has started all it
   * will send, and only settles now (its last batches' answers, ~50 ms or more). Done then rather
   * than at the next claim, the lease (~90 ms of a round of 2,400 rows on a slower machine) no
   * longer stands between two rounds, where the budget's refill past its burst overflows.
   */
  lease(leaseMs: number): void
  /**
   * What was picked (or leased) ahead, if it suits a claim of `options` now: picked with the same
   * share per customer, at most `maxAgeMs` ago, and cut to the claim's limits (rows leased beyond
   * them given back). Undefined otherwise, or when it found nothing (the claim picks afresh);
   * either way what was picked is used once.
   */
  take(options: PickOptions, now: number): Promise<Ahead | undefined>
  /**
   * Forgets what was picked: the round did not go as planned. Resolves once what was leased is
   * given back (a failure to is reported, as every failure here is).
   */
  drop(): Promise<void>
  /** Resolves once no pick, lease or giving back is running (the store may be closed next). */
  idle(): Promise<void>
}

interface Next {
  readonly options: PickOptions
  readonly picking: Promise<PickedAhead | undefined>
  leasing?: Promise<LeasedAhead | undefined>
}

export function createPickAhead(
  outbox: Pick<OutboxStore, 'pickAhead' | 'leaseAhead' | 'releaseAhead'>,
  {
    maxAgeMs,
    maxLeasedAgeMs = maxAgeMs,
    onError,
  }: {
    readonly maxAgeMs: number
    /** The same for rows leased ahead (their lease runs from when they were leased). */
    readonly maxLeasedAgeMs?: number | undefined
    /** A pick, lease or giving back that failed: reported; the next claim picks afresh. */
    readonly onError?: ((error: unknown) => void) | undefined
  }
): PickAhead {
  let next: Next | undefined
  const running = new Set<Promise<unknown>>()

  /** Runs `work`, reported rather than thrown, and awaited by idle(). */
  function tracked<T>(work: Promise<T>): Promise<T | undefined> {
    const reported = work.catch((error: unknown) => {
      onError?.(error)
      return undefined
    })
    running.add(reported)
    void reported.finally(() => running.delete(reported))
    return reported
  }

  /** Gives back `rows` of a lease (all of it by default) once the lease is in. */
  async function giveBack(
    leasing: Promise<LeasedAhead | undefined>,
    rows?: readonly PickedRow[]
  ): Promise<void> {
    await tracked(
      leasing.then(async (leased) => {
        if (leased !== undefined) await outbox.releaseAhead(leased, rows ?? leased.rows)
      })
    )
  }

  async function forget(taken: Next | undefined): Promise<void> {
    if (taken?.leasing !== undefined) await giveBack(taken.leasing)
  }

  return {
    start(options, inFlight) {
      void forget(next)
      next = { options, picking: tracked(outbox.pickAhead(options, inFlight)) }
    },
    lease(leaseMs) {
      const pending = next
      if (pending === undefined || pending.leasing !== undefined) return
      pending.leasing = tracked(
        pending.picking.then((picked) =>
          picked === undefined || picked.rows.length === 0
            ? undefined
            : outbox.leaseAhead(picked, leaseMs)
        )
      )
    },
    async take(options, now) {
      const taken = next
      next = undefined
      if (taken === undefined) return undefined
      if (!samePerCustomer(taken.options, options)) {
        await forget(taken)
        return undefined
      }
      if (taken.leasing === undefined) {
        const picked = await taken.picking
        if (picked === undefined || picked.rows.length === 0 || now - picked.at > maxAgeMs)
          return undefined
        return { kind: 'picked', picked: { ...picked, rows: withinLimits(picked.rows, options) } }
      }
      const leased = await taken.leasing
      if (leased === undefined || leased.rows.length === 0) return undefined
      if (now - leased.at > maxLeasedAgeMs) {
        await giveBack(taken.leasing)
        return undefined
      }
      const rows = withinLimits(leased.rows, options)
      if (rows.length < leased.rows.length)
        await giveBack(taken.leasing, leased.rows.slice(rows.length))
      return { kind: 'leased', leased: { ...leased, rows } }
    },
    drop() {
      const taken = next
      next = undefined
      return forget(taken)
    },
    async idle() {
      while (running.size > 0) await Promise.all(running)
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
