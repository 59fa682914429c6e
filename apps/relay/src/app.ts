/**
 * @module app
 * The relay as one runtime-agnostic Hono app: `createApp(deps)` takes its store, upstream guard and
 * settings from outside (src/main.ts on Node; tests pass fakes), and the host apps (hosts/) to mount.
 * Every route but health, readiness and the OpenAPI document authenticates its caller; every answer carries a request id; every
 * failure is a JSON error within the request deadline.
 */
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { except } from 'hono/combine'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'

import { panelDisplays } from './customers/panel-display.ts'
import type { HostApp } from './hosts/host-module.ts'
import type { Hs256Check } from './platform/auth/hs256.ts'
import type { Hasher } from './platform/crypto/hmac.ts'
import { RelayError } from './platform/errors.ts'
import { createReadAuditor } from './platform/http/audit.ts'
import type { RelayEnv } from './platform/http/caller.ts'
import { errorResponse } from './platform/http/error-response.ts'
import { healthRoutes, type HealthDeps } from './platform/http/health-routes.ts'
import { requestDeadline } from './platform/http/request-deadline.ts'
import { noStore } from './platform/http/no-store.ts'
import { requestId } from './platform/http/request-id.ts'
import { requestLog, type RequestLogWriter } from './platform/http/request-log.ts'
import { metricsRoutes } from './platform/metrics/metrics-route.ts'
import { requestMetrics, type RelayMetrics } from './platform/metrics/relay-metrics.ts'
import { documentedRoutes } from './platform/openapi/documented-routes.ts'
import type {
  ApiKeyVerifier,
  AuditSink,
  ChoiceMemoryStore,
  PresentationReader,
  Readiness,
  Tenant,
  TenantDirectory,
  UpstreamMonitor,
  UpstreamReads,
} from './ports.ts'
import { apiKeyAuth } from './public-api/api-key-auth.ts'
import { personalizeRoutes } from './public-api/personalize-route.ts'
import { profileApiRoutes } from './public-api/profile-api-routes.ts'
import { recommendationRoutes } from './public-api/recommendation-routes.ts'
import {
  DEFAULT_VISITOR_LIMIT,
  type VisitorLimit,
} from './public-api/visitor/visitor-rate-limit.ts'
import { visitorRoutes } from './public-api/visitor/visitor-routes.ts'
import type { VisitorSites } from './public-api/visitor/visitor-token.ts'
import type { SharedBudgetBackend } from './upstream/shared-budget.ts'
import type { OutboxWriter } from './writeback/outbox-port.ts'

export interface RelayAppDeps {
  readonly tenants: TenantDirectory
  readonly apiKeys: ApiKeyVerifier
  readonly audit: AuditSink
  readonly store: Readiness
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  /** Each tenant's presentation settings, for the host apps' context answer (`display`). */
  readonly presentations?: PresentationReader | undefined
  /** The agents' remembered choices among several matches, for the host apps (`/choice`). */
  readonly choices?: ChoiceMemoryStore | undefined
  readonly upstreamProbe?: HealthDeps['upstreamProbe']
  /** Whether the Intilery budget is shared with other instances now (REDIS_URL set). */
  readonly sharedBudget?: (() => 'shared' | 'local') | undefined
  /** HMAC of looked-up refs for the audit log. */
  readonly hasher: Hasher
  /** Checks hosts' JWT signatures (default: WebCrypto; the Node server passes node:crypto's). */
  readonly hs256?: Hs256Check | undefined
  readonly config: {
    readonly allowedOrigins: readonly string[]
    readonly frameAncestors: readonly string[]
    readonly requestDeadlineMs: number
    /** Opens `/metrics` and the per-tenant detail of `/readyz`; both closed when unset. */
    readonly metricsToken?: string | undefined
  }
  readonly now?: () => number
  /** The host apps, each mounted under `/<name>` (server.ts starts every registered one). */
  readonly hosts: readonly HostApp[]
  /** Receives one line per request (see platform/http/request-log.ts); none by default. */
  readonly log?: RequestLogWriter | undefined
  /** Counts requests and serves `/metrics` (prom-client's registry in src/server.ts). */
  readonly metrics?: RelayMetrics | undefined
  /** Each tenant's upstream guard, for readiness (wiring/upstream-pool.ts). */
  readonly upstreams?: UpstreamMonitor | undefined
  /** Write-back's durable outbox, for the hosts' webhooks; without it they answer 503. */
  readonly outbox?: OutboxWriter | undefined
  /** Sites whose signed-in visitors read their own data; without it `/v1/visitor` knows none. */
  readonly sites?: VisitorSites | undefined
  /** Requests one visitor may make (default: a burst of 10, 30 a minute). */
  readonly visitorLimit?: VisitorLimit | undefined
  /** The shared budget's backend with Redis: each visitor's limit counted once for every instance. */
  readonly visitorLimitsShared?: SharedBudgetBackend | undefined
}

const NO_SITES: VisitorSites = {
  get: () => Promise.resolve(undefined),
  allowsOrigin: () => Promise.resolve(false),
}

const OPENAPI_HEADER = {
  openapi: '3.1.0',
  info: {
    title: 'Intilery Connect relay',
    version: '0.1.0',
    description:
      'Customer context from the Intilery Profile API for host apps (each under its own path) and server-side callers.',
  },
}

/** Requests carry small query strings; nothing legitimate posts more than this. */
const MAX_BODY_BYTES = 64 * 1024

export function createApp(deps: RelayAppDeps) {
  const now = deps.now ?? Date.now
  const auditor = createReadAuditor(deps.audit, deps.hasher, now)
  const routeDeps = { upstreamFor: deps.upstreamFor, auditor }

  // Documented routes all the way down, so every host's declared routes reach the document.
  const app = documentedRoutes<RelayEnv>()
  app.use('*', requestId())
  if (deps.log !== undefined) app.use('*', requestLog(deps.log, now))
  if (deps.metrics !== undefined) app.use('*', requestMetrics(deps.metrics, now))
  app.use('*', requestDeadline(deps.config.requestDeadlineMs))
  app.use('*', noStore())
  app.use(
    '*',
    secureHeaders({
      // Pages with a policy of their own (the Pipedrive panel, the setup page) keep it.
      overwrite: false,
      xFrameOptions: false,
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        // JSON answers are never framed; the pages that are framed set their own ancestors
        // (the Pipedrive panel page: Pipedrive and RELAY_FRAME_ANCESTORS).
        frameAncestors: ["'none'"],
      },
    })
  )
  // CORS only when browsers call the relay directly (configured origins): its middleware makes
  // Hono rebuild every response, a third of a warm request's CPU, for nothing otherwise.
  if (deps.config.allowedOrigins.length > 0) {
    app.use(
      '*',
      // Visitors' browsers get exactly their site's origins (public-api/visitor/visitor-routes.ts).
      except(
        '/v1/visitor/*',
        cors({
          origin: (origin) => (deps.config.allowedOrigins.includes(origin) ? origin : null),
          allowMethods: ['GET'],
          allowHeaders: ['authorization', 'content-type'],
          exposeHeaders: ['x-request-id', 'retry-after'],
          maxAge: 600,
        })
      )
    )
  }
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(c, new RelayError('payload_too_large', 'The request body is too large')),
  })
  // A request without Content-Length or Transfer-Encoding has no body to limit; asking its raw
  // Request for one makes @hono/node-server build a full Fetch Request, a tenth of a warm read.
  const hasNoBody = (c: Context) =>
    c.req.header('content-length') === undefined && c.req.header('transfer-encoding') === undefined
  app.use('*', except(hasNoBody, limitBody))

  app.route(
    '/',
    healthRoutes({
      store: deps.store,
      upstreamProbe: deps.upstreamProbe,
      upstreams: deps.upstreams,
      metricsToken: deps.config.metricsToken,
      sharedBudget: deps.sharedBudget,
    })
  )
  app.route('/', metricsRoutes({ metrics: deps.metrics, token: deps.config.metricsToken }))
  // Written from every declared route's own schemas (documented-routes.ts), once all are mounted.
  let document: object | undefined
  app.get('/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document(OPENAPI_HEADER)
    return c.json(document)
  })

  const hostDeps = {
    ...routeDeps,
    // Host apps only: API keys' answers carry no display.
    displayFor: deps.presentations === undefined ? undefined : panelDisplays(deps.presentations),
    choices: deps.choices,
    tenants: deps.tenants,
    apiKeys: deps.apiKeys,
    frameAncestors: deps.config.frameAncestors,
    now,
    hs256: deps.hs256,
    outbox: deps.outbox,
  }
  // Each host authenticates its own callers inside its routes.
  for (const host of deps.hosts) app.route(`/${host.name}`, host.routes(hostDeps))

  // A visitor's token is not an API key: those routes check their own (visitor-token.ts).
  app.route(
    '/v1/visitor',
    visitorRoutes({
      ...routeDeps,
      sites: deps.sites ?? NO_SITES,
      tenants: deps.tenants,
      now,
      hs256: deps.hs256,
      limit: deps.visitorLimit ?? DEFAULT_VISITOR_LIMIT,
      sharedLimits: deps.visitorLimitsShared,
    })
  )
  app.use('/v1/*', except('/v1/visitor/*', apiKeyAuth(deps.apiKeys, deps.tenants)))
  // The longer path first: `/{ref}/{endpoint}` would not match it anyway, but the order says so.
  app.route('/v1/profiles', recommendationRoutes(routeDeps, now))
  app.route('/v1/profiles', profileApiRoutes(routeDeps))
  app.route('/v1/personalize', personalizeRoutes(routeDeps, now))
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A relay API key (icr_…)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'visitorToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'HS256 JWT signed by a site’s server with its signing secret: iss = site id, sub = userId, iat, exp (at most 1 hour)',
  })

  app.notFound((c) => errorResponse(c, new RelayError('no_such_route', 'No such route')))
  app.onError((error, c) => errorResponse(c, error))
  return app
}

export type RelayApp = ReturnType<typeof createApp>
