/**
 * @module errors
 * The relay's own failures, beside core's IntileryError taxonomy for upstream ones. Each maps to one
 * HTTP status and a stable `code`; the message is safe to show a caller (no secrets, no ids).
 */
export type RelayErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'bad_request'
  | 'not_found'
  | 'misconfigured'
  | 'upstream_unavailable'
  | 'rate_limited'
  | 'internal'
  /** A Pipedrive company or user has not finished connecting (tenant link or OAuth install). */
  | 'not_connected'

const STATUS: Record<RelayErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503 | 504> = {
  unauthenticated: 401,
  forbidden: 403,
  bad_request: 400,
  not_found: 404,
  misconfigured: 409,
  upstream_unavailable: 503,
  rate_limited: 429,
  internal: 500,
  not_connected: 403,
}

export class RelayError extends Error {
  override readonly name = 'RelayError'
  readonly status: (typeof STATUS)[RelayErrorCode]
  /** Seconds a caller should wait before trying again, when known. */
  readonly retryAfter: number | undefined

  constructor(
    readonly code: RelayErrorCode,
    message: string,
    init: { cause?: unknown; retryAfter?: number | undefined } = {}
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = STATUS[code]
    this.retryAfter = init.retryAfter
  }
}

/** A caller failed authentication; `reason` is for logs and tests, the message for the caller. */
export class UnauthenticatedError extends RelayError {
  constructor(
    readonly reason: string,
    message = 'Authentication required'
  ) {
    super('unauthenticated', message)
  }
}
