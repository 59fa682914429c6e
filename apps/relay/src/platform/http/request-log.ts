/**
 * @module platform/http/request-log
 * One structured line per request. It holds the matched route pattern (`/v1/profiles/:ref/:endpoint`),
 * never the URL or query, because those carry emails and ids; no headers, so no tokens. The writer
 * is injected (pino in src/main.ts), so the app stays runtime-agnostic and tests can read the lines.
 */
import { createMiddleware } from 'hono/factory'

import type { RelayEnv } from './caller.ts'

export interface RequestLogEntry {
  readonly requestId: string
  readonly method: string
  readonly route: string
  readonly status: number
  readonly ms: number
  readonly tenant?: string | undefined
  readonly channel?: string | undefined
}

export type RequestLogWriter = (entry: RequestLogEntry) => void

export function requestLog(write: RequestLogWriter, now: () => number) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const started = now()
    await next()
    const caller = c.get('caller') as RelayEnv['Variables']['caller'] | undefined
    write({
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: now() - started,
      tenant: caller?.tenant.id,
      channel: caller?.channel,
    })
  })
}
