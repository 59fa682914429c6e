/**
 * @module presentation/header-facts
 * The few facts that lead a customer's header, as the tenant's admin chose them (Presentation's
 * `header`) or, when nothing is set, the defaults: lifetime value, orders, churn risk and last
 * order, whichever the customer has. Also the humanised rows of every other trait. Shared by the
 * sidebar's header and the Pipedrive JSON panel, so both lead with the same facts.
 */
import type { CustomerProfile } from '../customer/customer-profile.ts'
import { KNOWN_TRAITS } from '../format/format-profile.ts'
import { truncate } from '../i18n/format-value.ts'
import type { Translator } from '../i18n/locale.ts'
import {
  currencyPartnerKeys,
  formatFieldValue,
  guessFieldSpec,
  moneyCurrency,
  type FieldSpec,
  type FieldValueOptions,
} from './field-format.ts'
import { canonicalKey, humanizeKey, KNOWN_FIELDS } from './humanize-key.ts'
import type { HeaderField, LocalizedText, Presentation } from './presentation-settings.ts'

export interface HeaderFact {
  /** The trait key the fact comes from. */
  readonly key: string
  readonly label: string
  readonly value: string
}

/** A trait shown as a labelled row (pinned, or collapsed below the timeline). */
export interface TraitRow {
  readonly key: string
  readonly label: string
  readonly value: string
}

/** Default header facts, each the first of its candidates (canonical keys) the customer has. */
export const DEFAULT_HEADER_FACTS: readonly (readonly string[])[] = [
  ['lifetime_value', 'total_spend'],
  ['orders_count'],
  ['churn_risk'],
  ['last_order_date'],
]
export const MAX_DEFAULT_FACTS = 4

type Traits = Readonly<Record<string, unknown>>

/** Standard and computed traits in one record; computed wins when both have a key. */
export function allTraits(profile: Pick<CustomerProfile, 'traits' | 'computed'>): Traits {
  return { ...profile.traits, ...profile.computed }
}

/**
 * A label the admin wrote, in the viewer's language: the exact tag, then the catalogue's locale,
 * then the language, then English, then whichever is first.
 */
export function localizedText(text: LocalizedText, tr: Translator): string {
  if (typeof text === 'string') return text
  const byTag = new Map(Object.entries(text).map(([tag, value]) => [tag.toLowerCase(), value]))
  const language = tr.intlLocale.split('-')[0]?.toLowerCase() ?? 'en'
  for (const tag of [tr.intlLocale.toLowerCase(), tr.locale.toLowerCase(), language, 'en']) {
    const found = byTag.get(tag)
    if (found !== undefined) return found
  }
  return Object.values(text)[0] ?? ''
}

function specOf(field: HeaderField, value: unknown, traits: Traits): FieldSpec {
  if (field.format === undefined) {
    const guessed = guessFieldSpec(field.trait, value, traits)
    if (field.currency === undefined && field.currencyTrait === undefined) return guessed
    return { format: 'money', currency: moneyCurrency(field.trait, field, traits) }
  }
  if (field.format !== 'money') return { format: field.format }
  return { format: 'money', currency: moneyCurrency(field.trait, field, traits) }
}

/** The default header fields for these traits (keys as the customer has them). */
export function defaultHeaderFields(traits: Traits): HeaderField[] {
  const byCanonical = new Map<string, string>()
  for (const key of Object.keys(traits)) {
    const { canonical } = canonicalKey(key)
    if (!byCanonical.has(canonical)) byCanonical.set(canonical, key)
  }
  const fields: HeaderField[] = []
  for (const candidates of DEFAULT_HEADER_FACTS) {
    const key = candidates.map((c) => byCanonical.get(c)).find((k) => k !== undefined)
    if (key !== undefined && traits[key] !== undefined && traits[key] !== null)
      fields.push({ trait: key })
    if (fields.length >= MAX_DEFAULT_FACTS) break
  }
  return fields
}

/** The header's facts, in the admin's order (or the defaults'); missing traits are left out. */
export function headerFacts(
  profile: Pick<CustomerProfile, 'traits' | 'computed'>,
  presentation: Presentation | undefined,
  options: FieldValueOptions
): HeaderFact[] {
  const traits = allTraits(profile)
  const fields = presentation?.header ?? defaultHeaderFields(traits)
  const facts: HeaderFact[] = []
  for (const field of fields) {
    if (!Object.hasOwn(traits, field.trait)) continue
    const value = traits[field.trait]
    const text = formatFieldValue(field.trait, value, specOf(field, value, traits), options)
    if (text === undefined) continue
    const label =
      field.label === undefined
        ? truncate(humanizeKey(field.trait, options.tr), options.maxLength)
        : truncate(localizedText(field.label, options.tr), options.maxLength)
    facts.push({ key: field.trait, label, value: text })
  }
  return facts
}

const KNOWN_ORDER: ReadonlyMap<string, number> = new Map(KNOWN_FIELDS.map((key, i) => [key, i]))
const TRAIT_ORDER: readonly string[] = KNOWN_TRAITS

function rank(key: string): number {
  const trait = TRAIT_ORDER.indexOf(key)
  if (trait !== -1) return trait
  const known = KNOWN_ORDER.get(canonicalKey(key).canonical)
  return known === undefined ? Number.MAX_SAFE_INTEGER : TRAIT_ORDER.length + known
}

/**
 * Rows for `keys` of `traits`: labels humanised, values formatted by their guessed format. Known
 * keys come first in their usual order, the rest by key; currency partners are left out (they are
 * shown with their amount), as are empty values.
 */
export function traitRowsFor(
  traits: Traits,
  keys: Iterable<string>,
  context: Traits,
  options: FieldValueOptions
): TraitRow[] {
  const partners = currencyPartnerKeys(context)
  const sorted = [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  const rows: TraitRow[] = []
  for (const key of sorted) {
    if (partners.has(key) || !Object.hasOwn(traits, key)) continue
    const value = traits[key]
    const text = formatFieldValue(key, value, guessFieldSpec(key, value, context), options)
    if (text !== undefined)
      rows.push({
        key,
        label: truncate(humanizeKey(key, options.tr), options.maxLength),
        value: text,
      })
  }
  return rows
}
