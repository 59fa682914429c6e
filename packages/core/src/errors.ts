/**
 * @module errors
 * The one error taxonomy of the Profile API client. Every failure is one of these classes; none is
 * ever a string, `null` or an empty list. Each class says in its doc comment whether the client
 * retries it. `status` is the HTTP status when a response arrived (undefined when the request was
 * never sent or never answered) and `requestId` is the upstream `x-amzn-RequestId` when known.
 */

export type IntileryErrorCode =
  | 'authentication_error'
  | 'invalid_request_error'
  | 'validation_error'
  | 'not_found'
  | 'rate_limit_error'
  | 'payload_too_large'
  | 'internal_server_error'
  | 'malformed_response'
  | 'timeout'
  | 'network_error'

export interface IntileryErrorInit {
  status?: number | undefined
  requestId?: string | undefined
  cause?: unknown
}

export abstract class IntileryError extends Error {
  abstract readonly code: IntileryErrorCode
  /** Whether the client's retry loop may try the same GET again. */
  abstract readonly retryable: boolean
  readonly status: number | undefined
  readonly requestId: string | undefined

  constructor(message: string, init: IntileryErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = new.target.name
    this.status = init.status
    this.requestId = init.requestId
  }

  /** A plain object for logs and JSON bodies: no stack, no cause. */
  toJSON(): { code: IntileryErrorCode; message: string; status?: number; requestId?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    }
  }
}

/** 401: the auth token is missing or wrong. Never retried: the credentials must be fixed. */
export class AuthenticationError extends IntileryError {
  readonly code = 'authentication_error'
  readonly retryable = false
}

/** 404: no customer matches the ref. Never retried. */
export class NotFoundError extends IntileryError {
  readonly code = 'not_found'
  readonly retryable = false
}

/**
 * 400 `validation_error`: a malformed profile ref (unknown id type, empty or over-long id). Raised
 * before sending when the client can tell, so no request is wasted. Never retried.
 */
export class ValidationError extends IntileryError {
  readonly code = 'validation_error'
  readonly retryable = false
}

/**
 * 400 `invalid_request_error`: a bad query (limit out of range, unparsable date, expired scrollId)
 * or bad client options. Raised before sending when the client can tell. Never retried.
 */
export class InvalidRequestError extends IntileryError {
  readonly code = 'invalid_request_error'
  readonly retryable = false
}

/**
 * 429: the token's bucket (100/s, burst 500) is empty. Retried on GET after `Retry-After` when the
 * server sends one within the client's cap, else after exponential backoff; when `Retry-After`
 * exceeds the cap it is thrown at once so the caller can serve stale data.
 */
export class RateLimitError extends IntileryError {
  readonly code = 'rate_limit_error'
  readonly retryable = true
  /** Seconds the server asked us to wait (the `Retry-After` header), when it said. */
  readonly retryAfter: number | undefined

  constructor(message: string, init: IntileryErrorInit & { retryAfter?: number | undefined } = {}) {
    super(message, init)
    this.retryAfter = init.retryAfter
  }
}

/** 413: the request exceeded 1 MB. Never retried: the same request would fail again. */
export class PayloadTooLargeError extends IntileryError {
  readonly code = 'payload_too_large'
  readonly retryable = false
}

/**
 * 5xx, or a 2xx whose body is not the documented JSON (`malformed_response`). 502, 503 and 504 are
 * retried on GET; 500 and malformed bodies are not, because they fail the same way again.
 */
export class UpstreamError extends IntileryError {
  readonly code: 'internal_server_error' | 'malformed_response'
  readonly retryable: boolean

  constructor(
    message: string,
    init: IntileryErrorInit & { code?: 'internal_server_error' | 'malformed_response' } = {}
  ) {
    super(message, init)
    this.code = init.code ?? 'internal_server_error'
    this.retryable = init.status === 502 || init.status === 503 || init.status === 504
  }
}

/**
 * No answer in time. A per-attempt timeout is retried on GET while the total deadline allows; the
 * total deadline expiring is final.
 */
export class TimeoutError extends IntileryError {
  readonly code = 'timeout'
  readonly retryable: boolean

  constructor(message: string, init: IntileryErrorInit & { final?: boolean } = {}) {
    super(message, init)
    this.retryable = init.final !== true
  }
}

/** The request never got an HTTP answer (DNS, refused, reset). Retried on GET. */
export class NetworkError extends IntileryError {
  readonly code = 'network_error'
  readonly retryable = true
}

export function isIntileryError(value: unknown): value is IntileryError {
  return value instanceof IntileryError
}
