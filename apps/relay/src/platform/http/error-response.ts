/**
 * @module platform/http/error-response
 * Every failure leaves the relay as `{ "error": { "code", "message", "requestId" } }` with the
 * right status and, where a retry makes sense, `Retry-After`. Never a stack trace, never upstream
 * text that could carry a customer's data.
 */
import {
  isIntileryError,
  RateLimitError,
  RELAY_ERROR_STATUS,
  type IntileryError,
  type RelayErrorBody,
  type RelayErrorCode,
} from '@intilery-connect/core'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { RelayError } from '../errors.ts'
import { noteFailure } from './failure-note.ts'

interface Mapped {
  readonly status: ContentfulStatusCode
  readonly code: RelayErrorCode
  readonly message: string
  readonly retryAfter?: number | undefined
}

function fromIntilery(error: IntileryError): Mapped {
  switch (error.code) {
    case 'not_found':
      return { status: 404, code: 'not_found', message: 'No customer matches.' }
    case 'validation_error':
    case 'invalid_request_error':
      return { status: 400, code: 'bad_request', message: error.message }
    case 'authentication_error':
      return {
        status: 409,
        code: 'misconfigured',
        message: 'The Intilery credentials were refused.',
      }
    case 'rate_limit_error':
      return {
        status: 429,
        code: 'rate_limited',
        message: 'Intilery is rate limiting; try again shortly.',
        retryAfter: error instanceof RateLimitError ? (error.retryAfter ?? 1) : 1,
      }
    default:
      return {
        status: 503,
        code: 'upstream_unavailable',
        message: 'Intilery is not answering; try again shortly.',
        retryAfter: 5,
      }
  }
}

export function mapError(error: unknown): Mapped {
  if (error instanceof RelayError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      retryAfter: error.retryAfter,
    }
  }
  if (isIntileryError(error)) return fromIntilery(error)
  // The request's deadline (request-deadline.ts) ended an Intilery read, which rejects with the
  // deadline's own reason: an upstream that did not answer in time, not a bug in the relay.
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return {
      status: 503,
      code: 'upstream_unavailable',
      message: 'Intilery is not answering; try again shortly.',
      retryAfter: 5,
    }
  if (error instanceof HTTPException) {
    // Hono's own refusals (a validator, a body parser): their code, and that code's status.
    const code =
      error.status === 401
        ? 'unauthenticated'
        : error.status === 413
          ? 'payload_too_large'
          : 'bad_request'
    return { status: RELAY_ERROR_STATUS[code], code, message: error.message || 'Bad request' }
  }
  return { status: 500, code: 'internal', message: 'Something went wrong in the relay.' }
}

export function errorResponse(c: Context, error: unknown): Response {
  noteFailure(c, error)
  const mapped = mapError(error)
  const requestId = c.get('requestId') as string | undefined
  const headers: Record<string, string> = {}
  if (mapped.retryAfter !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(mapped.retryAfter)))
  const body: RelayErrorBody = { error: { code: mapped.code, message: mapped.message, requestId } }
  return c.json(body, mapped.status, headers)
}
