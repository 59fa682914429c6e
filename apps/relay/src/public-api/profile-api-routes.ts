/**
 * @module public-api/profile-api-routes
 * `GET /v1/profiles/{idType}:{id}/{traits|meta|audiences|events}` for server-to-server callers,
 * the spec's "personalization service". Answers mirror the Profile API's, filtered by the API
 * key's trait allowlist: identities always pass, standard and computed traits only when listed.
 * Events carry raw traits (identify calls), so only a key allowed every trait may read them.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { decodeProfileRef, type ProfileRef } from '@intilery-connect/core'

import { timelinePage } from '../customers/timeline-page.ts'
import { RelayError } from '../platform/errors.ts'
import type { RelayEnv } from '../platform/http/caller.ts'
import {
  customerReadErrors,
  documentedRoutes,
  errorBody,
} from '../platform/openapi/documented-routes.ts'
import { servedStale, type Guarded } from '../ports.ts'
import type { ReadRouteDeps } from '../customers/read-route-deps.ts'
import { requireScope } from './require-scope.ts'

const IDENTITY_KEYS = new Set(['id', 'userId', 'externalId', 'anonymousId', 'email'])
const ENDPOINTS = ['traits', 'meta', 'metadata', 'audiences', 'events'] as const

/** Keeps identities and allowed traits of one profile body; `computed` is filtered the same way. */
export function filterTraits(body: unknown, allow: readonly string[] | '*'): unknown {
  if (allow === '*' || body === null || typeof body !== 'object') return body
  const allowed = new Set(allow)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key === 'computed' && value !== null && typeof value === 'object') {
      out.computed = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([k]) => allowed.has(k))
      )
    } else if (IDENTITY_KEYS.has(key) || allowed.has(key)) {
      out[key] = value
    }
  }
  return out
}

function filterLookup(lookup: unknown, allow: readonly string[] | '*'): unknown {
  const l = lookup as { kind?: string; profile?: unknown; profiles?: unknown[] }
  if (l.kind === 'list' && Array.isArray(l.profiles))
    return { data: l.profiles.map((p) => filterTraits(p, allow)) }
  return filterTraits(l.profile, allow)
}

const profileRead = createRoute({
  method: 'get',
  path: '/{ref}/{endpoint}',
  summary:
    'The Profile API for server-side callers, filtered by the key’s trait allowlist. Events page with `?scrollId=` set to the previous answer’s scrollId (a relay cursor; empty on the last page).',
  security: [{ apiKey: [] }],
  request: {
    params: z.object({
      ref: z.string().openapi({ description: 'idType:id, the id percent-encoded' }),
      // Checked in the handler, not here: an unknown endpoint is a 404 (no such resource).
      endpoint: z.string().openapi({ enum: [...ENDPOINTS] }),
    }),
    query: z.object({
      scrollId: z
        .string()
        .optional()
        .describe('events only: the previous page’s scrollId (a relay cursor)'),
    }),
  },
  responses: {
    200: { description: 'As the Profile API answers' },
    403: errorBody('`forbidden`: the key may not read this'),
    ...customerReadErrors,
  },
})

export function profileApiRoutes(deps: ReadRouteDeps) {
  const routes = documentedRoutes<RelayEnv>()
  routes.openapi(profileRead, async (c) => {
    const caller = c.get('caller')
    requireScope(caller, 'profiles')
    const endpoint = c.req.valid('param').endpoint as (typeof ENDPOINTS)[number]
    if (!ENDPOINTS.includes(endpoint)) throw new RelayError('not_found', 'No such endpoint')
    // The raw (still encoded) segment: the id must be decoded exactly once, by core.
    const rawRef = new URL(c.req.url).pathname.split('/')[3] ?? ''
    const ref: ProfileRef = decodeProfileRef(rawRef)
    if (endpoint === 'events' && caller.traitAllowlist !== '*') {
      throw new RelayError('forbidden', 'This API key may not read events (they carry raw traits).')
    }
    const upstream = deps.upstreamFor(caller.tenant)
    const signal = c.get('deadline')()
    const read = await deps.auditor.audited(caller, ref, c.get('requestId'), async () => {
      let guarded: Guarded<unknown>
      if (endpoint === 'events') {
        // The relay's own cursor travels as `scrollId`, so pages are never shared upstream state.
        const page = await timelinePage(
          upstream,
          ref,
          { cursor: c.req.valid('query').scrollId },
          100,
          {
            signal,
          }
        )
        guarded = { ...page.read, value: { scrollId: page.cursor ?? '', data: page.events } }
      } else if (endpoint === 'traits') guarded = await upstream.traits(ref, { signal })
      else if (endpoint === 'audiences') guarded = await upstream.audiences(ref, { signal })
      else guarded = await upstream.meta(ref, { signal })
      return { result: guarded, upstreamRequestId: guarded.requestId }
    })
    const body =
      endpoint === 'events' ? read.value : filterLookup(read.value, caller.traitAllowlist)
    c.header('x-relay-stale', String(servedStale(read)))
    // The Profile API's own shapes, mirrored: documented as such, not re-validated here.
    return c.json(body as object)
  })
  return routes
}
