/**
 * @module public-api/visitor/visitor-routes
 * `GET /v1/visitor/context` for a site's signed-in visitor, called from their own browser with
 * the token the site's server signed (visitor-token.ts): the traits the site may show, the names
 * of the site's audiences the visitor is in, and (if the site has them) recently viewed products
 * not bought. Whose data comes from the token only: query parameters name nobody.
 *
 * CORS allows exactly the site's origins, never `*` and never credentials. A preflight carries no
 * token, so it is answered for an origin some site lists; the request itself is then refused
 * unless its origin is one of the token's site's. Answers are `Cache-Control: private` and vary
 * by origin and token. Each visitor has a rate limit (visitor-rate-limit.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { createProfileRef, isIntileryError } from '@intilery-connect/core'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'

import type { ReadRouteDeps } from '../../customers/read-route-deps.ts'
import type { Hs256Check } from '../../platform/auth/hs256.ts'
import { RelayError, UnauthenticatedError } from '../../platform/errors.ts'
import { bearerToken } from '../../platform/http/bearer-token.ts'
import type { RelayEnv } from '../../platform/http/caller.ts'
import { errorResponse } from '../../platform/http/error-response.ts'
import {
  customerReadErrors,
  documentedRoutes,
  errorBody,
} from '../../platform/openapi/documented-routes.ts'
import { servedStale, type TenantDirectory } from '../../ports.ts'
import type { SharedBudgetBackend } from '../../upstream/shared-budget.ts'
import { auditedPersonalize } from '../audited-personalize.ts'
import { limitSchema, viewedProductSchema } from '../recommendation-routes.ts'
import { visitorRateLimiter, type VisitorLimit } from './visitor-rate-limit.ts'
import { verifyVisitorToken, type Visitor, type VisitorSites } from './visitor-token.ts'

export interface VisitorRouteDeps extends ReadRouteDeps {
  readonly sites: VisitorSites
  readonly tenants: TenantDirectory
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
  readonly limit: VisitorLimit
  /** With Redis: every instance counts a visitor's calls in one bucket there. */
  readonly sharedLimits?: SharedBudgetBackend | undefined
}

type VisitorEnv = RelayEnv & { Variables: { visitor: Visitor } }

const PREFLIGHT_MAX_AGE_SECONDS = 600
const PRIVATE_CACHE = 'private, max-age=30'

const answerSchema = z
  .object({
    found: z.boolean().describe('false when Intilery does not know this visitor yet'),
    traits: z.record(z.string(), z.unknown()).describe('the site’s traits the visitor has'),
    audiences: z.array(z.string()).describe('names of the site’s audiences the visitor is in'),
    recommendations: z
      .array(viewedProductSchema)
      .optional()
      .describe('recently viewed, not bought (sites with recommendations only)'),
    stale: z.boolean(),
    requestId: z.string(),
  })
  .openapi('VisitorContext')

const contextRoute = createRoute({
  method: 'get',
  path: '/context',
  summary:
    'A signed-in visitor’s own context, from their browser: `Authorization: Bearer <visitor token signed by the site’s server>`.',
  security: [{ visitorToken: [] }],
  request: { query: z.object({ limit: limitSchema.default(5) }) },
  responses: {
    200: {
      description: 'The visitor’s context',
      content: { 'application/json': { schema: answerSchema } },
    },
    403: errorBody('`forbidden`: the request’s origin is not one of the site’s'),
    ...customerReadErrors,
  },
})

const EXPOSED = 'x-request-id, retry-after'

function allowOrigin(c: Context, origin: string): void {
  c.header('access-control-allow-origin', origin)
  c.header('access-control-expose-headers', EXPOSED)
}

/**
 * Preflights, and CORS headers on errors: the site's script may read why it was refused (an
 * expired token, a rate limit) when some site lists its origin; any other origin learns nothing.
 */
function visitorCors(sites: VisitorSites) {
  return createMiddleware<VisitorEnv>(async (c, next) => {
    const origin = c.req.header('origin')
    c.header('vary', 'Origin, Authorization')
    if (c.req.method === 'OPTIONS') {
      if (origin === undefined || !(await sites.allowsOrigin(origin)))
        return errorResponse(c, new RelayError('forbidden', 'This origin is not allowed.'))
      allowOrigin(c, origin)
      c.header('access-control-allow-methods', 'GET')
      c.header('access-control-allow-headers', 'authorization')
      c.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
      return c.body(null, 204)
    }
    await next()
    if (
      c.res.status >= 400 &&
      origin !== undefined &&
      !c.res.headers.has('access-control-allow-origin') &&
      (await sites.allowsOrigin(origin))
    ) {
      c.res.headers.set('access-control-allow-origin', origin)
      c.res.headers.set('access-control-expose-headers', EXPOSED)
    }
    return undefined
  })
}

function visitorAuth(deps: VisitorRouteDeps) {
  const limiter = visitorRateLimiter(deps.limit, deps.now, deps.sharedLimits)
  return createMiddleware<VisitorEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (token === undefined) throw new UnauthenticatedError('missing_token')
    const visitor = await verifyVisitorToken(
      token,
      deps.sites,
      Math.floor(deps.now() / 1000),
      deps.hs256
    )
    const origin = c.req.header('origin')
    // A browser always sends Origin on a cross-origin call; a server holding a token has no page
    // to protect, so without Origin there is nothing for CORS to decide.
    if (origin !== undefined && !visitor.site.origins.includes(origin))
      throw new RelayError('forbidden', 'This origin may not read this site’s visitors.')
    const tenant = await deps.tenants.get(visitor.site.tenantId)
    if (tenant === undefined) throw new UnauthenticatedError('tenant_gone')
    await limiter.take(`${visitor.site.id}\u0000${visitor.userId}`)
    if (origin !== undefined) allowOrigin(c, origin)
    c.set('visitor', visitor)
    c.set('caller', {
      tenant,
      channel: 'site',
      // The site, not the visitor: ids never reach the audit trail in clear (the ref's HMAC does).
      callerId: `site:${visitor.site.id}`,
      traitAllowlist: visitor.site.traits,
    })
    await next()
  })
}

export function visitorRoutes(deps: VisitorRouteDeps) {
  const routes = documentedRoutes<VisitorEnv>()
  routes.use('*', visitorCors(deps.sites))
  routes.use('/context', visitorAuth(deps))
  routes.openapi(contextRoute, async (c) => {
    const { site, userId } = c.get('visitor')
    const caller = c.get('caller')
    const ref = createProfileRef('userId', userId)
    const requestId = c.get('requestId')
    let answer
    try {
      answer = await auditedPersonalize(
        deps,
        { caller, requestId, signal: c.get('deadline')() },
        ref,
        {
          traits: site.traits,
          audiences: Object.keys(site.audiences),
          recentlyViewed: site.recommendations ? { limit: c.req.valid('query').limit } : undefined,
        },
        deps.now()
      )
    } catch (error) {
      // A visitor Intilery has not met yet is an ordinary visitor, not a failure.
      if (!(isIntileryError(error) && error.code === 'not_found')) throw error
      c.header('cache-control', PRIVATE_CACHE)
      return c.json({ found: false, traits: {}, audiences: [], stale: false, requestId }, 200)
    }
    const stale = answer.reads.some(servedStale)
    const audiences = Object.entries(answer.audiences)
      .filter(([, member]) => member)
      .map(([id]) => site.audiences[id] ?? id)
    // Only answers may be kept: an error (429, 503) must not outlive its Retry-After.
    c.header('cache-control', PRIVATE_CACHE)
    return c.json(
      {
        found: true,
        traits: answer.traits,
        audiences,
        ...(answer.recentlyViewed === undefined
          ? {}
          : { recommendations: [...answer.recentlyViewed.products] }),
        stale,
        requestId,
      },
      200
    )
  })
  return routes
}
