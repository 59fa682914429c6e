/**
 * @module presentation/humanize-key
 * Trait keys as an agent reads them. Intilery's well-known computed traits have translated labels
 * in the catalogues (`orders_count` -> "Orders", "Bestellungen"); any other key gets an English
 * humanisation of its words (`number_sms_sent_30_days` -> "SMS sent (30 days)"), since a key names
 * nothing a catalogue could know. Either way no underscore or camelCase hump reaches the screen.
 */
import { KNOWN_TRAITS } from '../format/format-profile.ts'
import { createTranslator, type Translator } from '../i18n/locale.ts'

/** Computed traits with a catalogue label, by canonical key (see canonicalKey). */
export const KNOWN_FIELDS = [
  'number_email_delivered_all_time',
  'number_email_opened_all_time',
  'number_email_clicked_all_time',
  'number_email_opened_30_days',
  'pages_viewed_30_days',
  'orders_count',
  'total_spend',
  'lifetime_value',
  'average_order_value',
  'last_order_date',
  'favorite_category',
  'favorite_blog_category',
  'recently_viewed_not_purchased',
  'days_since_last_seen',
  'churn_risk',
] as const
const KNOWN_FIELD_SET: ReadonlySet<string> = new Set(KNOWN_FIELDS)

/** Standard traits labelled by `profile.trait.*`. */
const KNOWN_TRAIT_SET: ReadonlySet<string> = new Set(KNOWN_TRAITS)

/** Currency codes a key may end with (`lifetime_value_gbp`); the value is money in it. */
const CURRENCY_WORDS: ReadonlySet<string> = new Set(
  'gbp eur usd jpy cad aud nzd chf sek nok dkk pln czk huf inr cny hkd sgd brl mxn zar aed'.split(
    ' '
  )
)
const UNITS: ReadonlySet<string> = new Set(
  'minute minutes hour hours day days week weeks month months year years'.split(' ')
)
const ACRONYMS: ReadonlySet<string> = new Set(
  'id ids url sms api ip utm vip crm ltv aov nps b2b b2c sku gdpr rfm'.split(' ')
)

/** Letters and digits, in words joined by `_`, `-` or `.` (camelCase inside a word is fine). */
const IDENTIFIER = /^[\p{L}\p{N}]+(?:[_.-]+[\p{L}\p{N}]+)*$/u

/** A key's words, lower case: `lastOrderDate`, `last-order_date` and `LAST_ORDER_DATE` agree. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

export interface KeyParts {
  /** Words without the currency suffix, joined by `_`: `lifetime_value_gbp` -> `lifetime_value`. */
  readonly canonical: string
  /** The ISO code the key names (`GBP`), when it ends with one. */
  readonly currency?: string
}

export function canonicalKey(key: string): KeyParts {
  const words = keyWords(key)
  const last = words.at(-1)
  if (words.length > 1 && last !== undefined && CURRENCY_WORDS.has(last)) {
    return { canonical: words.slice(0, -1).join('_'), currency: last.toUpperCase() }
  }
  return { canonical: words.join('_') }
}

const word = (text: string) => (ACRONYMS.has(text) ? text.toUpperCase() : text)
const plural = (text: string) => (/(s|ms)$/.test(text) || ACRONYMS.has(text) ? text : `${text}s`)

/** English words for an unknown key: "number_email_bounced_30_days" -> "Emails bounced (30 days)". */
function englishLabel(words: readonly string[]): string {
  let body = [...words]
  let suffix = ''
  const n = body.length
  if (n > 2 && body[n - 2] === 'all' && body[n - 1] === 'time') {
    suffix = ' (all time)'
    body = body.slice(0, -2)
  } else if (n > 2 && /^\d+$/.test(body[n - 2] ?? '') && UNITS.has(body[n - 1] ?? '')) {
    suffix = ` (${body[n - 2] ?? ''} ${body[n - 1] ?? ''})`
    body = body.slice(0, -2)
  }
  const counted = body.slice(body[1] === 'of' ? 2 : 1)
  if ((body[0] === 'number' || body[0] === 'num') && counted[0] !== undefined) {
    body = [plural(counted[0]), ...counted.slice(1)]
  } else if (body.length > 1 && body.at(-1) === 'count' && /s$/.test(body.at(-2) ?? '')) {
    body = body.slice(0, -1)
  }
  // Never empty: a suffix is only taken from three words or more, `number` only with a word after.
  const text = body.map(word).join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + suffix
}

function translatorOf(locale: unknown): Translator {
  return typeof locale === 'object' && locale !== null && 't' in locale
    ? (locale as Translator)
    : createTranslator(locale ?? 'en')
}

/**
 * A readable label for a trait key: the catalogue's for well-known keys (in `locale`, a tag or a
 * Translator), else English words. Anything that is not an identifier is returned as it is.
 */
export function humanizeKey(key: string, locale?: unknown): string {
  if (KNOWN_TRAIT_SET.has(key)) return translatorOf(locale).t(`profile.trait.${key}`)
  const { canonical } = canonicalKey(key)
  if (KNOWN_FIELD_SET.has(canonical)) return translatorOf(locale).t(`profile.field.${canonical}`)
  // Only identifiers are keys to humanise: `Favourite colour` already reads as words, and a key
  // with markup or punctuation in it is data, shown as it is (never reshaped into something else).
  if (!IDENTIFIER.test(key)) return key
  const words = keyWords(key)
  // The currency suffix is dropped: the value says it (money is shown with its currency).
  const last = words.at(-1)
  const kept =
    words.length > 1 && last !== undefined && CURRENCY_WORDS.has(last) ? words.slice(0, -1) : words
  return englishLabel(kept)
}
