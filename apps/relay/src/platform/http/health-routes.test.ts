// /readyz with several instances (REDIS_URL): while Redis does not answer, an instance keeps to
// its own share of the budget and still serves, so it says degraded (200), never not_ready.
import { describe, expect, it } from 'vitest'

import { healthRoutes } from './health-routes.ts'

function readyz(mode: (() => 'shared' | 'local') | undefined) {
  const routes = healthRoutes({ store: { ping: () => Promise.resolve() }, sharedBudget: mode })
  return routes.request('/readyz')
}

describe('/readyz and the shared budget', () => {
  it('is ready while the budget is shared, and says so', async () => {
    const response = await readyz(() => 'shared')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { store: 'ok', upstream: 'skipped', sharedBudget: 'ok' },
    })
  })

  it('is degraded (200) while this instance is on its own share', async () => {
    const response = await readyz(() => 'local')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'degraded',
      checks: { store: 'ok', upstream: 'skipped', sharedBudget: 'fail' },
    })
  })

  it('skips the check for one instance without Redis', async () => {
    expect(await (await readyz(undefined)).json()).toMatchObject({
      status: 'ready',
      checks: { sharedBudget: 'skipped' },
    })
  })
})

describe('/readyz and each tenant’s Intilery', () => {
  const token = 'operator-metrics-token-0123456789'
  const ask = (authorization?: string) =>
    healthRoutes({
      store: { ping: () => Promise.resolve() },
      metricsToken: token,
      upstreamProbe: () =>
        Promise.resolve([
          { tenantId: 'local', reachable: true },
          { tenantId: 'acme', reachable: false },
        ]),
    }).request('/readyz', authorization === undefined ? {} : { headers: { authorization } })

  it('names a tenant whose Intilery does not answer, before anyone has read it, to the operator', async () => {
    const open = await ask()
    expect(await open.json()).toEqual({
      status: 'degraded',
      checks: { store: 'ok', upstream: 'fail', sharedBudget: 'skipped' },
    })
    expect(await (await ask(`Bearer ${token}`)).json()).toEqual({
      status: 'degraded',
      checks: { store: 'ok', upstream: 'fail', sharedBudget: 'skipped' },
      tenants: [
        { id: 'acme', upstream: 'unreachable', breaker: 'closed' },
        { id: 'local', upstream: 'ok', breaker: 'closed' },
      ],
    })
  })
})
