/**
 * @module hosts/pipedrive/json-panel/panel-facts
 * The commercial facts the JSON panel leads with: the header facts of the tenant's presentation
 * (or the defaults: lifetime value, orders, churn risk, last order), as "Label: value" text, and
 * the first money fact as a number with its currency, which Pipedrive's `currency` field takes and
 * an account roll-up sums.
 *
 * Minimal and local on purpose: core's formatHeader (presentation/) was not yet committed when
 * this was written; once it is, factsOf becomes core's headerFacts, and only this file changes.
 */
import {
  type CustomerProfile,
  type HeaderField,
  type Presentation,
  type Translator,
} from '@intilery-connect/core'

import type { PanelMoney } from './panel-objects.ts'

export interface PanelFact {
  readonly key: string
  readonly label: string
  readonly value: string
}

/** The defaults, each the first of its candidate keys the customer has. */
const DEFAULT_FACTS: readonly (readonly string[])[] = [
  ['lifetime_value', 'lifetime_value_gbp', 'total_spend'],
  ['orders_count'],
  ['churn_risk'],
  ['last_order_date'],
]
const CURRENCY_SUFFIX = /_(gbp|eur|usd)$/i
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/

type Traits = Readonly<Record<string, unknown>>

const traitsOf = (profile: Pick<CustomerProfile, 'traits' | 'computed'>): Traits => ({
  ...profile.traits,
  ...profile.computed,
})

/** The defaults' money candidates count only with a currency: a bare 0 says nothing. */
const MONEY_DEFAULTS: ReadonlySet<string> = new Set(DEFAULT_FACTS[0])

function fieldsOf(traits: Traits, presentation: Presentation | undefined): HeaderField[] {
  if (presentation?.header !== undefined) return presentation.header
  return DEFAULT_FACTS.flatMap((keys) => {
    const key = keys.find(
      (candidate) =>
        Object.hasOwn(traits, candidate) &&
        (!MONEY_DEFAULTS.has(candidate) || moneyFor({ trait: candidate }, traits) !== undefined)
    )
    return key === undefined ? [] : [{ trait: key }]
  })
}

/** `lifetime_value_gbp` -> "Lifetime value": words from a key, until core's humanizeKey is here. */
function words(key: string): string {
  const text = key
    .replace(CURRENCY_SUFFIX, '')
    .replace(/_count$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_+/g, ' ')
    .trim()
    .toLowerCase()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function currencyOf(field: HeaderField, traits: Traits): string | undefined {
  if (field.currency !== undefined) return field.currency
  const named = field.currencyTrait ?? `${field.trait}_currency`
  const partner = traits[named]
  if (typeof partner === 'string' && /^[A-Za-z]{3}$/.test(partner)) return partner.toUpperCase()
  return CURRENCY_SUFFIX.exec(field.trait)?.[1]?.toUpperCase()
}

function moneyFor(field: HeaderField, traits: Traits): PanelMoney | undefined {
  const amount = traits[field.trait]
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined
  if (field.format !== undefined && field.format !== 'money') return undefined
  const code = currencyOf(field, traits)
  return code === undefined ? undefined : { code, value: amount }
}

function labelOf(field: HeaderField, tr: Translator): string {
  const label = field.label
  if (label === undefined) return words(field.trait)
  if (typeof label === 'string') return label
  return label[tr.locale] ?? label[tr.locale.split('-')[0] ?? ''] ?? label.en ?? words(field.trait)
}

function valueText(field: HeaderField, traits: Traits, tr: Translator): string | undefined {
  const value = traits[field.trait]
  const cash = moneyFor(field, traits)
  if (cash !== undefined)
    return tr.value({ type: 'money', amount: cash.value, currency: cash.code })
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))
    return tr.value({ type: 'date', at: value })
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'boolean') return tr.value(value)
  return undefined
}

/** The header's facts for one profile, labelled and formatted in the translator's locale. */
export function factsOf(
  profile: Pick<CustomerProfile, 'traits' | 'computed'>,
  presentation: Presentation | undefined,
  tr: Translator
): PanelFact[] {
  const traits = traitsOf(profile)
  return fieldsOf(traits, presentation).flatMap((field) => {
    if (!Object.hasOwn(traits, field.trait)) return []
    const value = valueText(field, traits, tr)
    return value === undefined ? [] : [{ key: field.trait, label: labelOf(field, tr), value }]
  })
}

/** The first money fact of the header (by default the lifetime value), as Pipedrive's currency. */
export function moneyFact(
  profile: Pick<CustomerProfile, 'traits' | 'computed'>,
  presentation: Presentation | undefined
): PanelMoney | undefined {
  const traits = traitsOf(profile)
  for (const field of fieldsOf(traits, presentation)) {
    const cash = moneyFor(field, traits)
    if (cash !== undefined) return cash
  }
  return undefined
}
