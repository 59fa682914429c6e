/**
 * @module writeback/send-as-spared
 * Starts a tenant's batches of a round as its budget spares tokens for them: those spare now at
 * once, the rest as the refill spares more, while nobody reads.
 *
 * Why not only what is spare when the round starts: a round also claims and settles, and on a
 * slower machine took 170-270 ms for the 12 batches a full bucket spares, longer than the 160 ms
 * the refill needs to fill it again. The tokens it would have made meanwhile overflowed the
 * bucket's cap, and a backlog drained at 0.74-0.85 of write-back's share (bench:writeback). Taking
 * them as they come keeps the bucket below its cap for the whole round.
 *
 * While readers are active this waits for nothing: their pace (PacedTokenBucket) spares a token now
 * and then, and what the round cannot send now waits in memory for the next (carried-batches.ts).
 * Likewise once a started batch found no token (on a shared budget another instance may take the
 * one this instance counted), and after MAX_SENDING_MS.
 */
import type { SpareBudget } from '../upstream/types.ts'
import { turnOfTheEventLoop } from './event-loop-turn.ts'
import type { WritebackTimers } from './writeback-timers.ts'

export interface SendAsSparedOptions {
  readonly budget: SpareBudget
  /** Batches started at once, at most (WorkerSettings.concurrency). */
  readonly atOnce: number
  readonly timers: WritebackTimers
  /** Aborted when the relay stops: no more batches start. */
  readonly signal: AbortSignal
}

/**
 * A wait for the refill longer than this is a budget that is short, not one refilling at its pace
 * (13 ms a token at the default 75 a second): the rest waits for the next round instead.
 */
export const MAX_REFILL_WAIT_MS = 100

/**
 * No batch starts later than this after the first: the second half of a round takes ~160 ms at
 * the default refill, and a batch that starts late is one whose lease (which a claim runs from) is
 * running out. Past it the rest waits in memory, where carried-batches.ts watches the lease.
 */
export const MAX_SENDING_MS = 1_000

/**
 * Starts `batches` in order, each with the budget its token must come from. @returns the batches
 * started (their sends, in order) and those not started (for want of a token, or stopping).
 */
export async function sendAsSpared<B, R>(
  batches: readonly B[],
  start: (batch: B, budget: SpareBudget) => Promise<R>,
  { budget, atOnce, timers, signal }: SendAsSparedOptions
): Promise<{ readonly sending: Promise<R>[]; readonly rest: readonly B[] }> {
  const sending: Promise<R>[] = []
  let next = 0
  // A wait that brought no token, or a batch refused one (someone else took it: another instance
  // on a shared budget): the rest waits for the next round.
  let waitedInVain = false
  let refused = false
  const startedAt = timers.now()
  while (next < batches.length && !signal.aborted) {
    if (refused || (next > 0 && timers.now() - startedAt > MAX_SENDING_MS)) break
    const spare = Math.min(budget.spareTokens(), atOnce, batches.length - next)
    if (spare === 0) {
      const waitMs = budget.msUntilSpare()
      if (waitedInVain || budget.readersActive() || waitMs === undefined) break
      if (waitMs > MAX_REFILL_WAIT_MS) break
      await pause(Math.max(1, waitMs), timers, signal)
      waitedInVain = true
      continue
    }
    waitedInVain = false
    // Each started batch, once past its token (taken, refused, or ended without one). The bucket
    // does not show a token a batch is still on its way to, so it is counted again only after.
    const wave: Promise<void>[] = []
    for (let i = 0; i < spare; i += 1) {
      // One turn of the event loop apart: building a batch is synchronous work.
      if (sending.length > 0) await turnOfTheEventLoop()
      if (signal.aborted) break
      let pastToken = () => {}
      wave.push(
        new Promise<void>((resolve) => {
          pastToken = resolve
        })
      )
      const own: SpareBudget = {
        ...budget,
        // A batch that finds no token spare gives its messages back, due after a while: once one
        // has, the rest are not started only to do the same.
        hasSpare: () => {
          const has = budget.hasSpare()
          if (!has) refused = true
          return has
        },
        tryTake: () => {
          const taking = budget.tryTake()
          taking.then((taken) => {
            if (!taken) refused = true
            pastToken()
          }, pastToken)
          return taking
        },
      }
      const sent = start(batches[next] as B, own)
      next += 1
      // Its failure is reported by the caller, through `sending`; handled here so that none goes
      // unhandled.
      sent.then(pastToken, pastToken)
      sending.push(sent)
    }
    await Promise.all(wave)
  }
  return { sending, rest: batches.slice(next) }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, timers: WritebackTimers, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done)
      timers.clearTimeout(handle)
      resolve()
    }
    const handle = timers.setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
