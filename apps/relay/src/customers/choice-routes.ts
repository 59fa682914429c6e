/**
 * @module customers/choice-routes
 * `PUT /choice` and `DELETE /choice`: the agent's choice among customers sharing the requester's
 * identity, kept by the relay for the host's installation (and record) so that every browser keeps
 * it, including those refusing the app iframe's own storage. Mounted by customerReadRoutes behind
 * the host's caller check, like `/context`, which then answers the choice (`choice: { id }`).
 *
 * The scope comes from the authenticated caller (choice-scope.ts); the request only names the
 * requester, the chosen id and, where the host's panel sits on a record, the record. Nothing here
 * reads Intilery: whether the id is still among the matches is checked when the context answers it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  choiceAnswerSchema,
  createProfileRef,
  formatProfileRef,
  MAX_PROFILE_ID_LENGTH,
  type ChoiceAnswer,
} from '@intilery-connect/core'

import { RelayError, UnauthenticatedError } from '../platform/errors.ts'
import type { Caller, RelayEnv } from '../platform/http/caller.ts'
import { documentedRoutes, errorBody, jsonContent } from '../platform/openapi/documented-routes.ts'
import type { ChoiceKey, ChoiceMemoryStore } from '../ports.ts'
import type { ChoiceScope } from './choice-scope.ts'
import { lookupOf, lookupQuery, scopeParam } from './lookup-query.ts'

const choiceBody = z
  .object({
    lookup: z
      .object({
        type: z.enum(['email', 'userId', 'id', 'anonymousId']),
        value: z.string().min(1).max(MAX_PROFILE_ID_LENGTH),
      })
      .strict()
      .describe('The requester the host opened the panel for, as /context was asked'),
    scope: scopeParam,
    id: z.string().min(1).max(MAX_PROFILE_ID_LENGTH).describe('The chosen customer’s Intilery id'),
  })
  .strict()

const refusals = {
  400: errorBody('`bad_request`: the body or query is malformed, or names no scope'),
  401: errorBody('`unauthenticated`: missing, expired or forged credentials'),
} as const

function declared(security: string) {
  return {
    put: createRoute({
      method: 'put',
      path: '/choice',
      summary:
        'Remembers which customer the agent chose for a requester several customers match, for this installation (and record)',
      security: [{ [security]: [] }],
      request: {
        body: { content: { 'application/json': { schema: choiceBody } }, required: true },
      },
      responses: {
        200: { description: 'The choice now kept', content: jsonContent(choiceAnswerSchema) },
        ...refusals,
      },
    }),
    delete: createRoute({
      method: 'delete',
      path: '/choice',
      summary: 'Forgets the agent’s choice for a requester (one of email, userId, id, anonymousId)',
      security: [{ [security]: [] }],
      request: { query: lookupQuery },
      responses: {
        200: { description: '`{ "choice": null }`', content: jsonContent(choiceAnswerSchema) },
        ...refusals,
      },
    }),
  }
}

/**
 * The store's key for a write: refused when the caller's token names no installation (an older
 * app) or the host needs a record the request did not name.
 */
function writeKey(
  caller: Caller,
  scopeOf: ChoiceScope,
  requested: string | undefined,
  requester: string
): ChoiceKey {
  const scope = scopeOf(caller, requested)
  if (scope === undefined)
    throw new RelayError(
      'bad_request',
      caller.installation === undefined
        ? 'the token names no installation: update the app to remember choices'
        : 'give the record the panel is on as scope'
    )
  return { tenantId: caller.tenant.id, host: caller.channel, scope, requester }
}

export function choiceRoutes(choices: ChoiceMemoryStore, security: string, scopeOf: ChoiceScope) {
  const routes = documentedRoutes<RelayEnv>()
  const route = declared(security)

  routes.openapi(route.put, async (c) => {
    const body = c.req.valid('json')
    const caller = c.get('caller')
    const requester = formatProfileRef(createProfileRef(body.lookup.type, body.lookup.value))
    const key = writeKey(caller, scopeOf, body.scope, requester)
    // The tenant was removed since its caller was authenticated: as if it were never known.
    if (!(await choices.set(key, body.id))) throw new UnauthenticatedError('unknown_installation')
    const answer: ChoiceAnswer = { choice: { id: body.id } }
    return c.json(answer, 200) as never
  })

  routes.openapi(route.delete, async (c) => {
    const q = c.req.valid('query')
    const caller = c.get('caller')
    const key = writeKey(caller, scopeOf, q.scope, formatProfileRef(lookupOf(q)))
    await choices.clear(key)
    const answer: ChoiceAnswer = { choice: null }
    return c.json(answer, 200) as never
  })

  return routes
}

/**
 * The choice remembered for the context's requester, when it is among the context's matches (a
 * customer merged or deleted since is ignored; the next pick replaces it).
 */
export async function rememberedFor(
  choices: ChoiceMemoryStore,
  caller: Caller,
  scopeOf: ChoiceScope,
  requested: string | undefined,
  requester: string,
  matchIds: readonly string[]
): Promise<string | undefined> {
  const scope = scopeOf(caller, requested)
  if (scope === undefined) return undefined
  const id = await choices.get({
    tenantId: caller.tenant.id,
    host: caller.channel,
    scope,
    requester,
  })
  return id !== undefined && matchIds.includes(id) ? id : undefined
}
