// What an operator scrapes: /metrics is off without RELAY_METRICS_TOKEN, refuses any other token,
// and after some reads shows each named series with the values those reads imply.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { METRICS_TOKEN, sample, startObservabilityHarness } from './observability-harness.ts'

let harness: Awaited<ReturnType<typeof startObservabilityHarness>>
beforeAll(async () => {
  harness = await startObservabilityHarness()
})
afterAll(() => harness.stop())

const scrape = (token = METRICS_TOKEN) =>
  harness.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })

const joe = `/zendesk/v1/traits?ref=${encodeURIComponent(`email:${SEEDED.joeBloggs.email}`)}`

describe('GET /metrics', () => {
  it('is off (404, as any unknown route) when RELAY_METRICS_TOKEN is not set', async () => {
    const off = await startObservabilityHarness({ metricsToken: undefined })
    try {
      const response = await off.app.request('/metrics', {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ error: { code: 'no_such_route' } })
    } finally {
      await off.stop()
    }
  })

  it('refuses a caller without the token or with another one (401), logging why', async () => {
    const none = await harness.app.request('/metrics')
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } })
    const wrong = await scrape('operator-metrics-token-0123456789x')
    expect(wrong.status).toBe(401)
    expect(harness.logs.slice(-2)).toMatchObject([
      { route: '/metrics', status: 401, level: 'warn', reason: 'missing_token' },
      { route: '/metrics', status: 401, level: 'warn', reason: 'bad_metrics_token' },
    ])
  })

  it('counts requests by route pattern and status, and each tenant’s upstream, cache and breaker', async () => {
    expect((await harness.asAgent('demo', joe)).status).toBe(200)
    expect((await harness.asAgent('demo', joe)).status).toBe(200)
    expect((await harness.asAgent('refused', joe)).status).toBe(409)
    expect((await harness.asAgent('nobody', joe)).status).toBe(401)
    expect((await harness.app.request('/no/such/route/someone@example.com')).status).toBe(404)

    const response = await scrape()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    const traits = 'method="GET",route="/zendesk/v1/traits"'
    expect(sample(text, `relay_http_requests_total{${traits},status="200"}`)).toBe(2)
    expect(sample(text, `relay_http_requests_total{${traits},status="409"}`)).toBe(1)
    // A caller refused before routing counts under the pattern that refused it.
    expect(
      sample(text, 'relay_http_requests_total{method="GET",route="/zendesk/*",status="401"}')
    ).toBe(1)
    expect(sample(text, `relay_http_request_duration_seconds_count{${traits},status="200"}`)).toBe(
      2
    )
    // An unknown path counts under the catch-all pattern, so no caller can add a series.
    expect(sample(text, 'relay_http_requests_total{method="GET",route="/*",status="404"}')).toBe(1)
    expect(text).not.toContain('someone@example.com')
    // The route pattern, never the path with its query (an email).
    expect(text).not.toContain(SEEDED.joeBloggs.email)
    expect(text).not.toContain('joe.bloggs')

    // One upstream read for demo (the second was a cache hit); the refused token's one 401.
    expect(sample(text, 'relay_upstream_requests_total{tenant="demo",status="200"}')).toBe(1)
    expect(sample(text, 'relay_upstream_requests_total{tenant="refused",status="401"}')).toBe(1)
    expect(sample(text, 'relay_upstream_cache_hits_total{tenant="demo"}')).toBe(1)
    expect(sample(text, 'relay_upstream_cache_misses_total{tenant="demo"}')).toBe(1)
    expect(sample(text, 'relay_upstream_cache_stale_total{tenant="demo"}')).toBe(0)
    // The bucket holds 15 at rest (the guard's clock stands still): one was taken.
    expect(sample(text, 'relay_upstream_budget_tokens{tenant="demo"}')).toBe(14)
    expect(sample(text, 'relay_upstream_breaker_state{tenant="demo",state="closed"}')).toBe(1)
    expect(sample(text, 'relay_upstream_breaker_state{tenant="demo",state="open"}')).toBe(0)
    // A tenant never read has no guard, so no series: labels stay bounded by configured tenants.
    expect(text).not.toContain('tenant="nobody"')
  })
})
