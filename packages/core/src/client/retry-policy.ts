import { RateLimitError, type IntileryError } from '../errors.ts'

export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  readonly maxRetries: number
  /** The first backoff ceiling; each retry doubles it. */
  readonly baseDelayMs: number
  /** The largest backoff ceiling. */
  readonly maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the RateLimitError is thrown at once. */
  readonly maxRetryAfterSeconds: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterSeconds: 5,
}

const IDEMPOTENT = new Set(['GET', 'HEAD'])

/**
 * How long to wait before retry number `retry` (0-based), or undefined when the error must not be
 * retried. Backoff is exponential with full jitter (a uniform pick below the ceiling) so that many
 * clients failing together do not retry together; the server's `Retry-After` wins when it is given.
 */
export function retryDelayMs(
  error: IntileryError,
  method: string,
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random
): number | undefined {
  if (!IDEMPOTENT.has(method) || !error.retryable || retry >= policy.maxRetries) return undefined
  if (error instanceof RateLimitError && error.retryAfter !== undefined) {
    return error.retryAfter <= policy.maxRetryAfterSeconds ? error.retryAfter * 1000 : undefined
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}
