/**
 * @module app
 * The sandbox as one Hono app: the Profile API, the tracking ingest and the admin routes. Every
 * response carries `x-amzn-RequestId`; every failure is the spec's JSON error body, never a stack.
 */
import { randomUUID } from 'node:crypto'

import { TokenBucket } from '@intilery-connect/core'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'

import { adminRoutes } from './admin/admin-routes.ts'
import type { RequestCounters } from './admin/counters.ts'
import type { FaultKnobs, FaultRoute } from './admin/faults.ts'
import type { SandboxConfig } from './config.ts'
import { ingest, isIngestKind } from './ingest/ingest-route.ts'
import { apiError } from './profile-api/api-error.ts'
import { endpointOf, listProfiles, readProfile } from './profile-api/profile-routes.ts'
import type { ScrollStore } from './profile-api/scroll-store.ts'
import { type Hangs, applyFaults, isAuthorised, requestBytes } from './request-guards.ts'
import type { CustomerStore } from './store/customer-store.ts'

export interface SandboxAppDeps {
  readonly config: SandboxConfig
  readonly store: CustomerStore
  readonly scrolls: ScrollStore
  readonly faults: FaultKnobs
  readonly counters: RequestCounters
  readonly hangs: Hangs
  readonly now?: () => number
}

type Route =
  | { kind: 'list' }
  | { kind: 'profile'; ref: string; endpoint: NonNullable<ReturnType<typeof endpointOf>> }
  | { kind: 'ingest'; type: Parameters<typeof ingest>[2] }

/** Reads the raw (still encoded) path: the ref segment must be decoded exactly once, by core. */
function routeOf(c: Context): { brand: string[]; route: Route | undefined } {
  const path = new URL(c.req.url).pathname.split('/')
  // ['', 'track', clientId, accountId, brandId, 'v1', ...rest]
  const brand = path.slice(2, 5)
  const rest = path.slice(6)
  if (path[1] !== 'track' || path[5] !== 'v1' || brand.length < 3)
    return { brand, route: undefined }
  if (rest.length === 1 && rest[0] === 'profiles') return { brand, route: { kind: 'list' } }
  if (rest.length === 3 && rest[0] === 'profiles') {
    const endpoint = endpointOf(rest[2] ?? '')
    return { brand, route: endpoint && { kind: 'profile', ref: rest[1] ?? '', endpoint } }
  }
  if (rest.length === 1 && isIngestKind(rest[0] ?? '')) {
    return { brand, route: { kind: 'ingest', type: rest[0] as Parameters<typeof ingest>[2] } }
  }
  return { brand, route: undefined }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

export function createSandboxApp(deps: SandboxAppDeps) {
  const { config, counters } = deps
  const now = deps.now ?? Date.now
  const buckets = new Map<string, TokenBucket>()
  const bucketFor = (token: string) => {
    let bucket = buckets.get(token)
    if (!bucket) {
      bucket = new TokenBucket({ ratePerSecond: config.ratePerSecond, burst: config.burst })
      buckets.set(token, bucket)
    }
    return bucket
  }

  const app = new Hono()
  app.use('*', async (c, next) => {
    const requestId = randomUUID()
    c.header('x-amzn-RequestId', requestId)
    if (requestBytes(c) > config.maxRequestBytes) {
      return apiError(c, 413, 'payload_too_large', 'The request exceeds the 1 MB limit.')
    }
    await next()
    // Responses built outside the context (a thrown HTTPException's) miss the prepared header.
    if (!c.res.headers.has('x-amzn-RequestId')) c.res.headers.set('x-amzn-RequestId', requestId)
    return undefined
  })
  app.use(
    '*',
    bodyLimit({
      maxSize: config.maxRequestBytes,
      onError: (c) => apiError(c, 413, 'payload_too_large', 'The request exceeds the 1 MB limit.'),
    })
  )
  app.route('/__admin', adminRoutes(config.adminToken, deps.faults, counters))

  app.all('/track/*', async (c) => {
    const { brand, route } = routeOf(c)
    const token = c.req.header('auth-token')
    const routeName: FaultRoute | 'unknown' =
      route === undefined ? 'unknown' : route.kind === 'profile' ? route.endpoint : route.kind
    const response = await (async () => {
      if (route === undefined) return apiError(c, 404, 'not_found', 'No such route.')
      const method = route.kind === 'ingest' ? 'POST' : 'GET'
      if (c.req.method !== method) {
        return apiError(c, 405, 'invalid_request_error', `Use ${method} for this route.`, {
          allow: method,
        })
      }
      if (!isAuthorised(token, config.authToken)) {
        return apiError(
          c,
          401,
          'authentication_error',
          'Failure to properly authenticate yourself in the request.'
        )
      }
      const [clientId, accountId, brandId] = brand.map(safeDecode)
      if (
        clientId !== config.clientId ||
        accountId !== config.accountId ||
        brandId !== config.brandId
      ) {
        return apiError(
          c,
          401,
          'authentication_error',
          'This auth token has no access to that client, account or brand.'
        )
      }
      const faulted = await applyFaults(c, deps.faults, deps.hangs, routeName as FaultRoute)
      if (faulted) return faulted
      if (!bucketFor(token as string).tryTake()) {
        return apiError(c, 429, 'rate_limit_error', 'Too many requests hit the API too quickly.')
      }
      const ok =
        route.kind === 'list'
          ? listProfiles(c, deps)
          : route.kind === 'profile'
            ? readProfile(c, deps, route.ref, route.endpoint)
            : await ingest(c, deps.store, route.type, now)
      if (ok.status === 200 && deps.faults.malformed(routeName as FaultRoute)) {
        return c.body('{"data": [{"eventId": "tr', 200, { 'content-type': 'application/json' })
      }
      return ok
    })()
    counters.record(routeName, token, response.status, c.req.header('user-agent'))
    return response
  })

  app.notFound((c) => apiError(c, 404, 'not_found', 'No such route.'))
  app.onError((error, c) => {
    // Middleware such as bearerAuth answers by throwing; its response is the answer, not a fault.
    if (error instanceof HTTPException) return error.getResponse()
    return apiError(c, 500, 'internal_server_error', 'Something went wrong internal to Intilery')
  })
  return app
}

export type SandboxApp = ReturnType<typeof createSandboxApp>
