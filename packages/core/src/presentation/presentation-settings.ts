/**
 * @module presentation/presentation-settings
 * How a tenant's admin wants customers shown: which traits lead the header, in what order, under
 * which label (per locale), in which format, and readable names for audience ids. Set in the
 * relay's tenant config (tenants file, CLI), sent to the apps inside the context answer (`display`),
 * and validated again in the browser like every relay answer. Everything is optional: with nothing
 * set, the formatters' defaults apply (presentation/defaults.ts).
 */
import { z } from 'zod/mini'

/** How a header value is written. */
export const FIELD_FORMATS = [
  'money',
  'date',
  'number',
  'percent',
  'text',
  'list',
  'product-ids',
] as const
export const fieldFormatSchema = z.enum(FIELD_FORMATS)
export type FieldFormat = z.infer<typeof fieldFormatSchema>

/** A label in one language, or per locale (`{ "en": "Lifetime value", "de": "Kundenwert" }`). */
export const localizedTextSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(80)),
  z.record(
    z.string().check(z.minLength(2), z.maxLength(35)),
    z.string().check(z.minLength(1), z.maxLength(80))
  ),
])
export type LocalizedText = z.infer<typeof localizedTextSchema>

/** A trait key as Intilery stores it (standard or computed; computed wins when both exist). */
const traitKeySchema = z.string().check(z.minLength(1), z.maxLength(100))

export const headerFieldSchema = z.object({
  trait: traitKeySchema,
  label: z.optional(localizedTextSchema),
  /** Default: guessed from the key and value (presentation/defaults.ts). */
  format: z.optional(fieldFormatSchema),
  /** For `money`: a fixed ISO 4217 currency... */
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  /** ...or the trait that holds it (e.g. `total_spend_currency`). */
  currencyTrait: z.optional(traitKeySchema),
})
export type HeaderField = z.infer<typeof headerFieldSchema>

export const presentationSchema = z.object({
  /** The facts in the header, in this order (at most 8; a narrow sidebar shows about 4 at a glance). */
  header: z.optional(z.array(headerFieldSchema).check(z.maxLength(8))),
  /** Traits shown open above the timeline; all others sit collapsed below it. */
  pinned: z.optional(z.array(traitKeySchema).check(z.maxLength(20))),
  /** Readable names for audience ids (`audience_124516e8-…` -> "Recent openers"). */
  audienceNames: z.optional(z.record(z.string().check(z.maxLength(200)), localizedTextSchema)),
})
export type Presentation = z.infer<typeof presentationSchema>

/**
 * What the relay adds to a host app's context answer: the tenant's presentation and where a
 * customer's record is in Intilery's own app (`{id}` is replaced by the Intilery id, URL-encoded).
 */
export const panelDisplaySchema = z.object({
  presentation: presentationSchema,
  /** https only; see the README for which part of this URL is inferred. */
  recordUrl: z.optional(
    z.string().check(z.maxLength(500), z.regex(/^https:\/\/[^\s]+\{id\}[^\s]*$/))
  ),
})
export type PanelDisplay = z.infer<typeof panelDisplaySchema>
