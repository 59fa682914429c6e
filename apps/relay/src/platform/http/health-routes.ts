/**
 * @module platform/http/health-routes
 * `GET /healthz`: the process answers. `GET /readyz`: whether this instance should get traffic.
 *
 * - `ready` (200): the store answers and every tenant's Intilery does;
 * - `degraded` (200): the relay serves, but Intilery is failing for some tenants (their breaker is
 *   open, their token was refused at Intilery's latest answer, or the probe got no answer): their
 *   readers get stale data or a clean error meanwhile, and
 *   taking this instance out of a load balancer would help nobody; or Redis does not answer, and
 *   this instance keeps to its own share of the Intilery budget until it does;
 * - `not_ready` (503): the relay itself cannot serve (its store does not answer).
 *
 * Unauthenticated by design, so they say nothing about tenants; with the operator's metrics token
 * (`Authorization: Bearer <RELAY_METRICS_TOKEN>`) `/readyz` also lists every tenant: whether its
 * Intilery answers, fails or refuses its token, and its breaker.
 */
import { createRoute, z } from '@hono/zod-openapi'

import type { Readiness, UpstreamMonitor, UpstreamStats } from '../../ports.ts'
import { operatorTokenCheck } from '../metrics/operator-token.ts'
import { documentedRoutes } from '../openapi/documented-routes.ts'
import type { RelayEnv } from './caller.ts'

export interface HealthDeps {
  readonly store: Readiness
  /** Each tenant's Intilery: reachable when its host gave any HTTP answer. */
  readonly upstreamProbe?: (() => Promise<readonly TenantReach[]>) | undefined
  /** Each tenant's upstream guard; its breaker says whether that tenant's Intilery is failing. */
  readonly upstreams?: UpstreamMonitor | undefined
  /** The operator's token, which opens the per-tenant detail; none when unset. */
  readonly metricsToken?: string | undefined
  /**
   * With several instances (REDIS_URL): whether the Intilery budget is shared now, or this
   * instance keeps to its own share because Redis does not answer (degraded, still serving).
   */
  readonly sharedBudget?: (() => 'shared' | 'local') | undefined
}

export interface TenantReach {
  readonly tenantId: string
  readonly reachable: boolean
}

/** The probe's answer: every tenant the store holds, and whether its Intilery answered. */
async function probeTenants(
  run: (() => Promise<readonly TenantReach[]>) | undefined
): Promise<{ result: 'ok' | 'fail' | 'skipped'; tenants: readonly TenantReach[] }> {
  if (run === undefined) return { result: 'skipped', tenants: [] }
  try {
    const tenants = await run()
    return { result: tenants.every((t) => t.reachable) ? 'ok' : 'fail', tenants }
  } catch {
    return { result: 'fail', tenants: [] }
  }
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
const breakerState = z.enum(['closed', 'open', 'half-open', 'isolated'])
const readiness = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.object({
    store: checkResult,
    /** `fail` when the probe got no answer or some tenant's breaker is not closed. */
    upstream: checkResult,
    /**
     * `ok`: the Intilery budget is shared with the other instances (Redis answers); `fail`: this
     * instance keeps to its own share meanwhile; `skipped`: one instance, no Redis.
     */
    sharedBudget: checkResult,
  }),
  tenants: z
    .array(
      z.object({
        id: z.string(),
        upstream: z
          .enum(['ok', 'unreachable', 'failing', 'refused'])
          .describe(
            '`unreachable`: its Intilery host gave no answer to the probe; `failing`: its breaker is not closed; `refused`: Intilery refused the tenant’s token at its latest answer'
          ),
        breaker: breakerState.describe('`closed` for a tenant not read since start'),
      })
    )
    .optional()
    .describe('Every tenant the relay holds, by id; only with the metrics token'),
})

/**
 * A tenant's Intilery as its guard last saw it (refusing the token is failing too, for an admin),
 * else as the probe found its host.
 */
function upstreamStateOf(
  stats: UpstreamStats | undefined,
  reachable: boolean
): 'ok' | 'unreachable' | 'failing' | 'refused' {
  if (stats?.lastResponse === '401' || stats?.lastResponse === '403') return 'refused'
  if (stats !== undefined && stats.breakerState !== 'closed') return 'failing'
  return reachable ? 'ok' : 'unreachable'
}

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
  summary: 'Readiness: ready, degraded (some tenants’ Intilery failing) or not_ready',
  security: [],
  responses: {
    200: {
      description: '`ready`, or `degraded` when Intilery is failing for some tenants',
      content: { 'application/json': { schema: readiness } },
    },
    503: {
      description: '`not_ready`: the relay cannot serve (its store does not answer)',
      content: { 'application/json': { schema: readiness } },
    },
  },
})

export function healthRoutes(deps: HealthDeps) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  routes.openapi(readyz, async (c) => {
    const [store, reach] = await Promise.all([
      check(() => deps.store.ping()),
      probeTenants(deps.upstreamProbe),
    ])
    const probe = reach.result
    // The tenants read since start (their guards) and every tenant the store holds (the probe's):
    // a tenant whose Intilery is down before anyone read it is named too.
    const guarded = new Map((deps.upstreams?.() ?? []).map((u) => [u.tenantId, u.stats] as const))
    const unreachable = new Set(reach.tenants.filter((t) => !t.reachable).map((t) => t.tenantId))
    const ids = [...new Set([...guarded.keys(), ...reach.tenants.map((t) => t.tenantId)])].sort()
    const tenants = ids.map((id) => {
      const stats = guarded.get(id)
      return {
        id,
        upstream: upstreamStateOf(stats, !unreachable.has(id)),
        breaker: stats?.breakerState ?? ('closed' as const),
      }
    })
    const upstreamFailing = probe === 'fail' || tenants.some((t) => t.upstream !== 'ok')
    const sharedBudget =
      deps.sharedBudget === undefined ? 'skipped' : deps.sharedBudget() === 'shared' ? 'ok' : 'fail'
    const status =
      store !== 'ok'
        ? 'not_ready'
        : upstreamFailing || sharedBudget === 'fail'
          ? 'degraded'
          : 'ready'
    const upstream = upstreamFailing ? 'fail' : probe
    // A wrong token is not refused: a readiness probe must answer whatever it sends.
    const detailed =
      deps.metricsToken !== undefined &&
      (await operatorTokenCheck(c.req.header('authorization'), deps.metricsToken)) === 'ok'
    const answer = {
      status,
      checks: { store, upstream, sharedBudget },
      ...(detailed ? { tenants } : {}),
    } as const
    return status === 'not_ready' ? c.json(answer, 503) : c.json(answer, 200)
  })
  return routes
}
