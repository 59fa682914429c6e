/**
 * @module i18n/locale
 * Which catalogue serves a requested locale, and `t()` to render a message in it.
 *
 * Fallback chain: the exact tag, then its language, then English (`de-AT` -> `de`, `zh-TW` -> `en`).
 * Portuguese has one catalogue, Brazilian, so `pt` and `pt-PT` resolve to `pt-BR`. Hosts send tags
 * in many shapes (`pt-br`, `PT-BR`, `en_GB`, `en_US.UTF-8`, a browser's list), so tags are cleaned
 * and canonicalised with Intl first; anything unusable resolves to English rather than throwing.
 *
 * Numbers and dates are formatted with the requested tag when it is the same language as the
 * catalogue: an `en-GB` agent reads English text with day-first dates, a `de-CH` agent Swiss numbers.
 */
import {
  loadCatalogue,
  loadedCatalogue,
  SUPPORTED_LOCALES,
  type SupportedLocale,
} from './catalogues/index.ts'
import type { Catalogue } from './catalogues/types.ts'
import {
  compiledFor,
  renderMessage,
  type MessageValues,
  type RenderContext,
} from './format-message.ts'
import { formatValue } from './format-value.ts'
import { validTimeZone } from './intl-cache.ts'

export interface ResolvedLocale {
  /** The catalogue the text comes from. */
  readonly catalogue: SupportedLocale
  /** The tag Intl formats numbers, dates and relative times with. */
  readonly intl: string
}

const BY_LANGUAGE: Readonly<Record<string, SupportedLocale>> = {
  en: 'en',
  de: 'de',
  fr: 'fr',
  es: 'es',
  nl: 'nl',
  pt: 'pt-BR',
  ja: 'ja',
}
const ENGLISH: ResolvedLocale = { catalogue: 'en', intl: 'en' }
const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_LOCALES)
const resolved = new Map<string, ResolvedLocale | undefined>()

/** `en_US.UTF-8` -> `en-US`; undefined when Intl rejects the tag. */
function canonicalTag(tag: string): string | undefined {
  const cleaned = tag
    .trim()
    .replace(/[.@].*$/, '')
    .replace(/_/g, '-')
  if (cleaned === '') return undefined
  try {
    return Intl.getCanonicalLocales(cleaned)[0]
  } catch {
    return undefined
  }
}

/** The catalogue for one tag, or undefined when neither the tag nor its language is shipped. */
function matchTag(tag: string): ResolvedLocale | undefined {
  if (resolved.has(tag)) return resolved.get(tag)
  const canonical = canonicalTag(tag)
  let match: ResolvedLocale | undefined
  if (canonical !== undefined) {
    const exact = SUPPORTED.has(canonical) ? (canonical as SupportedLocale) : undefined
    const language = canonical.split('-')[0]?.toLowerCase() ?? ''
    const catalogue =
      exact ?? (Object.hasOwn(BY_LANGUAGE, language) ? BY_LANGUAGE[language] : undefined)
    if (catalogue !== undefined) match = { catalogue, intl: canonical }
  }
  // Bounded: tags come from hosts and headers.
  if (resolved.size > 200) resolved.clear()
  resolved.set(tag, match)
  return match
}

/**
 * The catalogue and Intl tag for a requested locale: a tag, or a preference list such as
 * `navigator.languages` (the first supported entry wins). Never throws; junk gives English.
 */
export function resolveLocaleTag(requested: unknown): ResolvedLocale {
  const tags = Array.isArray(requested) ? (requested as unknown[]) : [requested]
  for (const tag of tags) {
    if (typeof tag !== 'string') continue
    const match = matchTag(tag)
    if (match !== undefined) return match
  }
  return ENGLISH
}

/** The shipped catalogue serving `requested` (`pt-PT` -> `pt-BR`, `en_GB` -> `en`, junk -> `en`). */
export function resolveLocale(requested: unknown): SupportedLocale {
  return resolveLocaleTag(requested).catalogue
}

export interface TranslateOptions {
  /** IANA time zone for date values; UTC when absent or unknown. */
  readonly timeZone?: string | undefined
  /** Longest string value substituted, in code points (data beyond it ends with `…`). */
  readonly maxValueLength?: number | undefined
}

/** Messages and values of one locale and time zone, resolved once for many calls. */
export interface Translator {
  readonly locale: SupportedLocale
  readonly intlLocale: string
  readonly timeZone: string
  /** The settings values are formatted with (pass to format-value helpers). */
  readonly context: RenderContext
  /** Message `id` with `values`; an unknown id renders as the id itself. */
  t(id: string, values?: MessageValues): string
  /** Whether `id` exists in the catalogues (the English one at least). */
  has(id: string): boolean
  /** One value (string, number, boolean, money, date) as text. */
  value(value: unknown): string
}

/**
 * A translator was asked for before `loadLocale()` loaded English. A programming error, thrown
 * rather than rendering message ids as text: every app awaits `loadLocale()` before it translates.
 */
export class CatalogueNotLoadedError extends Error {
  override readonly name = 'CatalogueNotLoadedError'
  constructor(readonly requested: SupportedLocale) {
    super(`Translating in '${requested}' before loadLocale() loaded its catalogues`)
  }
}

function lookup(catalogue: Catalogue, id: string): Catalogue[string] | undefined {
  return Object.hasOwn(catalogue, id) ? catalogue[id] : undefined
}

/** A message without arguments as its text (a compiled one is then one string). */
function plain(catalogue: Catalogue, id: string): string | undefined {
  const message = lookup(catalogue, id)
  return typeof message === 'string' || message === undefined
    ? message
    : message.filter((part) => typeof part === 'string').join('')
}

const translators = new Map<string, Translator>()

export function createTranslator(requested: unknown, options: TranslateOptions = {}): Translator {
  const { catalogue: locale, intl } = resolveLocaleTag(requested)
  const timeZone = validTimeZone(options.timeZone)
  const key = `${intl}\u0000${timeZone}\u0000${options.maxValueLength ?? ''}`
  const existing = translators.get(key)
  if (existing !== undefined) return existing

  const english = loadedCatalogue('en')
  if (english === undefined) throw new CatalogueNotLoadedError(locale)
  // Not loaded yet (see loadLocale): English text, rendered with English plural rules.
  const own: Catalogue = loadedCatalogue(locale) ?? english
  const ownLocale: SupportedLocale = own === english ? 'en' : locale
  const context: RenderContext = {
    locale: intl,
    pluralLocale: ownLocale,
    timeZone,
    maxLength: options.maxValueLength,
    booleans: [plain(own, 'common.no') ?? 'No', plain(own, 'common.yes') ?? 'Yes'],
  }
  const translator: Translator = {
    locale,
    intlLocale: intl,
    timeZone,
    context,
    t(id, values) {
      const text = lookup(own, id)
      if (text !== undefined)
        return renderMessage(compiledFor(ownLocale, id, text), values, context)
      // A key a translation lacks (tests forbid it) still reads in English rather than as an id.
      const fallback = lookup(english, id)
      if (fallback !== undefined) {
        return renderMessage(compiledFor('en', id, fallback), values, {
          ...context,
          pluralLocale: 'en',
        })
      }
      return id
    },
    has: (id) => lookup(english, id) !== undefined || lookup(own, id) !== undefined,
    value: (value) => formatValue(value, context),
  }
  if (translators.size > 100) translators.clear()
  translators.set(key, translator)
  return translator
}

/**
 * Loads the catalogue serving `requested` and English, the fallback (dynamic imports, each once, in
 * parallel), and answers which serves it. Call it before translating: a translator needs English
 * (CatalogueNotLoadedError), and until the reader's own catalogue is loaded its text reads in English.
 */
export async function loadLocale(requested: unknown): Promise<SupportedLocale> {
  const locale = resolveLocale(requested)
  if (!isLocaleLoaded(locale)) {
    await Promise.all([loadCatalogue('en'), loadCatalogue(locale)])
    // Translators made before the load hold the English fallback: make them again.
    translators.clear()
  }
  return locale
}

/** Whether the catalogue serving `requested` and English are loaded. */
export function isLocaleLoaded(requested: unknown): boolean {
  return (
    loadedCatalogue('en') !== undefined && loadedCatalogue(resolveLocale(requested)) !== undefined
  )
}

/** Renders message `id` of the catalogue serving `locale`. Unknown ids render as the id. */
export function t(
  locale: unknown,
  id: string,
  values?: MessageValues,
  options?: TranslateOptions
): string {
  return createTranslator(locale, options).t(id, values)
}
