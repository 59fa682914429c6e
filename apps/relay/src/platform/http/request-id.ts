/**
 * @module platform/http/request-id
 * Every request gets the relay's own id (a random UUID): in the response's `X-Request-Id`, the log
 * line, error bodies and the audit row. A client's `X-Request-Id` never becomes that id, or a
 * caller could write any id into the audit trail (or reuse another read's); it is kept only as
 * `clientRequestId`, for the log, and only when it is a short plain token.
 *
 * Hono's requestId middleware adopts the client's header as the id, hence this one.
 */
import { createMiddleware } from 'hono/factory'

import type { RelayEnv } from './caller.ts'

/**
 * Letters, digits, `_`, `-`, `=` (what tracing ids use), at most 128: no `@`, `.` or spaces, so a
 * client cannot put an email or a sentence into the relay's logs through it. Anything else is
 * dropped, not trimmed: a cut id would match nothing on the client's side.
 */
const CLIENT_REQUEST_ID = /^[\w=-]{1,128}$/

export function requestId(generate: () => string = () => crypto.randomUUID()) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const id = generate()
    c.set('requestId', id)
    const client = c.req.header('x-request-id')
    if (client !== undefined && CLIENT_REQUEST_ID.test(client)) c.set('clientRequestId', client)
    c.header('x-request-id', id)
    await next()
  })
}
