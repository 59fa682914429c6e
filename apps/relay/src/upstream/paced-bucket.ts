/**
 * @module upstream/paced-bucket
 * The per-credential token bucket, core's TokenBucket (handed to the client, so retries take tokens
 * too), plus one thing it does not offer: how long a request arriving now would queue. The guard
 * uses that to shed a read at once (a 429 with Retry-After, or stale data) when its token could
 * not come before the deadline. Without it a burst of distinct customers would queue past the
 * deadline and end in TimeoutErrors, which look like an outage and would open the breaker.
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

  /** Milliseconds a request arriving now would wait for its token, the queue ahead included. */
  expectedWaitMs(): number {
    return this.msUntilAvailable() + (this.waiting * 1000) / this.ratePerSecond
  }
}
