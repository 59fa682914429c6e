/**
 * @module writeback/retry-schedule
 * When a failed message is tried again: exponential backoff with jitter, never sooner than the
 * endpoint's `Retry-After`, and dead after the last attempt. The defaults spread 10 attempts over
 * about three hours (10 s, 20 s, 40 s … capped at an hour), longer than a typical Intilery outage
 * and shorter than a webhook's own source would keep retrying.
 */
export interface RetrySettings {
  /** The wait after the first failure. */
  readonly baseDelayMs: number
  /** No wait is longer (a Retry-After beyond it included). */
  readonly maxDelayMs: number
  /** Failed attempts after which a message is dead. */
  readonly maxAttempts: number
}

export const DEFAULT_RETRY: RetrySettings = {
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
  maxAttempts: 10,
}

/**
 * The wait after a message's `attempts`th failure. "Equal jitter": between half and all of the
 * exponential step, so messages that failed together do not all come back in the same instant.
 * @param random in [0, 1), drawn once per failed batch (its messages stay together).
 */
export function retryDelayMs(
  settings: RetrySettings,
  attempts: number,
  random: number,
  retryAfterMs?: number
): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempts - 1))
  const jittered = step / 2 + (step / 2) * random
  return Math.min(settings.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0))
}
