import { createTranslator, resolveLocale } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { acceptedLanguages, panelLocale } from './panel-locale.ts'

describe('the JSON panel’s language', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5', 'fr'],
    // Preference by q, not by position.
    ['en;q=0.3, ja;q=0.9', 'ja'],
    ['pt-PT', 'pt-BR'],
    // An unshipped language first: the best shipped one after it.
    ['zh-TW,zh;q=0.9,nl;q=0.5', 'nl'],
    // A refused language is not chosen, however early.
    ['es;q=0, de;q=0.5', 'de'],
    ['*', 'en'],
    ['', 'en'],
    ['<script>;q=1', 'en'],
  ])('%j reads in %s', (header, locale) => {
    expect(resolveLocale(acceptedLanguages(header))).toBe(locale)
  })

  it('is English without the header', () => {
    expect(acceptedLanguages(undefined)).toEqual([])
    expect(resolveLocale(acceptedLanguages(undefined))).toBe('en')
  })

  it('loads the chosen catalogue, so its words are not English', async () => {
    const tags = await panelLocale('nl-BE,nl;q=0.9')
    expect(createTranslator(tags).t('pipedrive.panel.openInIntilery')).toBe('Openen in Intilery')
  })
})
