/**
 * @module schemas/event
 * One stored event as the events endpoint returns it. The spec's sample JSON is malformed in places;
 * these are its fields. `rawData` is the tracked message (action, event, properties, context...).
 */
import { z } from 'zod/mini'

import { jsonObjectSchema } from './json-object.ts'

const record = jsonObjectSchema
const optionalText = z.nullish(z.string())

export const rawEventSchema = z.looseObject({
  action: z.optional(z.string()),
  event: z.optional(z.string()),
  name: z.optional(z.string()),
  userId: optionalText,
  anonymousId: optionalText,
  properties: z.optional(record),
  context: z.optional(record),
  traits: z.optional(record),
  timestamp: z.optional(z.string()),
  sendType: z.optional(z.string()),
})
export type RawEvent = z.infer<typeof rawEventSchema>

export const profileEventSchema = z.looseObject({
  eventId: z.string(),
  eventTime: z.string(),
  receivedTime: z.optional(z.string()),
  eventAction: z.string(),
  id: optionalText,
  userId: optionalText,
  customerId: optionalText,
  externalId: optionalText,
  email: optionalText,
  clientId: z.optional(z.string()),
  accountId: z.optional(z.string()),
  brandId: z.optional(z.string()),
  source: z.optional(z.string()),
  rawData: rawEventSchema,
})
export type ProfileEvent = z.infer<typeof profileEventSchema>

export const eventsResponseSchema = z.looseObject({
  scrollId: z.string(),
  data: z.array(profileEventSchema),
})
