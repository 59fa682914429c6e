/**
 * @module upstream/paced-bucket
 * The per-credential token bucket, core's TokenBucket (handed to the client, so retries take tokens
 * too), plus one thing it does not offer: how long a request arriving now would queue. The guard
 * uses that to shed a read at once (a 429 with Retry-After, or stale data) when its token could
 * not come before the deadline. Without it a burst of distinct customers would queue past the
 * deadline and end in TimeoutErrors, which look like an outage and would open the breaker.
 *
 * Also a second, lower priority (write-back's): a token taken only when it costs a reader nothing.
 */
import { TokenBucket } from '@intilery-connect/core'

export class PacedTokenBucket extends TokenBucket {
  private waiting = 0

  /** Counts the callers queued for a token; the base class keeps its queue private. */
  override take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted !== true && this.tryTake()) return Promise.resolve()
    this.waiting += 1
    const taken = super.take(signal)
    const leave = () => {
      this.waiting -= 1
    }
    taken.then(leave, leave)
    return taken
  }

  /**
   * Takes a token for low-priority work only if no reader is queued, one is free now, and at least
   * `reserve` tokens stay in the bucket after: readers arriving next still find theirs at once.
   * Never waits, so it never queues ahead of a reader.
   */
  tryTakeSpare(reserve: number): boolean {
    return this.hasSpare(reserve) && this.tryTake()
  }

  /** Whether tryTakeSpare would succeed now (it takes nothing). */
  hasSpare(reserve: number): boolean {
    return this.spareTokens(reserve) > 0
  }

  /**
   * How many tryTakeSpare calls would succeed now, one after another (`reserve` is a whole
   * number of tokens, as the guard computes it).
   */
  spareTokens(reserve: number): number {
    return this.waiting > 0 ? 0 : Math.max(0, Math.floor(this.availableTokens()) - reserve)
  }

  /**
   * Milliseconds until tryTakeSpare would succeed if nobody took a token meanwhile; undefined
   * while a reader is queued (then nothing is spare until the readers are served).
   */
  msUntilSpare(reserve: number): number | undefined {
    if (this.waiting > 0) return undefined
    const missing = reserve + 1 - this.availableTokens()
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.ratePerSecond)
  }

  /** Milliseconds a request arriving now would wait for its token, the queue ahead included. */
  expectedWaitMs(): number {
    return this.msUntilAvailable() + (this.waiting * 1000) / this.ratePerSecond
  }
}
