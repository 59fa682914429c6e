/**
 * @module platform/metrics/relay-metrics
 * What the app needs from a metrics registry, as a port: the app stays runtime-agnostic, and the
 * Prometheus registry behind it (prom-metrics.ts, prom-client) is Node's and built in server.ts.
 * Requests are counted by route pattern (`/v1/profiles/:ref/:endpoint`), never the raw path, so the
 * label values are bounded by the route table, not by callers.
 */
import { createMiddleware } from 'hono/factory'

import type { RelayEnv } from '../http/caller.ts'

export interface RequestObservation {
  readonly method: string
  /** The matched route pattern. */
  readonly route: string
  readonly status: number
  readonly seconds: number
}

export interface RelayMetrics {
  observeRequest(request: RequestObservation): void
  /** The Prometheus text exposition of every series. */
  exposition(): Promise<{ readonly contentType: string; readonly text: string }>
}

export function requestMetrics(metrics: RelayMetrics, now: () => number) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const started = now()
    await next()
    metrics.observeRequest({
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      seconds: (now() - started) / 1000,
    })
  })
}
