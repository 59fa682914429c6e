// Every translation must be a drop-in for English: the same keys, each parsing in the ICU subset
// and reading the same placeholders (a renamed or dropped placeholder silently loses data, an extra
// one renders empty). The checker is tested against broken catalogues first, so a green run means
// something.
import { describe, expect, it } from 'vitest'

import { argumentNames, parseMessage, type MessagePart } from '../message-syntax.ts'
import { en as englishCatalogue } from './en/index.ts'
import { catalogueLoaders, SUPPORTED_LOCALES, type SupportedLocale } from './index.ts'
import type { SourceCatalogue as Catalogue } from './types.ts'

/** Case keys of every select, by argument name: `{channel, select, email {…} …}` -> email,… */
function selectCases(parts: readonly MessagePart[], into = new Map<string, string>()) {
  for (const part of parts) {
    if (typeof part === 'string' || part.type === 'pound' || part.type === 'argument') continue
    if (part.type === 'select') into.set(part.name, [...part.cases.keys()].sort().join(','))
    if (part.type === 'plural') for (const body of part.exact.values()) selectCases(body, into)
    for (const body of part.cases.values()) selectCases(body, into)
  }
  return into
}

function parsed(text: string): MessagePart[] | string {
  try {
    return parseMessage(text)
  } catch (error) {
    return String(error)
  }
}

/** Everything wrong with `translated` as a translation of `english`; empty when it is fine. */
function catalogueProblems(english: Catalogue, translated: Catalogue): string[] {
  const problems: string[] = []
  for (const id of Object.keys(english)) {
    if (!Object.hasOwn(translated, id)) problems.push(`missing key ${id}`)
  }
  for (const [id, text] of Object.entries(translated)) {
    if (!Object.hasOwn(english, id)) {
      problems.push(`extra key ${id}`)
      continue
    }
    const mine = parsed(text)
    const theirs = parsed(english[id] ?? '')
    if (typeof mine === 'string') {
      problems.push(`${id}: ${mine}`)
      continue
    }
    if (typeof theirs === 'string') continue // reported for English itself
    const want = [...argumentNames(theirs)].sort().join(',')
    const got = [...argumentNames(mine)].sort().join(',')
    if (want !== got) problems.push(`${id}: placeholders {${got}} instead of {${want}}`)
    const wantCases = JSON.stringify([...selectCases(theirs)].sort())
    const gotCases = JSON.stringify([...selectCases(mine)].sort())
    if (wantCases !== gotCases)
      problems.push(`${id}: select cases ${gotCases} instead of ${wantCases}`)
    if (text !== text.trim()) problems.push(`${id}: leading or trailing whitespace`)
    // Text, never markup: the UI renders catalogue text as text nodes, and notes escape it.
    if (/[<>]/.test(text)) problems.push(`${id}: contains < or >`)
  }
  return problems
}

describe('catalogue checker (negative controls)', () => {
  const english = {
    'a.plain': 'Plain',
    'a.arg': 'Hello {name}',
    'a.plural': '{count, plural, one {# item} other {# items}}',
    'a.select': '{c, select, email {Email} other {Other}}',
  }
  const good = {
    'a.plain': 'Schlicht',
    'a.arg': 'Hallo {name}',
    'a.plural': '{count, plural, other {# Dinge}}',
    'a.select': '{c, select, email {E-Mail} other {Andere}}',
  }

  it('accepts a faithful translation', () => {
    expect(catalogueProblems(english, good)).toEqual([])
  })

  it.each([
    ['a missing key', { ...good, 'a.plain': undefined }, 'missing key a.plain'],
    ['an extra key', { ...good, 'a.extra': 'x' }, 'extra key a.extra'],
    ['a renamed placeholder', { ...good, 'a.arg': 'Hallo {nom}' }, 'placeholders {nom}'],
    ['a missing placeholder', { ...good, 'a.arg': 'Hallo' }, 'placeholders {}'],
    ['an extra placeholder', { ...good, 'a.plain': 'Schlicht {x}' }, 'placeholders {x}'],
    ['a plural count dropped', { ...good, 'a.plural': 'Dinge' }, 'placeholders {}'],
    [
      'a changed select case',
      { ...good, 'a.select': '{c, select, mail {M} other {A}}' },
      'select cases',
    ],
    ['a syntax error', { ...good, 'a.arg': 'Hallo {name' }, 'MessageSyntaxError'],
    ['markup', { ...good, 'a.plain': '<b>Schlicht</b>' }, 'contains < or >'],
  ])('reports %s', (_, broken, expected) => {
    const catalogue = Object.fromEntries(
      Object.entries(broken).filter((entry): entry is [string, string] => entry[1] !== undefined)
    )
    expect(catalogueProblems(english, catalogue).join('\n')).toContain(expected)
  })
})

// Every translation, loaded the way an app loads one (each is its own chunk).
const catalogues = Object.fromEntries(
  await Promise.all(
    SUPPORTED_LOCALES.map(async (locale) => [locale, await catalogueLoaders[locale]()] as const)
  )
) as Record<SupportedLocale, Catalogue>

describe('shipped catalogues', () => {
  it('English, the reference, loads like every translation', () => {
    expect(catalogues.en).toBe(englishCatalogue)
  })

  it('ships the seven locales, English first', () => {
    expect(SUPPORTED_LOCALES).toEqual(['en', 'de', 'fr', 'es', 'nl', 'pt-BR', 'ja'])
  })

  it('English parses entirely in the subset', () => {
    const broken = Object.entries(catalogues.en).filter(
      ([, text]) => typeof parsed(text) === 'string'
    )
    expect(broken).toEqual([])
  })

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))(
    '%s has exactly the English keys, each with the same placeholders',
    (locale) => {
      expect(catalogueProblems(catalogues.en, catalogues[locale])).toEqual([])
    }
  )

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))(
    '%s translates the text rather than copying English',
    (locale) => {
      // Labels such as "SMS" or "{name}" may be identical; whole sentences may not.
      const copied = Object.entries(catalogues[locale]).filter(
        ([id, text]) =>
          text === catalogues.en[id] && text.includes(' ') && /[a-z]{3} [a-z]{3}/.test(text)
      )
      expect(copied.map(([id]) => id)).toEqual([])
    }
  )

  it('Japanese puts no spaces next to Japanese characters', () => {
    const spaced = Object.entries(catalogues.ja).filter(([, text]) =>
      /[\u0080-\uffff] | [\u0080-\uffff]/.test(text)
    )
    expect(spaced).toEqual([])
  })

  it('French puts a no-break space before : and ;', () => {
    const plain = Object.entries(catalogues.fr).filter(([, text]) =>
      /[^\u00a0\u202f][:;]/.test(text)
    )
    expect(plain).toEqual([])
  })
})
