/**
 * @module hosts/pipedrive/json-panel/panel-facts
 * The commercial facts the JSON panel leads with: core's header facts (presentation/: the tenant's
 * presentation, or the defaults: lifetime value, orders, churn risk, last order) as "Label: value"
 * text, as both apps' headers show them, and the first money fact as a number with its currency,
 * which Pipedrive's `currency` field takes and an account roll-up sums.
 */
import {
  defaultHeaderFields,
  guessFieldSpec,
  headerFacts,
  type CustomerProfile,
  type HeaderFact,
  type HeaderField,
  type Presentation,
  type Translator,
} from '@intilery-connect/core'

import { MAX_TEXT, type PanelMoney } from './panel-objects.ts'

type Traits = Readonly<Record<string, unknown>>
const CURRENCY = /^[A-Za-z]{3}$/

const traitsOf = (profile: Pick<CustomerProfile, 'traits' | 'computed'>): Traits => ({
  ...profile.traits,
  ...profile.computed,
})

/** The header's facts for one profile, labelled and formatted in the translator's locale. */
export function factsOf(
  profile: Pick<CustomerProfile, 'traits' | 'computed'>,
  presentation: Presentation | undefined,
  tr: Translator
): HeaderFact[] {
  return headerFacts(profile, presentation, { tr, maxLength: MAX_TEXT })
}

/** The currency a header field's amount is in, as the header reads it; undefined when not money. */
function currencyOf(field: HeaderField, traits: Traits): string | undefined {
  if (field.format !== undefined && field.format !== 'money') return undefined
  if (field.currency !== undefined) return field.currency
  if (field.currencyTrait !== undefined) {
    const named = traits[field.currencyTrait]
    return typeof named === 'string' && CURRENCY.test(named) ? named.toUpperCase() : undefined
  }
  const spec = guessFieldSpec(field.trait, traits[field.trait], traits)
  return spec.format === 'money' ? spec.currency : undefined
}

/** The first money fact of the header (by default the lifetime value), as Pipedrive's currency. */
export function moneyFact(
  profile: Pick<CustomerProfile, 'traits' | 'computed'>,
  presentation: Presentation | undefined
): PanelMoney | undefined {
  const traits = traitsOf(profile)
  for (const field of presentation?.header ?? defaultHeaderFields(traits)) {
    const amount = traits[field.trait]
    const code = currencyOf(field, traits)
    if (typeof amount === 'number' && Number.isFinite(amount) && code !== undefined)
      return { code, value: amount }
  }
  return undefined
}
