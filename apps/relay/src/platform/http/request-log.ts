/**
 * @module platform/http/request-log
 * One structured line per request. It holds the matched route pattern (`/v1/profiles/:ref/:endpoint`),
 * never the URL or query, because those carry emails and ids; no headers, so no tokens. A failed
 * request says why with a stable code and reason, never the error's message (failure-note.ts). The
 * writer is injected (pino in src/server.ts), so the app stays runtime-agnostic and tests can read
 * the lines.
 */
import { AuthenticationError } from '@intilery-connect/core'
import { createMiddleware } from 'hono/factory'

import { SecretBoxError } from '../crypto/secret-box.ts'
import { RelayError, UnauthenticatedError } from '../errors.ts'
import { AuditWriteError } from './audit.ts'
import type { RelayEnv } from './caller.ts'
import { mapError } from './error-response.ts'
import { notedFailure } from './failure-note.ts'

export type LogLevel = 'info' | 'warn' | 'error'

export interface RequestLogEntry {
  /**
   * `error` when an admin must act (Intilery refused the tenant's token, a bug in the relay),
   * `warn` for a refused caller (many in a row are an attack or a broken install), else `info`.
   */
  readonly level: LogLevel
  readonly requestId: string
  /** The client's own `X-Request-Id`, when it sent a short plain one (request-id.ts). */
  readonly clientRequestId?: string | undefined
  readonly method: string
  readonly route: string
  readonly status: number
  readonly ms: number
  readonly tenant?: string | undefined
  readonly channel?: string | undefined
  /** The relay's error code of a failed request (core's relay contract). */
  readonly code?: string | undefined
  /**
   * Why, as a stable reason code: a refused caller's (`missing_token`, `unknown_installation`,
   * `bad_signature`, `expired`…, see UnauthenticatedError), `intilery_token_refused`, or
   * `audit_write_failed` (the read was not served because its audit row could not be stored), or
   * `secrets_do_not_open` (the tenant's stored secrets do not open under the relay's key).
   */
  readonly reason?: string | undefined
}

export type RequestLogWriter = (entry: RequestLogEntry) => void

type FailureFields = Pick<RequestLogEntry, 'level' | 'code' | 'reason'>

/** Intilery answered 401/403 to the tenant's token: straight from core, or as the guard maps it. */
function isRefusedIntileryToken(error: unknown): boolean {
  return (
    error instanceof AuthenticationError ||
    (error instanceof RelayError && error.cause instanceof AuthenticationError)
  )
}

/** The error, or one of its causes, passes `test`. */
function causedBy(error: unknown, test: (error: Error) => boolean): boolean {
  let at: unknown = error
  for (let depth = 0; at instanceof Error && depth < 10; depth += 1) {
    if (test(at)) return true
    at = at.cause
  }
  return false
}

export function failureFields(error: unknown): FailureFields {
  if (error === undefined) return { level: 'info' }
  if (isRefusedIntileryToken(error))
    return { level: 'error', code: 'misconfigured', reason: 'intilery_token_refused' }
  const { code } = mapError(error)
  if (error instanceof UnauthenticatedError) return { level: 'warn', code, reason: error.reason }
  // The answer is the generic 500; the operator needs to know it was the audit trail, not a bug.
  if (error instanceof AuditWriteError)
    return { level: 'error', code, reason: 'audit_write_failed' }
  // Also a generic 500: the stored secrets were sealed under another key than the relay runs with
  // (`relay encryption rotate` while it ran); restarting it with the new key is the fix.
  if (causedBy(error, (e) => e instanceof SecretBoxError))
    return { level: 'error', code, reason: 'secrets_do_not_open' }
  return { level: code === 'internal' ? 'error' : 'info', code }
}

export function requestLog(write: RequestLogWriter, now: () => number) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const started = now()
    await next()
    const caller = c.get('caller') as RelayEnv['Variables']['caller'] | undefined
    write({
      ...failureFields(notedFailure(c)),
      requestId: c.get('requestId'),
      ...(c.get('clientRequestId') === undefined
        ? {}
        : { clientRequestId: c.get('clientRequestId') }),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: now() - started,
      tenant: caller?.tenant.id,
      channel: caller?.channel,
    })
  })
}
