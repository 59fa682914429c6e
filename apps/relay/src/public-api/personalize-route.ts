/**
 * @module public-api/personalize-route
 * `POST /v1/personalize`: the spec's "collecting all the personalizations you want to make … in a
 * single request". One identity, a list of asks, one answer from at most one read of each upstream
 * endpoint (personalize.ts). Traits and audiences need the key's `profiles` scope and traits its
 * allowlist (others are named in `withheld`, never read out); recommendations need the
 * `recommendations` scope.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { createProfileRef, type ProfileRef } from '@intilery-connect/core'

import type { ReadRouteDeps } from '../customers/read-route-deps.ts'
import type { RelayEnv } from '../platform/http/caller.ts'
import {
  customerReadErrors,
  documentedRoutes,
  errorBody,
} from '../platform/openapi/documented-routes.ts'
import { servedStale } from '../ports.ts'
import { auditedPersonalize } from './audited-personalize.ts'
import {
  limitSchema,
  recentlyViewedBasisSchema,
  viewedProductSchema,
} from './recommendation-routes.ts'
import { requireScope } from './require-scope.ts'

const id = z.string().min(1).max(1024)
const names = (what: string) => z.array(z.string().min(1).max(200)).max(100).describe(what)

const bodySchema = z
  .strictObject({
    identity: z
      .strictObject({ userId: id.optional(), email: id.optional(), anonymousId: id.optional() })
      .refine(
        (identity) => Object.values(identity).filter((v) => v !== undefined).length === 1,
        'identity must name exactly one of userId, email, anonymousId'
      )
      .describe('who: exactly one of userId, email, anonymousId'),
    traits: names('trait names (standard, else computed); the key’s allowlist applies').optional(),
    audiences: names('audience ids to test membership of').optional(),
    recommendations: z
      .strictObject({
        recentlyViewed: z.strictObject({ limit: limitSchema.default(5) }),
      })
      .optional(),
  })
  .refine(
    (body) =>
      (body.traits?.length ?? 0) > 0 ||
      (body.audiences?.length ?? 0) > 0 ||
      body.recommendations !== undefined,
    'ask for at least one of traits, audiences, recommendations'
  )
  .openapi('PersonalizeRequest')

const answerSchema = z
  .object({
    profileId: z
      .string()
      .nullable()
      .describe('null when an email matched several customers, or the key lacks `profiles`'),
    matches: z
      .number()
      .int()
      .describe('customers the identity matched; when over 1, nothing else is answered'),
    traits: z.record(z.string(), z.unknown()).describe('asked-for traits the customer has'),
    withheld: z.array(z.string()).describe('asked-for traits outside the key’s allowlist'),
    audiences: z.record(z.string(), z.boolean()),
    recommendations: z
      .object({
        recentlyViewed: z.object({
          products: z.array(viewedProductSchema),
          basis: recentlyViewedBasisSchema,
        }),
      })
      .optional(),
    stale: z.boolean(),
    requestId: z.string(),
  })
  .openapi('PersonalizeAnswer')

const personalizeRoute = createRoute({
  method: 'post',
  path: '/',
  summary:
    'Every personalization for one customer in one call: traits, audience membership, recently viewed products not bought.',
  security: [{ apiKey: [] }],
  request: { body: { content: { 'application/json': { schema: bodySchema } }, required: true } },
  responses: {
    200: {
      description: 'The decisions',
      content: { 'application/json': { schema: answerSchema } },
    },
    403: errorBody('`forbidden`: the key lacks a scope the request needs'),
    ...customerReadErrors,
  },
})

function refOf(identity: {
  readonly userId?: string | undefined
  readonly email?: string | undefined
  readonly anonymousId?: string | undefined
}): ProfileRef {
  if (identity.userId !== undefined) return createProfileRef('userId', identity.userId)
  if (identity.email !== undefined) return createProfileRef('email', identity.email)
  return createProfileRef('anonymousId', identity.anonymousId ?? '')
}

export function personalizeRoutes(deps: ReadRouteDeps, now: () => number) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(personalizeRoute, async (c) => {
    const body = c.req.valid('json')
    const caller = c.get('caller')
    if ((body.traits?.length ?? 0) > 0 || (body.audiences?.length ?? 0) > 0)
      requireScope(caller, 'profiles')
    if (body.recommendations !== undefined) requireScope(caller, 'recommendations')
    const ref = refOf(body.identity)
    const requestId = c.get('requestId')
    const answer = await auditedPersonalize(
      deps,
      { caller, requestId, signal: c.get('deadline')() },
      ref,
      {
        traits: body.traits,
        audiences: body.audiences,
        recentlyViewed: body.recommendations?.recentlyViewed,
      },
      now()
    )
    const stale = answer.reads.some(servedStale)
    c.header('x-relay-stale', String(stale))
    return c.json(
      {
        // The customer's id is the Profile API's to give: only for keys with `profiles`.
        profileId: caller.scopes?.includes('profiles') === true ? (answer.profileId ?? null) : null,
        matches: answer.matches,
        traits: answer.traits,
        withheld: [...answer.withheld],
        audiences: answer.audiences,
        ...(answer.recentlyViewed === undefined
          ? {}
          : {
              recommendations: {
                recentlyViewed: {
                  products: [...answer.recentlyViewed.products],
                  basis: answer.recentlyViewed.basis,
                },
              },
            }),
        stale,
        requestId,
      },
      200
    )
  })
  return routes
}
