/**
 * @module platform/errors
 * The relay's own failures, beside core's IntileryError taxonomy for upstream ones. Each maps to one
 * HTTP status and a stable `code` (core's relay contract lists them, with whether a caller should
 * retry); the message is safe to show a caller (no secrets, no ids).
 */
import { RELAY_ERROR_STATUS, type RelayErrorCode } from '@intilery-connect/core'

/** The codes and their statuses are the browsers' contract too: one list, in core. */
export type { RelayErrorCode }
const STATUS = RELAY_ERROR_STATUS

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
