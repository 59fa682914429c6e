/**
 * @module events-query
 * The events endpoint's query: `include`, `exclude`, `start`, `end`, `sort`, `limit`. One wire
 * schema serves both sides of the contract: the client validates what it is about to send with it,
 * and the sandbox validates what it received, so the two cannot disagree about what is valid.
 */
import { z } from 'zod/mini'

import { InvalidRequestError } from './errors.ts'
import { toEventKey } from './event-key.ts'
import { parseIsoInstant } from './iso-instant.ts'

export const MAX_EVENTS_LIMIT = 100
const MAX_KEYS = 50

/** What a caller passes to `client.events(ref, query)`. */
export interface EventsQuery {
  /** Event keys (`email_opened`) or names (`Email Opened`) to keep. */
  readonly include?: readonly string[] | undefined
  /** Event keys or names to leave out. */
  readonly exclude?: readonly string[] | undefined
  /** Events at or after this instant (ISO 8601 text or a Date). */
  readonly start?: Date | string | undefined
  /** Events before this instant (ISO 8601 text or a Date). */
  readonly end?: Date | string | undefined
  /** By event time; default `desc` (newest first). */
  readonly sort?: 'asc' | 'desc' | undefined
  /** 1..100, default 100. */
  readonly limit?: number | undefined
}

const instant = (name: string) =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const ms = parseIsoInstant(text)
      if (ms === undefined) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `${name} must be an ISO 8601 date, got "${text.slice(0, 40)}"`,
        })
        return z.NEVER
      }
      return ms
    })
  )

const keyList = (name: string) =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const keys = text
        .split(',')
        .map(toEventKey)
        .filter((key) => key !== '')
      if (keys.length === 0 || keys.length > MAX_KEYS) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: `${name} must list 1 to ${MAX_KEYS} event keys`,
        })
        return z.NEVER
      }
      return keys
    })
  )

const limitMessage = `limit must be an integer between 1 and ${MAX_EVENTS_LIMIT}`

/** The query as it travels: every value a string. Unknown parameters are ignored, as upstream does. */
export const eventsWireQuerySchema = z
  .object({
    include: z.optional(keyList('include')),
    exclude: z.optional(keyList('exclude')),
    start: z.optional(instant('start')),
    end: z.optional(instant('end')),
    sort: z.optional(z.enum(['asc', 'desc'], { error: 'sort must be asc or desc' })),
    limit: z.optional(
      z.pipe(
        z.pipe(z.string().check(z.regex(/^\d{1,3}$/, limitMessage)), z.transform(Number)),
        z.number().check(z.minimum(1, limitMessage), z.maximum(MAX_EVENTS_LIMIT, limitMessage))
      )
    ),
  })
  .check(
    z.refine((q) => q.start === undefined || q.end === undefined || q.start <= q.end, {
      message: 'start must not be after end',
    })
  )

/** A validated query: keys normalised, instants as epoch milliseconds. */
export type ParsedEventsQuery = z.infer<typeof eventsWireQuerySchema>

/** The first problem of a failed parse, as one sentence. */
export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  return issue?.message ?? 'invalid query'
}

/**
 * Validates wire parameters (what the sandbox receives, or what the client is about to send).
 * @throws InvalidRequestError naming the first bad parameter.
 */
export function parseEventsWireQuery(params: Readonly<Record<string, string>>): ParsedEventsQuery {
  const result = eventsWireQuerySchema.safeParse(params)
  if (!result.success) throw new InvalidRequestError(describeIssue(result.error))
  return result.data
}

function toInstantText(name: string, value: Date | string): string {
  if (typeof value === 'string') return value
  if (Number.isNaN(value.getTime())) throw new InvalidRequestError(`${name} is an invalid Date`)
  return value.toISOString()
}

function toKeyListText(name: string, keys: readonly string[]): string {
  for (const key of keys) {
    if (typeof key !== 'string' || key.includes(',') || toEventKey(key) === '') {
      throw new InvalidRequestError(`${name} entries must be event names without commas`)
    }
  }
  return keys.join(',')
}

/**
 * Serialises and validates a caller's query before anything is sent.
 * @throws InvalidRequestError for any value the endpoint would reject.
 */
export function toEventsWireQuery(query: EventsQuery = {}): Record<string, string> {
  const wire: Record<string, string> = {}
  if (query.include !== undefined) wire.include = toKeyListText('include', query.include)
  if (query.exclude !== undefined) wire.exclude = toKeyListText('exclude', query.exclude)
  if (query.start !== undefined) wire.start = toInstantText('start', query.start)
  if (query.end !== undefined) wire.end = toInstantText('end', query.end)
  if (query.sort !== undefined) wire.sort = query.sort
  if (query.limit !== undefined) wire.limit = String(query.limit)
  parseEventsWireQuery(wire)
  return wire
}

export { parseIsoInstant }
