/**
 * @module i18n/catalogues
 * The registry of shipped catalogues, by the locale tag each serves. Every catalogue, English
 * included, is a loader (`import()`), so bundlers split each into its own chunk: a browser app
 * fetches the one its reader needs (~5 KB gzip) while its first request is on the way, instead of
 * carrying all seven (~35 KB gzip) or English alone (~5 KB, a seventh of the sidebar's budget) in
 * its up-front script. Call `loadLocale()` (locale.ts) before translating: it loads English (the
 * reference and fallback) with the reader's catalogue.
 * Portuguese has one catalogue, Brazilian; `pt` and `pt-PT` resolve to it (see locale.ts).
 */
import type { Catalogue } from './types.ts'

export const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'nl', 'pt-BR', 'ja'] as const
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number]

export const catalogueLoaders: Readonly<Record<SupportedLocale, () => Promise<Catalogue>>> = {
  en: () => import('./en/index.ts').then((module) => module.en),
  de: () => import('./de/index.ts').then((module) => module.de),
  fr: () => import('./fr/index.ts').then((module) => module.fr),
  es: () => import('./es/index.ts').then((module) => module.es),
  nl: () => import('./nl/index.ts').then((module) => module.nl),
  'pt-BR': () => import('./pt-BR/index.ts').then((module) => module.ptBR),
  ja: () => import('./ja/index.ts').then((module) => module.ja),
}

const loaded = new Map<SupportedLocale, Catalogue>()
const pending = new Map<SupportedLocale, Promise<Catalogue>>()

/** The catalogue if it has been loaded. */
export function loadedCatalogue(locale: SupportedLocale): Catalogue | undefined {
  return loaded.get(locale)
}

/** Loads a catalogue once; concurrent calls share one import. */
export function loadCatalogue(locale: SupportedLocale): Promise<Catalogue> {
  const ready = loaded.get(locale)
  if (ready !== undefined) return Promise.resolve(ready)
  let loading = pending.get(locale)
  if (loading === undefined) {
    loading = catalogueLoaders[locale]().then(
      (catalogue) => {
        loaded.set(locale, catalogue)
        pending.delete(locale)
        return catalogue
      },
      (error: unknown) => {
        // A failed chunk load may succeed later (a flaky network): do not cache the failure.
        pending.delete(locale)
        throw error
      }
    )
    pending.set(locale, loading)
  }
  return loading
}

export type { MessageId } from './en/index.ts'
export type { Catalogue, Translation } from './types.ts'
