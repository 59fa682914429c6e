/**
 * @module customers/timeline-cursor
 * "Load more" without sharing upstream scroll state. Intilery's scrollId is a server-side cursor
 * that advances on every use and expires; a cached first page would hand the same one to every
 * agent who opens the customer, and they would step it under each other. So the relay's cursor is
 * its own: the time window of the next page. `end` is just after the oldest event shown (`end` is
 * exclusive) and `skip` the events already shown at exactly that millisecond. Every "next page" is
 * then an ordinary first-page query, cacheable and shareable, that never expires.
 *
 * A filter's own `end` (exclusive) needs no field of its own: the first page asks for it, and every
 * later page's `end` is earlier still (just after an event the filtered page showed), so the
 * cursor's `end` carries it. `start`, `include` and `exclude` travel in the cursor as given.
 *
 * The cursor is opaque to callers (base64url JSON) and validated when it comes back. It carries no
 * customer id: the ref travels separately and is authorised like any other read.
 */
import { parseIsoInstant, type EventsQuery, type ProfileEvent } from '@intilery-connect/core'
import { z } from 'zod'

import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../platform/crypto/encoding.ts'
import { RelayError } from '../platform/errors.ts'

const cursorSchema = z.object({
  v: z.literal(1),
  end: z.string(),
  skip: z.array(z.string().max(200)).max(100),
  include: z.array(z.string()).max(50).optional(),
  exclude: z.array(z.string()).max(50).optional(),
  start: z.string().optional(),
})
export type TimelineCursor = z.infer<typeof cursorSchema>

export type CursorFilter = Pick<EventsQuery, 'include' | 'exclude' | 'start' | 'end'>

function startText(start: EventsQuery['start']): string | undefined {
  return start instanceof Date ? start.toISOString() : start
}

/** The filter's end in epoch ms, when it is readable (the upstream query already validated it). */
function endMs(end: EventsQuery['end']): number | undefined {
  if (end === undefined) return undefined
  return end instanceof Date ? end.getTime() : parseIsoInstant(end)
}

/** The cursor after a newest-first page, or undefined when the page was the last one. */
export function nextCursor(
  page: readonly ProfileEvent[],
  hasMore: boolean,
  filter: CursorFilter
): string | undefined {
  const oldest = page.at(-1)
  const oldestMs = oldest === undefined ? undefined : parseIsoInstant(oldest.eventTime)
  if (!hasMore || oldestMs === undefined) return undefined
  const skip = page.filter((e) => parseIsoInstant(e.eventTime) === oldestMs).map((e) => e.eventId)
  // Never past the filter's own end, should an upstream answer stray beyond it.
  const filterEnd = endMs(filter.end)
  const end = filterEnd === undefined ? oldestMs + 1 : Math.min(oldestMs + 1, filterEnd)
  const cursor: TimelineCursor = {
    v: 1,
    end: new Date(end).toISOString(),
    skip,
    ...(filter.include === undefined ? {} : { include: [...filter.include] }),
    ...(filter.exclude === undefined ? {} : { exclude: [...filter.exclude] }),
    ...(startText(filter.start) === undefined ? {} : { start: startText(filter.start) }),
  }
  return encodeCursor(cursor)
}

export function encodeCursor(cursor: TimelineCursor): string {
  return toBase64Url(utf8.encode(JSON.stringify(cursor)))
}

/** @throws RelayError bad_request for anything that is not a cursor this relay issued. */
export function readCursor(text: string): TimelineCursor {
  try {
    return cursorSchema.parse(JSON.parse(fromUtf8.decode(fromBase64Url(text))))
  } catch (cause) {
    throw new RelayError('bad_request', 'The cursor is not valid', { cause })
  }
}

/** The query that fetches the page a cursor points at. */
export function cursorQuery(cursor: TimelineCursor, limit: number): EventsQuery {
  return {
    include: cursor.include,
    exclude: cursor.exclude,
    start: cursor.start,
    end: cursor.end,
    limit,
  }
}

/** Drops the events the previous page already showed (those at its last millisecond). */
export function afterCursor(page: readonly ProfileEvent[], cursor: TimelineCursor): ProfileEvent[] {
  const shown = new Set(cursor.skip)
  return page.filter((event) => !shown.has(event.eventId))
}
