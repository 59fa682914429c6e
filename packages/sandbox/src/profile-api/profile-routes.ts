/**
 * @module profile-api/profile-routes
 * Handlers of the read side: a profile's traits, meta (alias metadata), audiences and events, and
 * the profile listing by recent activity. Auth, limits and faults are applied before these run
 * (src/app.ts); here: ref validation, query validation, lookup, and the response shapes.
 */
import {
  decodeProfileRef,
  InvalidRequestError,
  isIntileryError,
  MAX_EVENTS_LIMIT,
  parseEventsWireQuery,
} from '@intilery-connect/core'
import type { Context } from 'hono'

import { lastActivityMs, type CustomerStore } from '../store/customer-store.ts'
import { apiError } from './api-error.ts'
import { selectEvents } from './event-selection.ts'
import { PROFILE_BODIES, type ProfileEndpoint, summaryBody } from './responses.ts'
import type { ScrollStore } from './scroll-store.ts'

export interface ReadDeps {
  readonly store: CustomerStore
  readonly scrolls: ScrollStore
}

const ENDPOINTS: Record<string, ProfileEndpoint | 'events'> = {
  traits: 'traits',
  meta: 'meta',
  metadata: 'meta',
  audiences: 'audiences',
  events: 'events',
}

export function endpointOf(segment: string): ProfileEndpoint | 'events' | undefined {
  return Object.hasOwn(ENDPOINTS, segment) ? ENDPOINTS[segment] : undefined
}

function queryOf(c: Context): Record<string, string> {
  return c.req.query()
}

/** Maps a core validation error to the spec's 400 body. */
function badRequest(c: Context, error: unknown): Response {
  if (
    isIntileryError(error) &&
    (error.code === 'validation_error' || error.code === 'invalid_request_error')
  ) {
    return apiError(c, 400, error.code, error.message)
  }
  throw error
}

export function readProfile(
  c: Context,
  deps: ReadDeps,
  rawRef: string,
  endpoint: ProfileEndpoint | 'events'
) {
  let ref
  try {
    ref = decodeProfileRef(rawRef)
  } catch (error) {
    return badRequest(c, error)
  }
  const query = queryOf(c)
  if (endpoint === 'events' && query.scrollId !== undefined) {
    const page = deps.scrolls.next(query.scrollId)
    if (page === undefined) {
      return apiError(c, 400, 'invalid_request_error', 'scrollId is invalid or has timed out')
    }
    return c.json(page)
  }
  let parsed
  try {
    parsed = endpoint === 'events' ? parseEventsWireQuery(query) : undefined
  } catch (error) {
    return badRequest(c, error)
  }
  const customers = deps.store.find(ref)
  if (customers.length === 0) return apiError(c, 404, 'not_found', 'Profile was not found.')
  if (endpoint === 'events') {
    const events = selectEvents(customers, parsed ?? {})
    return c.json(deps.scrolls.open(events, parsed?.limit ?? MAX_EVENTS_LIMIT))
  }
  const body = PROFILE_BODIES[endpoint]
  // Email lookups may match several customers, so they always answer the list form.
  return ref.type === 'email'
    ? c.json({ data: customers.map(body) })
    : c.json(body(customers[0] as never))
}

function pageParam(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === undefined) return fallback
  const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min && number <= max)) {
    throw new InvalidRequestError(
      `${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`}`
    )
  }
  return number
}

/** `GET …/v1/profiles?from=&size=`: `from` is a page index, `size` 1..100 (default 10). */
export function listProfiles(c: Context, deps: ReadDeps) {
  const query = queryOf(c)
  let from: number
  let size: number
  try {
    from = pageParam(query.from, 'from', 0, 0, Number.MAX_SAFE_INTEGER)
    size = pageParam(query.size, 'size', 10, 1, 100)
  } catch (error) {
    return badRequest(c, error)
  }
  const ranked = [...deps.store.all()].sort(
    (a, b) =>
      (lastActivityMs(b) ?? -Infinity) - (lastActivityMs(a) ?? -Infinity) || (a.id < b.id ? -1 : 1)
  )
  const data = ranked.slice(from * size, from * size + size).map(summaryBody)
  return c.json({ data, from, size, total: ranked.length })
}
