/**
 * @module timeline/timeline-entry
 * One row of the customer timeline. Title and details are messages (ids + values) localised at
 * render time; `raw` keeps the source event. A burst (7 page views in 3 minutes) is one entry whose
 * `burst.items` are the collapsed entries, newest first. A campaign fold (one email's sent,
 * delivered, opened and clicked events) has the same shape with `burst.fold` = 'campaign': its
 * detail rows list the steps with their times (campaign-fold.ts). Support and sales entries (the
 * events the relay writes back from Zendesk and Pipedrive) may carry a link back to their source.
 */
import { z } from 'zod/mini'

import { detailRowSchema, messageSchema } from '../i18n/message.ts'
import { profileEventSchema } from '../schemas/event.ts'

export const TIMELINE_KINDS = [
  'email',
  'page',
  'screen',
  'identify',
  'commerce',
  'form',
  'support',
  'sales',
  'session',
  'custom',
] as const
export const timelineKindSchema = z.enum(TIMELINE_KINDS)
export type TimelineKind = z.infer<typeof timelineKindSchema>

/**
 * A link back to where the event happened (the Zendesk ticket, the Pipedrive deal or person).
 * `href` is https, or http on this machine (the local stand-ins): safe-link.ts. The formatter
 * checks it again rather than this schema (entries reach the browser over the wire): a refine
 * here would bring zod's refinement code, 0.2 KB gzip, into the sidebar's up-front script.
 */
const entryLinkSchema = z.object({ href: z.string(), label: messageSchema })
export type EntryLink = z.infer<typeof entryLinkSchema>

const baseEntry = z.object({
  /** The eventId, or `burst:<newest eventId>` for a collapsed run. */
  id: z.string(),
  /** When it happened, ISO 8601 (for a burst: its latest event). */
  at: z.string(),
  kind: timelineKindSchema,
  /** The event key (`email_opened`). */
  action: z.string(),
  title: messageSchema,
  detail: z.array(detailRowSchema),
  source: z.optional(z.string()),
  link: z.optional(entryLinkSchema),
  raw: profileEventSchema,
})

export interface TimelineEntry extends z.infer<typeof baseEntry> {
  burst?:
    | { count: number; from: string; items: TimelineEntry[]; fold?: 'campaign' | undefined }
    | undefined
}

export const timelineEntrySchema: z.ZodMiniType<TimelineEntry> = z.extend(baseEntry, {
  burst: z.optional(
    z.object({
      // A whole number: multipleOf(1), as z.int() would bring zod's number formats (0.4 KB gzip)
      // into the sidebar for this one check.
      count: z.number().check(z.minimum(2), z.multipleOf(1)),
      /** The earliest event time in the burst. */
      from: z.string(),
      get items() {
        return z.array(timelineEntrySchema)
      },
      /** Absent for a run of alike events; 'campaign' for one email's steps. */
      fold: z.optional(z.literal('campaign')),
    })
  ),
})
