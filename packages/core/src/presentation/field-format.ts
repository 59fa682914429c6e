/**
 * @module presentation/field-format
 * One trait value as the header and the trait rows show it, by FieldFormat. When the admin set no
 * format, one is guessed from the key and the value (guessFieldSpec): ISO timestamps are dates,
 * `*_gbp` keys and `X` + `X_currency` pairs are money, numbers are numbers, product-id lists are
 * product names. Nothing here throws on odd data: a value that does not fit its format is shown as
 * text. Nested objects read as "Label: value" with humanised keys, never as JSON with raw keys.
 */
import { formatMoney, instantOf, truncate } from '../i18n/format-value.ts'
import { dateTimeFormat, listFormat, numberFormat } from '../i18n/intl-cache.ts'
import type { Translator } from '../i18n/locale.ts'
import { currencyCode, num } from '../timeline/read-event.ts'
import { canonicalKey, humanizeKey } from './humanize-key.ts'
import type { FieldFormat } from './presentation-settings.ts'

export interface FieldSpec {
  readonly format: FieldFormat
  /** For money: the ISO 4217 code. */
  readonly currency?: string | undefined
}

export interface FieldValueOptions {
  readonly tr: Translator
  readonly maxLength: number
  /** Product id -> name, from the events loaded so far (see productNames). */
  readonly productNames?: ReadonlyMap<string, string> | undefined
}

type Traits = Readonly<Record<string, unknown>>

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:$|[T ]\d)/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const MONEY_WORDS = /(?:^|_)(?:spend|spent|value|revenue|amount|price|total|ltv|aov)(?:_|$)/
const PERCENT_WORDS = /(?:^|_)(?:percent|percentage|pct|rate|ratio)$/
const PRODUCT_WORDS = /(?:^|_)(?:products?|viewed|purchased|bought|skus?)(?:_|$)/
const CHURN_VALUES: ReadonlySet<string> = new Set(['low', 'medium', 'high'])
const MAX_ITEMS = 50
const MAX_DEPTH = 2

function own(traits: Traits, key: string): unknown {
  return Object.hasOwn(traits, key) ? traits[key] : undefined
}

/** `X_currency` / `XCurrency` of `key`, when the traits hold a code there. */
function partnerCurrency(key: string, traits: Traits): string | undefined {
  return currencyCode(own(traits, `${key}_currency`)) ?? currencyCode(own(traits, `${key}Currency`))
}

/** Keys that hold the currency of another trait (`total_spend_currency`): shown with it, not alone. */
export function currencyPartnerKeys(traits: Traits): Set<string> {
  const partners = new Set<string>()
  for (const key of Object.keys(traits)) {
    const match = /^(.+?)(?:_currency|Currency)$/.exec(key)
    if (match?.[1] !== undefined && Object.hasOwn(traits, match[1])) partners.add(key)
  }
  return partners
}

/** The only currency the traits name (a `*_currency` trait), for money-like keys without one. */
function soleCurrency(traits: Traits): string | undefined {
  let found: string | undefined
  for (const key of Object.keys(traits)) {
    if (!/(?:_currency|Currency)$/.test(key)) continue
    const code = currencyCode(traits[key])
    if (code === undefined) continue
    if (found !== undefined && found !== code) return undefined
    found = code
  }
  return found
}

function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 40 &&
    ISO_LIKE.test(value) &&
    instantOf(value) !== undefined
  )
}

/** The format (and currency) a value gets when the admin did not choose one. */
export function guessFieldSpec(key: string, value: unknown, traits: Traits): FieldSpec {
  const { canonical, currency: keyCurrency } = canonicalKey(key)
  if (Array.isArray(value)) {
    const ids = value.every((item) => typeof item === 'string' || typeof item === 'number')
    return { format: ids && PRODUCT_WORDS.test(canonical) ? 'product-ids' : 'list' }
  }
  if (isIsoDate(value)) return { format: 'date' }
  const amount = num(value)
  if (amount !== undefined && typeof value === 'number') {
    const currency =
      keyCurrency ??
      partnerCurrency(key, traits) ??
      (MONEY_WORDS.test(canonical) ? soleCurrency(traits) : undefined)
    if (currency !== undefined) return { format: 'money', currency }
    if (PERCENT_WORDS.test(canonical)) return { format: 'percent' }
    return { format: 'number' }
  }
  return { format: 'text' }
}

/** The currency of a configured money field: fixed, from a trait, or guessed as above. */
export function moneyCurrency(
  key: string,
  field: { readonly currency?: string | undefined; readonly currencyTrait?: string | undefined },
  traits: Traits
): string | undefined {
  if (field.currency !== undefined) return field.currency
  if (field.currencyTrait !== undefined) return currencyCode(own(traits, field.currencyTrait))
  const guessed = guessFieldSpec(key, own(traits, key), traits)
  return guessed.currency ?? soleCurrency(traits)
}

function dateText(value: unknown, options: FieldValueOptions): string | undefined {
  const { tr } = options
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds or milliseconds: seconds until the year 5138.
    const ms = Math.abs(value) < 1e11 ? value * 1000 : value
    return dateTimeFormat(tr.intlLocale, tr.timeZone, 'date').format(ms)
  }
  if (typeof value !== 'string') return undefined
  const ms = instantOf(value.trim())
  if (ms === undefined) return undefined
  // A date without a time is a calendar day: shown as that day, never shifted by a zone.
  const zone = DATE_ONLY.test(value.trim()) ? 'UTC' : tr.timeZone
  return dateTimeFormat(tr.intlLocale, zone, 'date').format(ms)
}

function percentText(amount: number, tr: Translator): string {
  // Fractions (0.25) and percentages (25) are both common; |x| <= 1 reads as a fraction.
  const fraction = Math.abs(amount) <= 1 ? amount : amount / 100
  return `${numberFormat(tr.intlLocale).format(Math.round(fraction * 1000) / 10)}%`
}

function moneyText(amount: number, currency: string | undefined, tr: Translator): string {
  return currency === undefined
    ? numberFormat(tr.intlLocale).format(amount)
    : formatMoney(amount, currency, tr.context)
}

/** A value of any shape as one line; objects as "Label: value; …" with humanised keys. */
export function plainText(
  value: unknown,
  options: FieldValueOptions,
  depth = 0
): string | undefined {
  const { tr } = options
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'boolean') return tr.value(value)
  if (Array.isArray(value))
    return listText(value, (item) => plainText(item, options, depth + 1), tr)
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return '…'
    const parts: string[] = []
    for (const [key, item] of Object.entries(value as Traits).slice(0, MAX_ITEMS)) {
      const text = plainText(item, options, depth + 1)
      if (text !== undefined) parts.push(`${humanizeKey(key, tr)}: ${text}`)
    }
    return parts.length === 0 ? undefined : parts.join('; ')
  }
  return undefined
}

function listText(
  items: readonly unknown[],
  each: (item: unknown) => string | undefined,
  tr: Translator
): string | undefined {
  // A list longer than a card can show is cut before formatting.
  const texts = items
    .slice(0, MAX_ITEMS)
    .map(each)
    .filter((text): text is string => text !== undefined)
  if (texts.length === 0) return undefined
  if (items.length > MAX_ITEMS)
    texts.push(tr.t('common.moreCount', { count: items.length - MAX_ITEMS }))
  return listFormat(tr.intlLocale).format(texts)
}

function textOf(key: string, value: unknown, options: FieldValueOptions): string | undefined {
  // Churn risk is one of three words Intilery computes: they are translated, not data.
  if (
    canonicalKey(key).canonical === 'churn_risk' &&
    typeof value === 'string' &&
    CHURN_VALUES.has(value.toLowerCase())
  )
    return options.tr.t(`profile.churn.${value.toLowerCase()}`)
  return plainText(value, options)
}

function unformatted(key: string, spec: FieldSpec, value: unknown, options: FieldValueOptions) {
  const { tr, productNames } = options
  const amount = num(value)
  switch (spec.format) {
    case 'money':
      return amount === undefined ? undefined : moneyText(amount, spec.currency, tr)
    case 'number':
      return amount === undefined ? undefined : numberFormat(tr.intlLocale).format(amount)
    case 'percent':
      return amount === undefined ? undefined : percentText(amount, tr)
    case 'date':
      return dateText(value, options)
    case 'product-ids': {
      const ids = Array.isArray(value) ? value : [value]
      return listText(
        ids,
        (id) => {
          const text = typeof id === 'number' ? String(id) : plainText(id, options)
          return text === undefined ? undefined : (productNames?.get(text) ?? text)
        },
        tr
      )
    }
    case 'list':
      return Array.isArray(value)
        ? listText(value, (item) => plainText(item, options, 1), tr)
        : textOf(key, value, options)
    case 'text':
      return textOf(key, value, options)
  }
}

/**
 * The text of `value` in `spec`'s format, truncated; undefined when there is nothing to show. A
 * value that does not fit the format (text in a money field) is shown as text rather than lost.
 */
export function formatFieldValue(
  key: string,
  value: unknown,
  spec: FieldSpec,
  options: FieldValueOptions
): string | undefined {
  const text = unformatted(key, spec, value, options) ?? textOf(key, value, options)
  return text === undefined ? undefined : truncate(text, options.maxLength)
}
