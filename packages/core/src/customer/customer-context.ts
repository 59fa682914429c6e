/**
 * @module customer/customer-context
 * Everything one sidebar or panel open needs, as the relay answers it: who matched, their profiles,
 * the first timeline page and how fresh it all is.
 */
import { z } from 'zod/mini'

import { timelineEntrySchema } from '../timeline/timeline-entry.ts'
import { panelDisplaySchema } from '../presentation/presentation-settings.ts'
import { rememberedChoiceSchema } from '../relay-contract/choice-answer.ts'
import { customerProfileSchema } from './customer-profile.ts'

export const customerContextSchema = z.object({
  /** `many` when an email belongs to several customers: the UI must let the agent pick. */
  match: z.enum(['none', 'one', 'many']),
  profiles: z.array(customerProfileSchema),
  timeline: z.object({
    entries: z.array(timelineEntrySchema),
    /** Opaque cursor for the next page; absent when there is no more. */
    cursor: z.optional(z.string()),
  }),
  /** When the data was read from Intilery, ISO 8601. */
  fetchedAt: z.string(),
  /** True when served from cache because Intilery could not be reached. */
  stale: z.boolean(),
  /** Host apps only: the tenant's presentation settings and Intilery record link. */
  display: z.optional(panelDisplaySchema),
  /**
   * Host apps only, with `match: 'many'`: the customer the agent chose for this requester in this
   * installation (and record), remembered by the relay; always one of `profiles`.
   */
  choice: z.optional(rememberedChoiceSchema),
})
export type CustomerContext = z.infer<typeof customerContextSchema>
