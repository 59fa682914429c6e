/**
 * @module customers/timeline-page
 * One newest-first page of a customer's events through the upstream guard, with the relay's own
 * cursor for the next page (see timeline-cursor.ts). Used by the context, the channels' events
 * route and the server-to-server events endpoint alike.
 */
import { parseIsoInstant, type ProfileEvent, type ProfileRef } from '@intilery-connect/core'

import type { EventsPageValue, Guarded, ReadOptions, UpstreamReads } from '../ports.ts'
import {
  afterCursor,
  cursorQuery,
  encodeCursor,
  nextCursor,
  readCursor,
  type CursorFilter,
} from './timeline-cursor.ts'

export interface TimelinePage {
  readonly events: readonly ProfileEvent[]
  readonly cursor: string | undefined
  readonly read: Guarded<EventsPageValue>
}

export async function timelinePage(
  upstream: UpstreamReads,
  ref: ProfileRef,
  position: { readonly cursor?: string | undefined; readonly filter?: CursorFilter | undefined },
  limit: number,
  opts: ReadOptions = {}
): Promise<TimelinePage> {
  const cursor = position.cursor === undefined ? undefined : readCursor(position.cursor)
  const filter: CursorFilter = cursor ?? position.filter ?? {}
  const read = await upstream.firstEventsPage(
    ref,
    cursor === undefined ? { ...filter, limit } : cursorQuery(cursor, limit),
    opts
  )
  const page = read.value
  const events = cursor === undefined ? page.data : afterCursor(page.data, cursor)
  let next = nextCursor(page.data, page.hasMore, filter)
  if (cursor !== undefined && events.length === 0 && page.hasMore) {
    // A full page of events at one millisecond, all shown before: step past that millisecond
    // rather than ask for the same page again.
    const endMs = parseIsoInstant(cursor.end) ?? 0
    next = encodeCursor({ ...cursor, end: new Date(endMs - 1).toISOString(), skip: [] })
  }
  return { events, cursor: next, read }
}
