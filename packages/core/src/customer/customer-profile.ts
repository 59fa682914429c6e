/**
 * @module customer/customer-profile
 * The normalised customer picture every surface shows (sidebar, panel, notes, the relay's API).
 * Produced by normalizeProfile from the Profile API's traits, meta and audiences answers. The relay
 * sends it to browsers, so it has a schema: browsers validate what they receive.
 */
import { z } from 'zod/mini'

import { eventSummarySchema } from '../schemas/profile.ts'

/** A trait's value as received: scalars stay scalars, anything else is kept as data. */
export const traitValueSchema = z.unknown()

export const audienceSchema = z.object({
  /** The id as Intilery stores it, e.g. `audience_2_days`. */
  id: z.string(),
  /** A readable name derived from the id, e.g. `2 days`; data, not a message. */
  name: z.string(),
})
export type Audience = z.infer<typeof audienceSchema>

export const channelConsentSchema = z.object({ channel: z.string(), subscribed: z.boolean() })
export type ChannelConsent = z.infer<typeof channelConsentSchema>

export const displayNameSchema = z.object({
  /** What to call the customer. */
  text: z.string(),
  /** Where it came from, so the UI can say "(from email)" when there is no real name. */
  source: z.enum(['name', 'email', 'userId', 'externalId', 'id']),
})
export type DisplayName = z.infer<typeof displayNameSchema>

export const customerProfileSchema = z.object({
  /** The Intilery id. */
  id: z.string(),
  userId: z.optional(z.string()),
  externalId: z.optional(z.string()),
  anonymousIds: z.array(z.string()),
  emails: z.array(z.string()),
  phone: z.optional(z.string()),
  name: displayNameSchema,
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  /** Standard and custom traits other than the identities and names above. */
  traits: z.record(z.string(), traitValueSchema),
  computed: z.record(z.string(), traitValueSchema),
  audiences: z.object({ dynamic: z.array(audienceSchema), static: z.array(audienceSchema) }),
  consent: z.array(channelConsentSchema),
  /** Earliest known activity (first event), ISO 8601. */
  firstSeen: z.optional(z.string()),
  /** Latest known activity, ISO 8601. */
  lastActive: z.optional(z.string()),
  /** First and last event per event key, as the meta endpoint reports them. */
  firstEvent: z.record(z.string(), eventSummarySchema),
  lastEvent: z.record(z.string(), eventSummarySchema),
})
export type CustomerProfile = z.infer<typeof customerProfileSchema>
