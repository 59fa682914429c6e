/**
 * @module customers/customer-read-routes
 * The customer reads every host app's panel makes, once its caller is authenticated (by the host's
 * own middleware, which sets `caller`): the customer context for an identity, further timeline
 * pages, and computed traits.
 */
import { createProfileRef, parseProfileRef, toTimeline } from '@intilery-connect/core'
import { Hono } from 'hono'
import { z } from 'zod'

import { contextJsonBytes } from './context-json.ts'
import { customerContext } from './customer-context.ts'
import { timelinePage } from './timeline-page.ts'
import { RelayError } from '../platform/errors.ts'
import type { RelayEnv } from '../platform/http/caller.ts'
import { servedStale } from '../ports.ts'
import type { ReadRouteDeps } from './read-route-deps.ts'

const lookupQuery = z
  .object({
    email: z.string().min(1).optional(),
    userId: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
  })
  .refine(
    (q) => [q.email, q.userId, q.id].filter((v) => v !== undefined).length === 1,
    'give exactly one of email, userId or id'
  )

const list = z.string().transform((text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
)
export const EVENTS_PAGE_SIZE = 50

const eventsQuery = z.object({
  ref: z.string().min(3),
  include: list.optional(),
  exclude: list.optional(),
  start: z.string().optional(),
  cursor: z.string().min(1).max(4096).optional(),
})

function parseOrBadRequest<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (!parsed.success)
    throw new RelayError('bad_request', parsed.error.issues[0]?.message ?? 'invalid query')
  return parsed.data
}

/** Context, events and traits routes; every host mounts them behind its own caller check. */
export function customerReadRoutes(deps: ReadRouteDeps) {
  const routes = new Hono<RelayEnv>()

  routes.get('/context', async (c) => {
    const q = parseOrBadRequest(lookupQuery, c.req.query())
    const ref =
      q.email !== undefined
        ? createProfileRef('email', q.email)
        : q.userId !== undefined
          ? createProfileRef('userId', q.userId)
          : createProfileRef('id', q.id ?? '')
    const caller = c.get('caller')
    const upstream = deps.upstreamFor(caller.tenant)
    const signal = c.get('deadline')()
    const context = await deps.auditor.audited(caller, ref, c.get('requestId'), async () => {
      const { context, upstreamRequestId } = await customerContext(upstream, ref, {}, { signal })
      return { result: context, upstreamRequestId }
    })
    return c.body(contextJsonBytes(context), 200, { 'content-type': 'application/json' })
  })

  routes.get('/events', async (c) => {
    const q = parseOrBadRequest(eventsQuery, c.req.query())
    const ref = parseProfileRef(q.ref)
    const caller = c.get('caller')
    const upstream = deps.upstreamFor(caller.tenant)
    const signal = c.get('deadline')()
    const filter = { include: q.include, exclude: q.exclude, start: q.start }
    const page = await deps.auditor.audited(caller, ref, c.get('requestId'), async () => {
      const result = await timelinePage(
        upstream,
        ref,
        { cursor: q.cursor, filter },
        EVENTS_PAGE_SIZE,
        { signal }
      )
      return { result, upstreamRequestId: result.read.requestId }
    })
    return c.json({
      entries: toTimeline(page.events),
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      fetchedAt: new Date(page.read.fetchedAt).toISOString(),
      stale: servedStale(page.read),
    })
  })

  routes.get('/traits', async (c) => {
    const q = parseOrBadRequest(z.object({ ref: z.string().min(3) }), c.req.query())
    const ref = parseProfileRef(q.ref)
    const caller = c.get('caller')
    const signal = c.get('deadline')()
    const read = await deps.auditor.audited(caller, ref, c.get('requestId'), async () => {
      const traits = await deps.upstreamFor(caller.tenant).traits(ref, { signal })
      return { result: traits, upstreamRequestId: traits.requestId }
    })
    return c.json({
      traits: read.value,
      fetchedAt: new Date(read.fetchedAt).toISOString(),
      stale: servedStale(read),
    })
  })

  return routes
}
