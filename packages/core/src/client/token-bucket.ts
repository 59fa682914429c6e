/**
 * @module token-bucket
 * A token bucket (rate per second, burst) with FIFO, abortable waits.
 *
 * Hand-written on purpose: the client runs in browsers, Node and edge runtimes, needs `take()` to
 * honour an AbortSignal and `tryTake()` to answer synchronously (the sandbox turns a refusal into a
 * 429), and must be shareable between client instances per credential. `limiter` covers part of
 * that with more surface than these ~80 lines.
 */

export interface TokenBucketOptions {
  /** Tokens added per second (the sustained rate). */
  readonly ratePerSecond: number
  /** Bucket size: how many requests may go at once after a quiet spell. */
  readonly burst: number
  /** Clock in milliseconds; injectable for tests. */
  readonly now?: () => number
}

interface Waiter {
  readonly resolve: () => void
  readonly reject: (reason: unknown) => void
  readonly signal: AbortSignal | undefined
  readonly onAbort: () => void
}

export class TokenBucket {
  readonly ratePerSecond: number
  readonly burst: number
  /** The bucket's clock; subclasses keep their own times on it. */
  protected readonly now: () => number
  private tokens: number
  private updatedAt: number
  private readonly waiters: Waiter[] = []
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError('A token bucket needs ratePerSecond > 0 and burst >= 1')
    }
    this.ratePerSecond = options.ratePerSecond
    this.burst = options.burst
    this.now = options.now ?? (() => Date.now())
    this.tokens = options.burst
    this.updatedAt = this.now()
  }

  private refill(): void {
    const now = this.now()
    const elapsed = Math.max(0, now - this.updatedAt)
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000)
    this.updatedAt = now
  }

  /** Takes a token if one is there now, without waiting. Queued waiters go first. */
  tryTake(): boolean {
    if (this.waiters.length > 0) return false
    return this.takeNow()
  }

  private takeNow(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Tokens in the bucket now (fractional while refilling): how much budget is left. */
  availableTokens(): number {
    this.refill()
    return this.tokens
  }

  /** Milliseconds until a token will be there (0 if one is there now). */
  msUntilAvailable(): number {
    this.refill()
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond)
  }

  /**
   * Waits for a token, first come first served; rejects with the signal's reason on abort.
   * `_requestSignal` is the signal the caller gave the request this token is for (the client passes
   * it): this bucket ignores it, a subclass may recognise by it a request it holds a token for.
   */
  take(signal?: AbortSignal, _requestSignal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    if (this.tryTake()) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter)
          if (index >= 0) this.waiters.splice(index, 1)
          reject(signal?.reason as Error)
        },
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.waiters.push(waiter)
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiters.length === 0) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.drain()
    }, this.msUntilAvailable())
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.takeNow()) {
      const waiter = this.waiters.shift()
      waiter?.signal?.removeEventListener('abort', waiter.onAbort)
      waiter?.resolve()
    }
    this.schedule()
  }
}

export interface RateLimitOptions {
  readonly ratePerSecond: number
  readonly burst: number
}

/** Intilery's documented limit per token: 100 requests/s with a burst of 500. */
export const INTILERY_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 100, burst: 500 }

const sharedBuckets = new Map<string, TokenBucket>()

/**
 * The bucket for one credential, shared by every client built with it in this runtime, so two
 * clients on one token cannot together exceed the upstream limit.
 */
export function sharedTokenBucket(credentialKey: string, limit: RateLimitOptions): TokenBucket {
  const key = `${credentialKey}|${limit.ratePerSecond}|${limit.burst}`
  let bucket = sharedBuckets.get(key)
  if (!bucket) {
    bucket = new TokenBucket(limit)
    sharedBuckets.set(key, bucket)
  }
  return bucket
}
