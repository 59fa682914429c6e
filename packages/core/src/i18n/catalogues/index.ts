/**
 * @module i18n/catalogues
 * The registry of shipped catalogues, by the locale tag each serves. English is bundled: it is the
 * reference and the fallback. Every translation is a loader (`import()`), so bundlers split each
 * into its own chunk: all seven catalogues gzip to ~13 KB, a third of the sidebar's ~35 KB budget,
 * while an agent reads one (~2 KB). Call `loadLocale()` (locale.ts) once before rendering; until a
 * catalogue is loaded its text reads in English, never as raw ids.
 * Portuguese has one catalogue, Brazilian; `pt` and `pt-PT` resolve to it (see locale.ts).
 */
import type { Catalogue } from './types.ts'
import { en } from './en/index.ts'

export const SUPPORTED_LOCALES = ['en', 'de', 'fr', 'es', 'nl', 'pt-BR', 'ja'] as const
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number]

export const catalogueLoaders: Readonly<Record<SupportedLocale, () => Promise<Catalogue>>> = {
  en: () => Promise.resolve(en),
  de: () => import('./de/index.ts').then((module) => module.de),
  fr: () => import('./fr/index.ts').then((module) => module.fr),
  es: () => import('./es/index.ts').then((module) => module.es),
  nl: () => import('./nl/index.ts').then((module) => module.nl),
  'pt-BR': () => import('./pt-BR/index.ts').then((module) => module.ptBR),
  ja: () => import('./ja/index.ts').then((module) => module.ja),
}

const loaded = new Map<SupportedLocale, Catalogue>([['en', en]])
const pending = new Map<SupportedLocale, Promise<Catalogue>>()

/** The catalogue if it has been loaded (English always has). */
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

/** The English catalogue: the reference every translation matches, and the fallback. */
export { en as englishCatalogue }
export type { MessageId } from './en/index.ts'
export type { Catalogue, Translation } from './types.ts'
