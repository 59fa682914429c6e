/**
 * @module hosts/pipedrive/webhooks/webhook-payload
 * A Pipedrive webhooks v2 body, checked at the trust boundary
 * (https://pipedrive.readme.io/docs/guide-for-webhooks-v2): `meta` (what happened, to which
 * record, in which company, which attempt), `data` (the record now; null on delete) and
 * `previous` (the changed fields' old values only; null on create). Ids may come as text or as
 * numbers (Pipedrive's examples show both), so both are taken and kept as text. Only the fields
 * the sales events use are read; everything else is left alone, but bounded.
 */
import { z } from 'zod'

const numericId = z
  .union([
    z.string().regex(/^\d{1,20}$/),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform(String)
const recordId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)

export const webhookMetaSchema = z
  .object({
    action: z.string().max(40),
    entity: z.string().max(40),
    entity_id: numericId,
    /** The event's id: the same on every retry of one event. */
    id: z
      .union([z.string().regex(/^[\w-]{1,100}$/), z.number().int().nonnegative()])
      .transform(String),
    company_id: numericId,
    correlation_id: z.string().max(100).nullish(),
    /** ISO 8601, or epoch seconds in older examples; no number past the year 9999 in ms. */
    timestamp: z.union([
      z.iso.datetime({ offset: true }),
      z.number().int().positive().max(253_402_300_799_999),
    ]),
    version: z.literal('2.0'),
    attempt: z.number().int().min(1).max(100).optional(),
    host: z.string().max(253).nullish(),
  })
  .loose()

export const dealDataSchema = z
  .object({
    id: recordId,
    title: z.string().max(255).nullish(),
    value: z.number().finite().nullish(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullish(),
    status: z.string().max(20).nullish(),
    stage_id: recordId.nullish(),
    pipeline_id: recordId.nullish(),
    person_id: recordId.nullish(),
    lost_reason: z.string().max(500).nullish(),
  })
  .loose()
export type DealData = z.infer<typeof dealDataSchema>

export const personDataSchema = z
  .object({
    id: recordId,
    emails: z
      .array(z.object({ value: z.string().max(320), primary: z.boolean().nullish() }).loose())
      .max(50)
      .nullish(),
  })
  .loose()

export const webhookBodySchema = z.object({
  meta: webhookMetaSchema,
  data: z.record(z.string(), z.unknown()).nullable(),
  previous: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type WebhookBody = z.infer<typeof webhookBodySchema>

/** When it happened, ISO 8601. */
export function eventTime(meta: WebhookBody['meta']): string {
  // Epoch seconds until the year 5138; larger numbers are milliseconds.
  const ms =
    typeof meta.timestamp !== 'number'
      ? Date.parse(meta.timestamp)
      : meta.timestamp < 1e11
        ? meta.timestamp * 1000
        : meta.timestamp
  return new Date(ms).toISOString()
}
