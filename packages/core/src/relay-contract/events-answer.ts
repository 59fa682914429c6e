/**
 * @module relay-contract/events-answer
 * The relay's answer to `GET …/events`: the timeline page after a cursor, already turned into
 * TimelineEntry data (message ids and values, localised by whoever renders it).
 */
import { z } from 'zod/mini'

import { timelineEntrySchema } from '../timeline/timeline-entry.ts'

export const eventsAnswerSchema = z.object({
  entries: z.array(timelineEntrySchema),
  /** Opaque cursor for the next page; absent when there is no more. */
  cursor: z.optional(z.string()),
  /** When the events were read from Intilery, ISO 8601. */
  fetchedAt: z.string(),
  /** True when served from cache because Intilery could not be reached. */
  stale: z.boolean(),
})
export type EventsAnswer = z.infer<typeof eventsAnswerSchema>
