/**
 * @module zendesk-host/webhook-retry
 * When Zendesk tries a webhook request again (its documentation: a 409 up to 3 times; a 429 or 503
 * only when `retry-after` is under 60 s; a timeout up to 5 times; nothing else). Zendesk publishes
 * no delays for 409s and timeouts, nor a count for 429/503: the values below are this stand-in's
 * choices, short so a demo shows a retry within seconds.
 */

/** How one attempt ended. */
export type AttemptResult =
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfter: string | null }
  | { readonly kind: 'timed out' }
  | { readonly kind: 'unreachable' }

/** Retries made so far, per cause. */
export interface RetriesSoFar {
  readonly conflict: number
  readonly throttled: number
  readonly timeout: number
}

export const NO_RETRIES: RetriesSoFar = { conflict: 0, throttled: 0, timeout: 0 }

export const RETRY_LIMITS: RetriesSoFar = { conflict: 3, throttled: 3, timeout: 5 }
export const CONFLICT_RETRY_MS = 2_000
export const TIMEOUT_RETRY_MS = 2_000
/** A `retry-after` of this many seconds or more is not waited for. */
const RETRY_AFTER_LIMIT_S = 60

export interface Retry {
  readonly afterMs: number
  readonly retries: RetriesSoFar
}

/** Seconds from `retry-after` (delta-seconds or an HTTP date), or undefined when unreadable. */
function retryAfterSeconds(value: string, now: Date): number | undefined {
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now.getTime()) / 1000)
}

/** The next retry after `result`, or undefined when Zendesk would give up here. */
export function nextRetry(
  result: AttemptResult,
  retries: RetriesSoFar,
  now: Date
): Retry | undefined {
  if (result.kind === 'timed out')
    return retries.timeout < RETRY_LIMITS.timeout
      ? { afterMs: TIMEOUT_RETRY_MS, retries: { ...retries, timeout: retries.timeout + 1 } }
      : undefined
  if (result.kind !== 'answered') return undefined
  if (result.status === 409)
    return retries.conflict < RETRY_LIMITS.conflict
      ? { afterMs: CONFLICT_RETRY_MS, retries: { ...retries, conflict: retries.conflict + 1 } }
      : undefined
  if (result.status !== 429 && result.status !== 503) return undefined
  if (result.retryAfter === null || retries.throttled >= RETRY_LIMITS.throttled) return undefined
  const seconds = retryAfterSeconds(result.retryAfter, now)
  if (seconds === undefined || seconds >= RETRY_AFTER_LIMIT_S) return undefined
  return {
    afterMs: Math.ceil(seconds * 1000),
    retries: { ...retries, throttled: retries.throttled + 1 },
  }
}
