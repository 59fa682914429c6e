/**
 * @module platform/http/health-routes
 * `GET /healthz`: the process answers. `GET /readyz`: the store answers and Intilery is reachable,
 * each reported by name so an operator sees which one is down. Unauthenticated by design; they say
 * nothing about tenants or customers.
 */
import { Hono } from 'hono'

import type { Readiness } from '../../ports.ts'
import type { RelayEnv } from './caller.ts'

export interface HealthDeps {
  readonly store: Readiness
  /** Resolves when Intilery answers (any HTTP answer counts: it is reachable). */
  readonly upstreamProbe?: (() => Promise<void>) | undefined
}

async function check(run: (() => Promise<void>) | undefined): Promise<'ok' | 'fail' | 'skipped'> {
  if (run === undefined) return 'skipped'
  try {
    await run()
    return 'ok'
  } catch {
    return 'fail'
  }
}

export function healthRoutes(deps: HealthDeps) {
  const routes = new Hono<RelayEnv>()
  routes.get('/healthz', (c) => c.json({ status: 'ok' }))
  routes.get('/readyz', async (c) => {
    const [store, upstream] = await Promise.all([
      check(() => deps.store.ping()),
      check(deps.upstreamProbe),
    ])
    const ready = store === 'ok' && upstream !== 'fail'
    return c.json(
      { status: ready ? 'ready' : 'not_ready', checks: { store, upstream } },
      ready ? 200 : 503
    )
  })
  return routes
}
