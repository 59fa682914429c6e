import { describe, expect, it } from 'vitest'

import { date, money } from './message.ts'
import { SUPPORTED_LOCALES } from './catalogues/index.ts'
import { createTranslator, loadLocale, resolveLocale, resolveLocaleTag, t } from './locale.ts'

await Promise.all(SUPPORTED_LOCALES.map((locale) => loadLocale(locale)))

describe('resolveLocale', () => {
  it.each([
    // Exact tags, in any case and with underscores.
    ['en', 'en'],
    ['de', 'de'],
    ['fr', 'fr'],
    ['es', 'es'],
    ['nl', 'nl'],
    ['ja', 'ja'],
    ['pt-BR', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['pt_br', 'pt-BR'],
    // Language of a regional tag.
    ['de-AT', 'de'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['nl-BE', 'nl'],
    ['ja-JP', 'ja'],
    ['en_GB', 'en'],
    ['EN-us', 'en'],
    ['en_US.UTF-8', 'en'],
    ['de_DE@euro', 'de'],
    ['zh-Hant-TW', 'en'],
    // Portuguese has one catalogue: Brazilian.
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['pt-AO', 'pt-BR'],
    // Junk resolves to English.
    ['', 'en'],
    ['   ', 'en'],
    ['C', 'en'],
    ['xx', 'en'],
    ['not a locale!', 'en'],
    ['__proto__', 'en'],
    ['constructor', 'en'],
  ])('%j -> %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected)
  })

  it.each([[undefined], [null], [42], [{}], [[]], [['', 7]]])('junk %j -> en', (requested) => {
    expect(resolveLocale(requested)).toBe('en')
  })

  it('takes the first supported entry of a preference list', () => {
    expect(resolveLocale(['zh-CN', 'fr-FR', 'de'])).toBe('fr')
    expect(resolveLocale(['xx', 'pt-PT'])).toBe('pt-BR')
  })

  it('keeps the requested tag for Intl when it is the catalogue language', () => {
    expect(resolveLocaleTag('en_GB')).toEqual({ catalogue: 'en', intl: 'en-GB' })
    expect(resolveLocaleTag('pt-PT')).toEqual({ catalogue: 'pt-BR', intl: 'pt-PT' })
    expect(resolveLocaleTag('PT-br')).toEqual({ catalogue: 'pt-BR', intl: 'pt-BR' })
    // Not a shipped language: English text, English formats (never the host's default locale).
    expect(resolveLocaleTag('zh-TW')).toEqual({ catalogue: 'en', intl: 'en' })
  })
})

describe('t', () => {
  it('renders a message of the resolved catalogue', () => {
    expect(t('de-AT', 'common.yesterday')).toBe('Gestern')
    expect(t('pt-PT', 'common.today')).toBe('Hoje')
    expect(t('ja', 'common.error.manyMatches', { count: 1 })).toBe('1件の顧客が一致しました。')
    expect(t('ja', 'common.error.manyMatches', { count: 3 })).toContain('3件の顧客')
  })

  it('renders an unknown id as the id itself', () => {
    expect(t('de', 'no.such.message')).toBe('no.such.message')
    expect(t('de', '__proto__')).toBe('__proto__')
    expect(t('de', 'constructor')).toBe('constructor')
  })

  it('formats dates in the time zone it is given', () => {
    const values = { time: date('2026-11-22T23:30:00Z') }
    expect(t('en', 'common.error.stale', values, { timeZone: 'UTC' })).toBe(
      'Showing saved data as of Nov 22, 2026, 11:30 PM.'
    )
    expect(t('en', 'common.error.stale', values, { timeZone: 'Asia/Tokyo' })).toBe(
      'Showing saved data as of Nov 23, 2026, 8:30 AM.'
    )
    expect(t('en-GB', 'common.error.stale', values, { timeZone: 'UTC' })).toBe(
      'Showing saved data as of 22 Nov 2026, 23:30.'
    )
  })

  it('truncates string values when asked', () => {
    expect(
      t('en', 'common.error.notFoundFor', { identity: 'x'.repeat(50) }, { maxValueLength: 5 })
    ).toBe('No customer found in Intilery for xxxx….')
  })
})

describe('createTranslator', () => {
  it('exposes the resolved locale, Intl tag and zone (unknown zone -> UTC)', () => {
    const tr = createTranslator('pt_PT', { timeZone: 'Nowhere/Atlantis' })
    expect([tr.locale, tr.intlLocale, tr.timeZone]).toEqual(['pt-BR', 'pt-PT', 'UTC'])
  })

  it('formats values, booleans in the locale', () => {
    const de = createTranslator('de')
    expect(de.value(true)).toBe('Ja')
    expect(de.value(false)).toBe('Nein')
    expect(de.value(money(9.99, 'EUR'))).toBe('9,99\u00a0€')
    expect(de.value(null)).toBe('')
    expect(de.value({ type: 'other' })).toBe('')
  })

  it('knows which ids exist', () => {
    const tr = createTranslator('fr')
    expect(tr.has('common.today')).toBe(true)
    expect(tr.has('common.nope')).toBe(false)
  })
})
