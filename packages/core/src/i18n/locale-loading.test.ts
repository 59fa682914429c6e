// Catalogue loading, in a file of its own: vitest gives each test file fresh module state, and the
// other i18n tests load every catalogue up front.
import { describe, expect, it } from 'vitest'

import { createTranslator, isLocaleLoaded, loadLocale, t } from './locale.ts'

describe('before loadLocale', () => {
  it('renders a translation that is not loaded yet in English', () => {
    expect(isLocaleLoaded('de')).toBe(false)
    expect(isLocaleLoaded('en-GB')).toBe(true)
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
  it('resolves junk to English without importing anything', async () => {
    await expect(loadLocale('!!')).resolves.toBe('en')
    await expect(loadLocale(undefined)).resolves.toBe('en')
  })

  it('loads Portuguese for pt-PT', async () => {
    expect(t('pt-PT', 'common.today')).toBe('Today')
    await expect(loadLocale('pt-PT')).resolves.toBe('pt-BR')
    expect(t('pt-PT', 'common.today')).toBe('Hoje')
  })
})
