/**
 * @module customers/customer-read-routes
 * The customer reads every host app's panel makes, once its caller is authenticated (by the host's
 * own middleware, which sets `caller`): the customer context for an identity, further timeline
 * pages, and computed traits. Each route's query schema validates the request and documents it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import {
  customerContextSchema,
  formatProfileRef,
  eventsAnswerSchema,
  parseProfileRef,
  panelEntries,
  toTimeline,
  traitsAnswerSchema,
  type EventsAnswer,
  type TraitsAnswer,
} from '@intilery-connect/core'

import type { RelayEnv } from '../platform/http/caller.ts'
import {
  customerReadErrors,
  documentedRoutes,
  jsonContent,
} from '../platform/openapi/documented-routes.ts'
import { servedStale } from '../ports.ts'
import { choiceRoutes, rememberedFor } from './choice-routes.ts'
import type { ChoiceScope } from './choice-scope.ts'
import { withChoice } from './choice-json.ts'
import { contextJsonBytes } from './context-json.ts'
import { customerContext } from './customer-context.ts'
import { withDisplay } from './display-json.ts'
import type { ReadRouteDeps } from './read-route-deps.ts'
import { lookupOf, lookupQuery } from './lookup-query.ts'
import { timelinePage } from './timeline-page.ts'

const list = z.string().transform((text) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
)
export const EVENTS_PAGE_SIZE = 50

const ref = z.string().min(3).describe('idType:id, as the context answer gives it')

const eventsQuery = z.object({
  ref,
  include: list.optional().describe('Event keys or names, comma separated'),
  exclude: list.optional().describe('Event keys or names, comma separated'),
  start: z.string().optional().describe('ISO 8601, inclusive'),
  end: z
    .string()
    .optional()
    .describe('ISO 8601, exclusive (`end` after `start`; a date-time without offset is UTC)'),
  cursor: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe('The relay’s cursor from the previous page (opaque; never expires)'),
})

// Answers are typed with core's contract types (EventsAnswer…) and returned `as never`: their
// documented schemas are core's zod/mini ones as JSON Schema, which the route typing cannot read.

/** @param security the host's security scheme for these routes, as its OpenAPI part names it */
function readRoutes(security: string) {
  return {
    context: createRoute({
      method: 'get',
      path: '/context',
      summary: 'The customer context for an identity (one of email, userId, id, anonymousId)',
      security: [{ [security]: [] }],
      request: { query: lookupQuery },
      responses: {
        200: {
          description:
            'Profiles and the first timeline page; for host apps `display` (the tenant’s presentation settings and Intilery record link) and, among several matches, `choice` (the customer the agent chose for this requester here)',
          content: jsonContent(customerContextSchema),
        },
        ...customerReadErrors,
      },
    }),
    events: createRoute({
      method: 'get',
      path: '/events',
      summary:
        'A timeline page: the first for a filter (include, exclude, start, end), or the next after `cursor` (which carries the filter)',
      security: [{ [security]: [] }],
      request: { query: eventsQuery },
      responses: {
        200: { description: 'A page of events', content: jsonContent(eventsAnswerSchema) },
        ...customerReadErrors,
      },
    }),
    traits: createRoute({
      method: 'get',
      path: '/traits',
      summary: 'Standard and computed traits',
      security: [{ [security]: [] }],
      request: { query: z.object({ ref }) },
      responses: {
        200: { description: 'Traits', content: jsonContent(traitsAnswerSchema) },
        ...customerReadErrors,
      },
    }),
  }
}

/**
 * Context, events and traits routes; every host mounts them behind its own caller check. With a
 * choice store and the host's `choiceScope`, also `PUT`/`DELETE /choice`, and the context answers
 * the remembered choice.
 */
export function customerReadRoutes(
  deps: ReadRouteDeps,
  security: string,
  choiceScope?: ChoiceScope
) {
  const routes = documentedRoutes<RelayEnv>()
  const declared = readRoutes(security)
  const choices = choiceScope === undefined ? undefined : deps.choices

  routes.openapi(declared.context, async (c) => {
    const q = c.req.valid('query')
    const lookup = lookupOf(q)
    const caller = c.get('caller')
    const upstream = deps.upstreamFor(caller.tenant)
    const signal = c.get('deadline')()
    const context = await deps.auditor.audited(caller, lookup, c.get('requestId'), async () => {
      const { context, upstreamRequestId } = await customerContext(upstream, lookup, {}, { signal })
      return { result: context, upstreamRequestId }
    })
    // Written as bytes: the context is the largest answer and its JSON is cached (context-json.ts);
    // host apps get their tenant's display spliced in after it (display-json.ts).
    const body = contextJsonBytes(context)
    const display = await deps.displayFor?.(caller.tenant)
    const shown = display === undefined ? body : withDisplay(body, display)
    // Only several matches leave a choice to remember: one or none costs no store read.
    const chosen =
      choices === undefined || choiceScope === undefined || context.match !== 'many'
        ? undefined
        : await rememberedFor(
            choices,
            caller,
            choiceScope,
            q.scope,
            formatProfileRef(lookup),
            context.profiles.map((profile) => profile.id)
          )
    return c.body(chosen === undefined ? shown : withChoice(shown, chosen), 200, {
      'content-type': 'application/json',
    }) as never
  })

  routes.openapi(declared.events, async (c) => {
    const q = c.req.valid('query')
    const profile = parseProfileRef(q.ref)
    const caller = c.get('caller')
    const upstream = deps.upstreamFor(caller.tenant)
    const signal = c.get('deadline')()
    const filter = { include: q.include, exclude: q.exclude, start: q.start, end: q.end }
    const page = await deps.auditor.audited(caller, profile, c.get('requestId'), async () => {
      const result = await timelinePage(
        upstream,
        profile,
        { cursor: q.cursor, filter },
        EVENTS_PAGE_SIZE,
        { signal }
      )
      return { result, upstreamRequestId: result.read.requestId }
    })
    const answer: EventsAnswer = {
      entries: panelEntries(toTimeline(page.events)),
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      fetchedAt: new Date(page.read.fetchedAt).toISOString(),
      stale: servedStale(page.read),
    }
    return c.json(answer, 200) as never
  })

  routes.openapi(declared.traits, async (c) => {
    const q = c.req.valid('query')
    const profile = parseProfileRef(q.ref)
    const caller = c.get('caller')
    const signal = c.get('deadline')()
    const read = await deps.auditor.audited(caller, profile, c.get('requestId'), async () => {
      const traits = await deps.upstreamFor(caller.tenant).traits(profile, { signal })
      return { result: traits, upstreamRequestId: traits.requestId }
    })
    const answer: Omit<TraitsAnswer, 'traits'> & { traits: unknown } = {
      traits: read.value,
      fetchedAt: new Date(read.fetchedAt).toISOString(),
      stale: servedStale(read),
    }
    return c.json(answer, 200) as never
  })

  if (choices !== undefined && choiceScope !== undefined)
    routes.route('/', choiceRoutes(choices, security, choiceScope))
  return routes
}
