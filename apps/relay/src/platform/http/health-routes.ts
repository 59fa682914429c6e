/**
 * @module platform/http/health-routes
 * `GET /healthz`: the process answers. `GET /readyz`: the store answers and Intilery is reachable,
 * each reported by name so an operator sees which one is down. Unauthenticated by design; they say
 * nothing about tenants or customers.
 */
import { createRoute, z } from '@hono/zod-openapi'

import type { Readiness } from '../../ports.ts'
import { documentedRoutes } from '../openapi/documented-routes.ts'
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

const checkResult = z.enum(['ok', 'fail', 'skipped'])
const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ store: checkResult, upstream: checkResult }),
})

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness',
  security: [],
  responses: {
    200: {
      description: 'The process answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: store and upstream, each by name',
  security: [],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: readiness } } },
    503: { description: 'Not ready', content: { 'application/json': { schema: readiness } } },
  },
})

export function healthRoutes(deps: HealthDeps) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  routes.openapi(readyz, async (c) => {
    const [store, upstream] = await Promise.all([
      check(() => deps.store.ping()),
      check(deps.upstreamProbe),
    ])
    const ready = store === 'ok' && upstream !== 'fail'
    const answer = { status: ready ? 'ready' : 'not_ready', checks: { store, upstream } } as const
    return ready ? c.json(answer, 200) : c.json(answer, 503)
  })
  return routes
}
