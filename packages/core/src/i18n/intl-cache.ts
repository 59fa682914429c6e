/**
 * @module i18n/intl-cache
 * Shared, cached Intl formatters. Constructing an Intl formatter costs tens of microseconds (it loads
 * locale data); formatting with one costs about one. A timeline of 10,000 entries needs a handful of
 * distinct formatters, so each is built once per (locale, time zone, options) and reused.
 *
 * Bad input never throws from here: an unknown time zone falls back to UTC and an unusable locale
 * tag to `en`, because a formatting problem must not blank the sidebar. An invalid currency code is
 * reported as `undefined` so the caller can show `amount CODE` instead.
 */

/** Date-time shapes the formatters use; named so that cache keys stay short strings. */
export const DATE_PRESETS = {
  /** An event's time in the timeline: "Nov 22, 2026, 7:20 PM". */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** The same with the zone, for notes read later by people in other zones. */
  dateTimeZone: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
  /** A day without its time, for trait values and "customer since": "Nov 22, 2026". */
  date: { dateStyle: 'medium' },
  /** A month, for "customer since": "Oct 2020". */
  monthYear: { year: 'numeric', month: 'short' },
  /** Day headings this year: "Sun, Nov 22". */
  dayThisYear: { weekday: 'short', month: 'short', day: 'numeric' },
  /** Day headings of other years: "Sun, Nov 22, 2025". */
  dayOtherYear: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  /** Machine day key parts (formatToParts): Gregorian, Latin digits whatever the locale. */
  dayKey: {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    calendar: 'gregory',
    numberingSystem: 'latn',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>
export type DatePreset = keyof typeof DATE_PRESETS

/** Bounded: currency codes and zones come from data and must not grow the cache forever. */
const MAX_ENTRIES = 500
const cache = new Map<string, unknown>()

function cached<T>(key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T
  const value = make()
  if (cache.size >= MAX_ENTRIES) cache.clear()
  cache.set(key, value)
  return value
}

/** Runs `make(locale)`, retrying with `en` when the tag is rejected (RangeError). */
function withLocale<T>(locale: string, make: (locale: string) => T): T {
  try {
    return make(locale)
  } catch (error) {
    if (error instanceof RangeError && locale !== 'en') return make('en')
    throw error
  }
}

/**
 * Hot lookups (numbers and plural rules run once per row) are keyed by the locale alone, so no key
 * string is built per call.
 */
const numberFormats = new Map<string, Intl.NumberFormat>()
const cardinalRules = new Map<string, Intl.PluralRules>()
const ordinalRules = new Map<string, Intl.PluralRules>()
const zones = new Map<string, string>()

function memo<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    if (map.size >= MAX_ENTRIES) map.clear()
    map.set(key, value)
  }
  return value
}

/** The zone itself when the runtime knows it, otherwise `UTC`. */
export function validTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined || timeZone === '') return 'UTC'
  return memo(zones, timeZone, () => {
    try {
      return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone
    } catch {
      return 'UTC'
    }
  })
}

export function dateTimeFormat(
  locale: string,
  timeZone: string | undefined,
  preset: DatePreset
): Intl.DateTimeFormat {
  const zone = validTimeZone(timeZone)
  return cached(`dt\u0000${locale}\u0000${zone}\u0000${preset}`, () =>
    withLocale(
      locale,
      (tag) => new Intl.DateTimeFormat(tag, { ...DATE_PRESETS[preset], timeZone: zone })
    )
  )
}

export function numberFormat(locale: string): Intl.NumberFormat {
  return memo(numberFormats, locale, () => withLocale(locale, (tag) => new Intl.NumberFormat(tag)))
}

/** A currency formatter, or `undefined` when the code is not a valid ISO 4217 form. */
export function currencyFormat(locale: string, currency: string): Intl.NumberFormat | undefined {
  return cached(`cf\u0000${locale}\u0000${currency}`, () => {
    try {
      return withLocale(
        locale,
        (tag) => new Intl.NumberFormat(tag, { style: 'currency', currency })
      )
    } catch {
      return undefined
    }
  })
}

export function pluralRules(locale: string, ordinal: boolean): Intl.PluralRules {
  const type = ordinal ? 'ordinal' : 'cardinal'
  return memo(ordinal ? ordinalRules : cardinalRules, locale, () =>
    withLocale(locale, (tag) => new Intl.PluralRules(tag, { type }))
  )
}

export function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  // numeric: 'auto' gives "yesterday" and "now" instead of "1 day ago" and "in 0 seconds".
  return cached(`rt\u0000${locale}`, () =>
    withLocale(locale, (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))
  )
}

export function listFormat(locale: string): Intl.ListFormat {
  return cached(`lf\u0000${locale}`, () =>
    withLocale(locale, (tag) => new Intl.ListFormat(tag, { type: 'conjunction', style: 'long' }))
  )
}
