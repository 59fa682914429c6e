/**
 * @module profile-api/events-query
 * The sandbox's reading of the events endpoint's query, written from the spec's parameter table and
 * the design's contract row rather than imported from core: the contract tests compare core's
 * reading with this one, which only catches a mistake in either if they are separate code.
 *
 *   - `include`, `exclude`: comma lists of event keys or display names (see event-key.ts). Empty
 *     entries are skipped, as the spec's own example `page,` needs; a list naming no event at all
 *     is refused.
 *   - `start`, `end`: ISO 8601 (see iso-instant.ts); `start` may not be after `end`.
 *   - `sort`: `asc` or `desc`, default `desc`.
 *   - `limit`: an integer 1..100 in decimal digits, default 100.
 *   - `scrollId`: when present the other parameters are ignored, valid or not ("it is not required
 *     to pass in any of the event parameters again"); the cursor itself is checked by the caller.
 * Anything out of range or unparsable is 400 `invalid_request_error`. Unknown parameters are
 * ignored. No cap on how many keys a list names: the spec has none beyond the 1 MB request size.
 */
import { z } from 'zod'

import { eventKeyOf } from './event-key.ts'
import { readIsoInstant } from './iso-instant.ts'
import { RequestError } from './request-error.ts'

/** The spec's "between 1 and 100 inclusive, default is 100", also the most one page carries. */
export const MAX_EVENTS_LIMIT = 100

/** Distinct keys in the order given; entries without a letter or digit name nothing. */
function keysOf(list: string): string[] {
  return [...new Set(list.split(',').map(eventKeyOf))].filter((key) => key !== '')
}

const keyList = (name: string) =>
  z
    .string()
    .transform(keysOf)
    .pipe(z.array(z.string()).min(1, `${name} must name at least one event key or name`))

const instant = (name: string) =>
  z
    .string()
    .transform(readIsoInstant)
    .pipe(z.number({ error: `${name} must be an ISO 8601 date or date-time` }))

const limitMessage = `limit must be an integer between 1 and ${MAX_EVENTS_LIMIT}`

const eventsQuerySchema = z
  .object({
    include: keyList('include').optional(),
    exclude: keyList('exclude').optional(),
    start: instant('start').optional(),
    end: instant('end').optional(),
    sort: z.enum(['asc', 'desc'], { error: 'sort must be asc or desc' }).default('desc'),
    limit: z
      .string()
      .regex(/^\d+$/, limitMessage)
      .transform(Number)
      .pipe(z.number().min(1, limitMessage).max(MAX_EVENTS_LIMIT, limitMessage))
      .default(MAX_EVENTS_LIMIT),
  })
  .refine((q) => q.start === undefined || q.end === undefined || q.start <= q.end, {
    error: 'start must not be after end',
  })

/** A valid events query: keys normalised, instants in epoch milliseconds, defaults applied. */
export type EventsRequest = z.output<typeof eventsQuerySchema>

export type EventsCall =
  | { readonly kind: 'scroll'; readonly scrollId: string }
  | { readonly kind: 'query'; readonly query: EventsRequest }

/**
 * Reads the events endpoint's query parameters.
 * @throws RequestError `invalid_request_error` naming the first bad parameter.
 */
export function readEventsCall(params: Readonly<Record<string, string>>): EventsCall {
  if (params.scrollId !== undefined) return { kind: 'scroll', scrollId: params.scrollId }
  const result = eventsQuerySchema.safeParse(params)
  if (!result.success) {
    throw new RequestError(
      'invalid_request_error',
      result.error.issues[0]?.message ?? 'The events query is invalid.'
    )
  }
  return { kind: 'query', query: result.data }
}
