/**
 * @module upstream/relay-errors
 * What a caller of the guard sees when a read fails and nothing stale may be served. Outages become
 * one clean RelayError with Retry-After (never a core error with an upstream message, never a hang);
 * a 404 stays core's NotFoundError, and a bad ref or query stays core's ValidationError or
 * InvalidRequestError, because the route layer answers those as the caller's mistake.
 */
import {
  AuthenticationError,
  IntileryError,
  NotFoundError,
  RateLimitError,
} from '@intilery-connect/core'

import { RelayError } from '../platform/errors.ts'
import { CircuitOpenError } from './breaker.ts'

/** Retry-After for an outage with no better hint: long enough not to hammer a failing upstream. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5
/** Retry-After for a 429 that named no wait. */
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 1

/** Thrown when a read would wait for a token past its deadline; a 429 the relay decides itself. */
export function shedError(waitMs: number): RelayError {
  return new RelayError('rate_limited', 'Too many Intilery lookups are queued; try again shortly', {
    retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
  })
}

export function timedOutError(deadlineMs: number): RelayError {
  return new RelayError('upstream_unavailable', `Intilery did not answer within ${deadlineMs} ms`, {
    retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
  })
}

/**
 * Maps a failed read. `callerSignal`'s own abort reason is passed through untouched: the caller
 * went away and knows why.
 */
export function toRelayError(error: unknown, callerSignal?: AbortSignal): unknown {
  if (callerSignal?.aborted === true && error === callerSignal.reason) return error
  if (error instanceof RelayError || error instanceof NotFoundError) return error
  if (error instanceof CircuitOpenError) {
    return new RelayError('upstream_unavailable', 'Intilery is unavailable; try again shortly', {
      retryAfter: error.retryAfter,
      cause: error,
    })
  }
  if (error instanceof RateLimitError) {
    return new RelayError('rate_limited', 'Intilery is rate limiting requests; try again shortly', {
      retryAfter: error.retryAfter ?? RATE_LIMIT_RETRY_AFTER_SECONDS,
      cause: error,
    })
  }
  if (error instanceof AuthenticationError) {
    return new RelayError('misconfigured', 'The Intilery credentials were refused', {
      cause: error,
    })
  }
  if (error instanceof IntileryError) {
    // The caller's own mistakes (bad ref, bad query, expired scrollId, 413) are theirs to see.
    if (
      error.code === 'validation_error' ||
      error.code === 'invalid_request_error' ||
      error.code === 'payload_too_large'
    ) {
      return error
    }
  }
  // 5xx, malformed bodies, timeouts, network errors, and anything unexpected on the way (an entry
  // evicted mid-load): to the caller all of these mean "Intilery cannot answer now".
  return new RelayError('upstream_unavailable', 'Intilery is unavailable; try again shortly', {
    retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
    cause: error,
  })
}
