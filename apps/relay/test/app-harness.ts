/**
 * A relay app over in-memory fakes (tenants, keys, audit) and, by default, an upstream that calls
 * a real sandbox through the core client without caching: enough to test routes, auth and audit
 * without the store or the guard.
 */
import { createProfileClient, type EventsQuery, type ProfileRef } from '@intilery-connect/core'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

import { createApp } from '../src/app.ts'
import { pipedriveApp } from '../src/hosts/pipedrive/pipedrive-host.ts'
import { zendeskApp } from '../src/hosts/zendesk/zendesk-host.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import { createPromMetrics } from '../src/platform/metrics/prom-metrics.ts'
import { freshRead } from '../src/upstream/testing/fresh-read.ts'
import type { VisitorLimit } from '../src/public-api/visitor/visitor-rate-limit.ts'
import type { VisitorSites } from '../src/public-api/visitor/visitor-token.ts'
import type {
  ApiKeyGrant,
  AuditEntry,
  AuditSink,
  ChoiceKey,
  ChoiceMemoryStore,
  Tenant,
  UpstreamReads,
} from '../src/ports.ts'
import type { SharedBudgetBackend } from '../src/upstream/shared-budget.ts'

export const ZENDESK_SECRET = 'demo-zendesk-secret'
export const API_KEY = 'icr_demo_key'
export const NARROW_KEY = 'icr_narrow_key'
export const PROFILES_ONLY_KEY = 'icr_profiles_only_key'
export const RECOMMENDATIONS_ONLY_KEY = 'icr_recommendations_only_key'
/** The operator's token: `/metrics` is on, so the route-table walk reaches it too. */
export const METRICS_TOKEN = 'operator-metrics-token-0123456789'

export function directUpstream(sandbox: RunningSandbox): UpstreamReads {
  const { clientId, accountId, brandId, authToken } = sandbox.config
  const client = createProfileClient({
    baseUrl: sandbox.url,
    clientId,
    accountId,
    brandId,
    authToken,
    rateLimit: false,
    retry: false,
  })
  const guarded = <T>(value: T, requestId: string | undefined) =>
    freshRead(value, { requestId, fetchedAt: Date.now() })
  const page = async (p: ReturnType<typeof client.events>) => {
    const events = await p
    return guarded(
      { data: events.data, scrollId: events.scrollId, hasMore: events.hasNextPage() },
      events.requestId
    )
  }
  return {
    traits: async (ref: ProfileRef, o) => {
      const r = await client.traits(ref, o)
      return guarded(r, r.requestId)
    },
    meta: async (ref: ProfileRef, o) => {
      const r = await client.meta(ref, o)
      return guarded(r, r.requestId)
    },
    audiences: async (ref: ProfileRef, o) => {
      const r = await client.audiences(ref, o)
      return guarded(r, r.requestId)
    },
    firstEventsPage: (ref: ProfileRef, query: EventsQuery, o) => page(client.events(ref, query, o)),
  }
}

export async function startHarness(
  options: {
    upstream?: (sandbox: RunningSandbox) => UpstreamReads
    /** The audit trail the reads write to; by default `audit`, an array that takes anything. */
    audit?: AuditSink
    /** Personalization sites (visitor-harness.ts); none by default. */
    sites?: VisitorSites
    visitorLimit?: VisitorLimit
    /** A shared budget's backend standing in for Redis, for harnesses as instances of one relay. */
    visitorLimitsShared?: SharedBudgetBackend
    /** The relay's clock (token times, rate limits); Date.now by default. */
    now?: () => number
  } = {}
) {
  const sandbox = await startSandbox({ port: 0 })
  const tenant: Tenant = {
    id: 'demo',
    name: 'Demo',
    intilery: {
      baseUrl: sandbox.url,
      clientId: sandbox.config.clientId,
      accountId: sandbox.config.accountId,
      brandId: sandbox.config.brandId,
      authToken: sandbox.config.authToken,
    },
  }
  const audit: AuditEntry[] = []
  const logs: unknown[] = []
  const revoked = new Set<string>()
  const grants: Record<string, ApiKeyGrant> = {
    [API_KEY]: {
      id: 'demo',
      tenantId: 'demo',
      name: 'demo',
      traitAllowlist: '*',
      scopes: ['profiles', 'recommendations'],
    },
    [NARROW_KEY]: {
      id: 'narrow',
      tenantId: 'demo',
      name: 'narrow',
      traitAllowlist: ['firstName', 'number_email_delivered_all_time'],
      scopes: ['profiles', 'recommendations'],
    },
    [PROFILES_ONLY_KEY]: {
      id: 'profiles-only',
      tenantId: 'demo',
      name: 'profiles only',
      traitAllowlist: '*',
      scopes: ['profiles'],
    },
    [RECOMMENDATIONS_ONLY_KEY]: {
      id: 'recommendations-only',
      tenantId: 'demo',
      name: 'recommendations only',
      traitAllowlist: '*',
      scopes: ['recommendations'],
    },
  }
  const upstream = (options.upstream ?? directUpstream)(sandbox)
  // Remembered choices in a map (the store's own are tested in the store suite).
  const chosen = new Map<string, string>()
  const choiceKey = (key: ChoiceKey) => JSON.stringify(key)
  const choices: ChoiceMemoryStore = {
    get: (key) => Promise.resolve(chosen.get(choiceKey(key))),
    set: (key, id) => Promise.resolve(chosen.set(choiceKey(key), id).size > 0),
    clear: (key) => Promise.resolve(chosen.delete(choiceKey(key))),
  }
  const app = createApp({
    tenants: {
      findByLink: (host, accountId) =>
        Promise.resolve(
          host === 'zendesk' && accountId === 'demo'
            ? { tenant, secret: ZENDESK_SECRET }
            : undefined
        ),
      get: (id) => Promise.resolve(id === tenant.id ? tenant : undefined),
    },
    apiKeys: { verify: (key) => Promise.resolve(revoked.has(key) ? undefined : grants[key]) },
    audit: options.audit ?? { record: (entry) => Promise.resolve(void audit.push(entry)) },
    store: { ping: () => Promise.resolve() },
    upstreamFor: () => upstream,
    choices,
    hosts: [zendeskApp(), pipedriveApp(undefined)],
    log: (entry) => logs.push(entry),
    sites: options.sites,
    visitorLimit: options.visitorLimit,
    visitorLimitsShared: options.visitorLimitsShared,
    ...(options.now === undefined ? {} : { now: options.now }),
    metrics: createPromMetrics({ processMetrics: false }),
    hasher: await createHasher('test-audit-key-0123456789abcdef0123'),
    config: {
      allowedOrigins: ['https://demo.zendesk.com'],
      frameAncestors: ['https://*.pipedrive.com'.replace('*.', 'app.')],
      requestDeadlineMs: 3_000,
      metricsToken: METRICS_TOKEN,
    },
  })
  const zendeskToken = (claims: Record<string, unknown> = {}) => {
    const iat = Math.floor(Date.now() / 1000)
    return sign(
      { iss: 'https://demo.zendesk.com', sub: 'agent-1', iat, exp: iat + 60, ...claims },
      ZENDESK_SECRET,
      'HS256'
    )
  }
  return { app, sandbox, audit, logs, revoked, zendeskToken, stop: () => sandbox.stop() }
}
