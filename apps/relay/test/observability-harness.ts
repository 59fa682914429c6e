/**
 * A relay app over real upstream guards (wiring/upstream-pool.ts) against one sandbox, for what an
 * operator sees: three Zendesk tenants, `demo` (healthy), `refused` (a token Intilery refuses) and
 * `down` (read while the sandbox fails, so its breaker opens), the captured request log, the
 * prom-client registry and a store whose answer the test decides.
 */
import { startSandbox } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

import { createApp } from '../src/app.ts'
import { zendeskApp } from '../src/hosts/zendesk/zendesk-host.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import type { RequestLogEntry } from '../src/platform/http/request-log.ts'
import { createPromMetrics } from '../src/platform/metrics/prom-metrics.ts'
import type { Tenant } from '../src/ports.ts'
import { createUpstream } from '../src/upstream/index.ts'
import { createUpstreamPool } from '../src/wiring/upstream-pool.ts'
import { METRICS_TOKEN } from './app-harness.ts'

export const SECRET = 'observability-zendesk-secret'
export { METRICS_TOKEN }
export const WRONG_INTILERY_TOKEN = 'not-the-sandbox-token'

export async function startObservabilityHarness(
  options: { metricsToken?: string | undefined } = {}
) {
  const sandbox = await startSandbox({ port: 0 })
  const tenant = (id: string, authToken = sandbox.config.authToken): Tenant => ({
    id,
    name: id,
    intilery: {
      baseUrl: sandbox.url,
      clientId: sandbox.config.clientId,
      accountId: sandbox.config.accountId,
      brandId: sandbox.config.brandId,
      authToken,
    },
  })
  const tenants = new Map(
    [tenant('demo'), tenant('refused', WRONG_INTILERY_TOKEN), tenant('down')].map((t) => [t.id, t])
  )
  // The guards' clock stands still, so the bucket's tokens are exact; one failed load opens the
  // breaker and nothing is retried, so the test needs one read per state.
  const clock = { now: 1_000_000 }
  const pool = createUpstreamPool((credentials) =>
    createUpstream(
      credentials,
      { retry: { maxRetries: 0 }, breaker: { failures: 1, halfOpenAfterMs: 60_000 } },
      { now: () => clock.now }
    )
  )
  const logs: RequestLogEntry[] = []
  const store = { up: true }
  const app = createApp({
    tenants: {
      findByLink: (host, accountId) => {
        const found = host === 'zendesk' ? tenants.get(accountId) : undefined
        return Promise.resolve(found && { tenant: found, secret: SECRET })
      },
      get: (id) => Promise.resolve(tenants.get(id)),
    },
    apiKeys: { verify: () => Promise.resolve(undefined) },
    audit: { record: () => Promise.resolve() },
    store: {
      ping: () => (store.up ? Promise.resolve() : Promise.reject(new Error('store is down'))),
    },
    upstreamFor: pool.upstreamFor,
    upstreams: pool.status,
    metrics: createPromMetrics({ upstreams: pool.status, processMetrics: false }),
    hosts: [zendeskApp()],
    log: (entry) => logs.push(entry),
    hasher: await createHasher('test-audit-key-0123456789abcdef0123'),
    config: {
      allowedOrigins: [],
      frameAncestors: [],
      requestDeadlineMs: 3_000,
      metricsToken: 'metricsToken' in options ? options.metricsToken : METRICS_TOKEN,
    },
  })
  const zendeskToken = (
    subdomain: string,
    claims: Record<string, unknown> = {},
    secret = SECRET
  ) => {
    const iat = Math.floor(Date.now() / 1000)
    return sign(
      { iss: `https://${subdomain}.zendesk.com`, sub: 'agent-1', iat, exp: iat + 60, ...claims },
      secret,
      'HS256'
    )
  }
  const asAgent = async (subdomain: string, path: string) =>
    app.request(path, {
      headers: { authorization: `Bearer ${await zendeskToken(subdomain)}` },
    })
  return { app, sandbox, logs, store, pool, zendeskToken, asAgent, stop: () => sandbox.stop() }
}

/** The value of one series in a Prometheus text exposition (undefined when absent). */
export function sample(exposition: string, series: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1))
  }
  return undefined
}
