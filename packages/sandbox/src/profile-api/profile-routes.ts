/**
 * @module profile-api/profile-routes
 * Handlers of the read side: a profile's traits, meta (alias metadata), audiences and events, and
 * the profile listing by recent activity. Auth, limits and faults are applied before these run
 * (src/app.ts); here: ref validation, query validation, lookup, and the response shapes.
 * Requests are read by the sandbox's own readers (profile-segment.ts, events-query.ts), never by
 * core's, so that the contract tests compare the client with an independent provider.
 */
import type { Context } from 'hono'

import { lastActivityMs, type CustomerStore } from '../store/customer-store.ts'
import { apiError } from './api-error.ts'
import { selectEvents } from './event-selection.ts'
import { type EventsCall, readEventsCall } from './events-query.ts'
import { readProfileSegment, type RequestedProfile } from './profile-segment.ts'
import { RequestError } from './request-error.ts'
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

/** A refused request as the spec's 400 body; anything else is a fault and goes on up. */
function badRequest(c: Context, error: unknown): Response {
  if (error instanceof RequestError) return apiError(c, error.status, error.code, error.message)
  throw error
}

const notFound = (c: Context) => apiError(c, 404, 'not_found', 'Profile was not found.')

export function readProfile(
  c: Context,
  deps: ReadDeps,
  rawRef: string,
  endpoint: ProfileEndpoint | 'events'
) {
  let ref: RequestedProfile
  try {
    ref = readProfileSegment(rawRef)
  } catch (error) {
    return badRequest(c, error)
  }
  if (endpoint === 'events') return readEvents(c, deps, ref)
  const customers = deps.store.find(ref)
  if (customers.length === 0) return notFound(c)
  const body = PROFILE_BODIES[endpoint]
  // Email lookups may match several customers, so they always answer the list form.
  return ref.type === 'email'
    ? c.json({ data: customers.map(body) })
    : c.json(body(customers[0] as never))
}

function readEvents(c: Context, deps: ReadDeps, ref: RequestedProfile) {
  let call: EventsCall
  try {
    call = readEventsCall(queryOf(c))
  } catch (error) {
    return badRequest(c, error)
  }
  if (call.kind === 'scroll') {
    const page = deps.scrolls.next(call.scrollId)
    if (page === undefined) {
      return apiError(c, 400, 'invalid_request_error', 'scrollId is invalid or has timed out')
    }
    return c.json(page)
  }
  const customers = deps.store.find(ref)
  if (customers.length === 0) return notFound(c)
  return c.json(deps.scrolls.open(selectEvents(customers, call.query), call.query.limit))
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
    throw new RequestError(
      'invalid_request_error',
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
