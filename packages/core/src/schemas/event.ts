/**
 * @module schemas/event
 * One stored event as the events endpoint returns it. The spec's sample JSON is malformed in places;
 * these are its fields. `rawData` is the tracked message (action, event, properties, context...).
 */
import { z } from 'zod'

const record = z.record(z.string(), z.unknown())
const optionalText = z.string().nullish()

export const rawEventSchema = z.looseObject({
  action: z.string().optional(),
  event: z.string().optional(),
  name: z.string().optional(),
  userId: optionalText,
  anonymousId: optionalText,
  properties: record.optional(),
  context: record.optional(),
  traits: record.optional(),
  timestamp: z.string().optional(),
  sendType: z.string().optional(),
})
export type RawEvent = z.infer<typeof rawEventSchema>

export const profileEventSchema = z.looseObject({
  eventId: z.string(),
  eventTime: z.string(),
  receivedTime: z.string().optional(),
  eventAction: z.string(),
  id: optionalText,
  userId: optionalText,
  customerId: optionalText,
  externalId: optionalText,
  email: optionalText,
  clientId: z.string().optional(),
  accountId: z.string().optional(),
  brandId: z.string().optional(),
  source: z.string().optional(),
  rawData: rawEventSchema,
})
export type ProfileEvent = z.infer<typeof profileEventSchema>

export const eventsResponseSchema = z.looseObject({
  scrollId: z.string(),
  data: z.array(profileEventSchema),
})
