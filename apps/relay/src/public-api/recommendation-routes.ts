/**
 * @module public-api/recommendation-routes
 * `GET /v1/profiles/{idType}:{id}/recommendations/recently-viewed?limit=5`: the products a customer
 * viewed and did not buy afterwards (recently-viewed-read.ts says from which events), for an API
 * key with the `recommendations` scope. An email several customers share answers only their count
 * (`matches`), as `/v1/personalize` does. Products carry only what the events say of them; their
 * page and image URLs are http(s) or left out (core's safe-link.ts).
 */
import { createRoute, z } from '@hono/zod-openapi'
import { decodeProfileRef } from '@intilery-connect/core'

import type { ReadRouteDeps } from '../customers/read-route-deps.ts'
import type { RelayEnv } from '../platform/http/caller.ts'
import {
  customerReadErrors,
  documentedRoutes,
  errorBody,
} from '../platform/openapi/documented-routes.ts'
import { servedStale } from '../ports.ts'
import { auditedPersonalize } from './audited-personalize.ts'
import { EVENTS_READ, MAX_RECOMMENDATIONS, WINDOW_DAYS } from './recently-viewed-read.ts'
import { requireScope } from './require-scope.ts'

export const viewedProductSchema = z
  .object({
    productId: z.string(),
    name: z.string(),
    category: z.string().optional(),
    price: z.number().optional(),
    currency: z.string().optional().describe('ISO 4217'),
    url: z.string().optional().describe('http(s) only'),
    imageUrl: z.string().optional().describe('http(s) only'),
    lastViewedAt: z.string().describe('the latest view, ISO 8601'),
    viewCount: z.number().int().describe('views in the events read'),
  })
  .openapi('ViewedProduct')

export const recentlyViewedBasisSchema = z
  .object({
    since: z.string().describe(`start of the window read (${WINDOW_DAYS} days, from UTC midnight)`),
    eventsRead: z.number().int(),
    truncated: z
      .boolean()
      .describe(`more than ${EVENTS_READ} views and orders in the window; older ones not read`),
  })
  .openapi('RecentlyViewedBasis')

const answerSchema = z
  .object({
    products: z.array(viewedProductSchema).describe('newest view first'),
    matches: z
      .number()
      .int()
      .describe('customers the ref matched; an email shared by several answers no products'),
    basis: recentlyViewedBasisSchema.nullable().describe('null when nothing was computed'),
    stale: z.boolean().describe('served from cache because Intilery cannot be reached'),
    requestId: z.string(),
  })
  .openapi('RecentlyViewedAnswer')

const limitError = { error: `limit must be a whole number from 1 to ${MAX_RECOMMENDATIONS}` }
export const limitSchema = z.coerce
  .number(limitError)
  .int(limitError)
  .min(1, limitError)
  .max(MAX_RECOMMENDATIONS, limitError)

const recentlyViewedRoute = createRoute({
  method: 'get',
  path: '/{ref}/recommendations/recently-viewed',
  summary: `The last products a customer viewed and did not buy afterwards (newest ${EVENTS_READ} views and orders of the last ${WINDOW_DAYS} days). Needs the \`recommendations\` scope.`,
  security: [{ apiKey: [] }],
  request: {
    params: z.object({
      ref: z.string().openapi({ description: 'idType:id, the id percent-encoded' }),
    }),
    query: z.object({ limit: limitSchema.default(5) }),
  },
  responses: {
    200: { description: 'The products', content: { 'application/json': { schema: answerSchema } } },
    403: errorBody('`forbidden`: the key lacks the `recommendations` scope'),
    ...customerReadErrors,
  },
})

export function recommendationRoutes(deps: ReadRouteDeps, now: () => number) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(recentlyViewedRoute, async (c) => {
    const caller = c.get('caller')
    requireScope(caller, 'recommendations')
    // The raw (still encoded) segment: the id must be decoded exactly once, by core.
    const ref = decodeProfileRef(new URL(c.req.url).pathname.split('/')[3] ?? '')
    const requestId = c.get('requestId')
    // Through personalize: an email several customers share must not mix their products.
    const found = await auditedPersonalize(
      deps,
      { caller, requestId, signal: c.get('deadline')() },
      ref,
      { recentlyViewed: { limit: c.req.valid('query').limit } },
      now()
    )
    const stale = found.reads.some(servedStale)
    c.header('x-relay-stale', String(stale))
    return c.json(
      {
        products: [...(found.recentlyViewed?.products ?? [])],
        matches: found.matches,
        basis: found.recentlyViewed?.basis ?? null,
        stale,
        requestId,
      },
      200
    )
  })
  return routes
}
