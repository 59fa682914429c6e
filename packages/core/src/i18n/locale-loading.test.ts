// Catalogue loading, in a file of its own: vitest gives each test file fresh module state, and the
// other i18n tests load every catalogue up front.
import { describe, expect, it } from 'vitest'

import {
  CatalogueNotLoadedError,
  createTranslator,
  isLocaleLoaded,
  loadLocale,
  t,
} from './locale.ts'

describe('before loadLocale', () => {
  it('refuses to translate before English is loaded, rather than show message ids', () => {
    expect(isLocaleLoaded('en-GB')).toBe(false)
    expect(() => createTranslator('en-GB')).toThrow(CatalogueNotLoadedError)
    expect(() => t('de', 'common.yesterday')).toThrow(CatalogueNotLoadedError)
  })

  it('loads English with the first locale asked for', async () => {
    await expect(loadLocale('en-GB')).resolves.toBe('en')
    expect(isLocaleLoaded('en-GB')).toBe(true)
    expect(createTranslator('en-GB').t('common.yesterday')).toBe('Yesterday')
  })

  it('renders a translation that is not loaded yet in English', () => {
    expect(isLocaleLoaded('de')).toBe(false)
    const early = createTranslator('de-AT')
    expect(early.t('common.yesterday')).toBe('Yesterday')
    expect(early.t('common.error.manyMatches', { count: 1 })).toBe('1 customer matches.')
  })

  it('loads a catalogue once and answers which one serves the tag', async () => {
    const [a, b] = await Promise.all([loadLocale('de-AT'), loadLocale('de')])
    expect([a, b]).toEqual(['de', 'de'])
    expect(isLocaleLoaded('de')).toBe(true)
    // Translators made before the load are made again with the German text.
    expect(createTranslator('de-AT').t('common.yesterday')).toBe('Gestern')
  })
})

describe('loadLocale', () => {
  it('resolves junk to English', async () => {
    await expect(loadLocale('!!')).resolves.toBe('en')
    await expect(loadLocale(undefined)).resolves.toBe('en')
  })

  it('loads Portuguese for pt-PT', async () => {
    expect(t('pt-PT', 'common.today')).toBe('Today')
    await expect(loadLocale('pt-PT')).resolves.toBe('pt-BR')
    expect(t('pt-PT', 'common.today')).toBe('Hoje')
  })
})
