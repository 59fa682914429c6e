/**
 * @module schemas/profile
 * Response shapes of the traits, meta and audiences endpoints. Objects are loose: fields Intilery
 * adds later are kept on the parsed value, never dropped, and only the fields the product relies on
 * are typed.
 */
import { z } from 'zod/mini'

import { jsonObjectSchema } from './json-object.ts'

export const channelPreferenceSchema = z.looseObject({
  channel: z.string(),
  subscribed: z.boolean(),
})

export const marketingPreferencesSchema = z.looseObject({
  channels: z.array(channelPreferenceSchema),
})

const optionalText = z.nullish(z.string())

/**
 * Standard and computed traits of one profile (`GET …/traits`). Only Intilery's own fields are typed;
 * names, phone and the rest are whatever a brand tracked (a phone may arrive as a number), so they
 * stay `unknown` here and normalizeProfile reads them defensively: one odd trait must not make the
 * whole profile unreadable.
 */
export const traitsSchema = z.looseObject({
  id: z.string(),
  userId: optionalText,
  externalId: optionalText,
  anonymousId: optionalText,
  email: optionalText,
  computed: z.optional(jsonObjectSchema),
  marketingPreferences: z.optional(marketingPreferencesSchema),
})
export type Traits = z.infer<typeof traitsSchema>

/** The first or last event of one action, as kept in a profile's metadata. */
export const eventSummarySchema = z.looseObject({
  eventId: z.string(),
  eventTime: z.string(),
  receivedTime: z.optional(z.string()),
  action: z.optional(z.string()),
  event: z.optional(z.string()),
  properties: z.optional(jsonObjectSchema),
})
export type EventSummary = z.infer<typeof eventSummarySchema>

const audienceIds = z.array(z.string())

/** Profile metadata (`GET …/meta`, alias `…/metadata`). */
export const metaSchema = z.extend(traitsSchema, {
  createdBy: z.optional(jsonObjectSchema),
  firstEvent: z.optional(z.record(z.string(), eventSummarySchema)),
  lastEvent: z.optional(z.record(z.string(), eventSummarySchema)),
  audiences: z.optional(audienceIds),
  audiencesStatic: z.optional(audienceIds),
  lastActivityTime: z.optional(z.string()),
})
export type Meta = z.infer<typeof metaSchema>

/** Dynamic (`audiences`) and static (`audiencesStatic`) audience memberships (`GET …/audiences`). */
export const audiencesSchema = z.extend(traitsSchema, {
  audiences: z.optional(audienceIds),
  audiencesStatic: z.optional(audienceIds),
})
export type Audiences = z.infer<typeof audiencesSchema>

/** The `{ "data": [...] }` form an email lookup answers with. */
export function profileListSchema<T extends z.ZodMiniType>(item: T) {
  return z.looseObject({ data: z.array(item) })
}

/** One row of `GET …/v1/profiles?from=&size=` (profiles by recent activity). */
export const profileSummarySchema = z.extend(traitsSchema, {
  lastActivityTime: z.optional(z.string()),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

export const profilePageSchema = z.looseObject({
  data: z.array(profileSummarySchema),
  from: z.optional(z.int()),
  size: z.optional(z.int()),
  total: z.optional(z.int()),
})
export type ProfilePage = z.infer<typeof profilePageSchema>
