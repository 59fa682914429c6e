/**
 * @module schemas/profile
 * Response shapes of the traits, meta and audiences endpoints. Objects are loose: fields Intilery
 * adds later are kept on the parsed value, never dropped, and only the fields the product relies on
 * are typed.
 */
import { z } from 'zod'

export const channelPreferenceSchema = z.looseObject({
  channel: z.string(),
  subscribed: z.boolean(),
})

export const marketingPreferencesSchema = z.looseObject({
  channels: z.array(channelPreferenceSchema),
})

const optionalText = z.string().nullish()

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
  computed: z.record(z.string(), z.unknown()).optional(),
  marketingPreferences: marketingPreferencesSchema.optional(),
})
export type Traits = z.infer<typeof traitsSchema>

/** The first or last event of one action, as kept in a profile's metadata. */
export const eventSummarySchema = z.looseObject({
  eventId: z.string(),
  eventTime: z.string(),
  receivedTime: z.string().optional(),
  action: z.string().optional(),
  event: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
})
export type EventSummary = z.infer<typeof eventSummarySchema>

const audienceIds = z.array(z.string())

/** Profile metadata (`GET …/meta`, alias `…/metadata`). */
export const metaSchema = traitsSchema.extend({
  createdBy: z.record(z.string(), z.unknown()).optional(),
  firstEvent: z.record(z.string(), eventSummarySchema).optional(),
  lastEvent: z.record(z.string(), eventSummarySchema).optional(),
  audiences: audienceIds.optional(),
  audiencesStatic: audienceIds.optional(),
  lastActivityTime: z.string().optional(),
})
export type Meta = z.infer<typeof metaSchema>

/** Dynamic (`audiences`) and static (`audiencesStatic`) audience memberships (`GET …/audiences`). */
export const audiencesSchema = traitsSchema.extend({
  audiences: audienceIds.optional(),
  audiencesStatic: audienceIds.optional(),
})
export type Audiences = z.infer<typeof audiencesSchema>

/** The `{ "data": [...] }` form an email lookup answers with. */
export function profileListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item) })
}

/** One row of `GET …/v1/profiles?from=&size=` (profiles by recent activity). */
export const profileSummarySchema = traitsSchema.extend({
  lastActivityTime: z.string().optional(),
})
export type ProfileSummary = z.infer<typeof profileSummarySchema>

export const profilePageSchema = z.looseObject({
  data: z.array(profileSummarySchema),
  from: z.number().int().optional(),
  size: z.number().int().optional(),
  total: z.number().int().optional(),
})
export type ProfilePage = z.infer<typeof profilePageSchema>
