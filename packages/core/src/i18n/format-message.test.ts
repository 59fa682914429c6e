import { describe, expect, it } from 'vitest'

import { compileMessage, formatMessage, type RenderContext } from './format-message.ts'
import { money, date } from './message.ts'

const en: RenderContext = { locale: 'en', timeZone: 'UTC' }
const items = '{n, plural, =0 {no items} one {# item} other {# items}}'

describe('formatMessage: placeholders', () => {
  it('substitutes strings verbatim, even when they look like markup or messages', () => {
    const hostile = "<img src=x onerror=alert(1)> {n} # '{x}'"
    expect(formatMessage('Opened {subject}', { subject: hostile }, en)).toBe(`Opened ${hostile}`)
  })

  it('formats numbers with the locale', () => {
    expect(formatMessage('{n}', { n: 1234.5 }, en)).toBe('1,234.5')
    expect(formatMessage('{n}', { n: 1234.5 }, { locale: 'de' })).toBe('1.234,5')
    expect(formatMessage('{n}', { n: 1234.5 }, { locale: 'fr' })).toBe('1\u202f234,5')
  })

  it('renders booleans with the localised words when given, else true/false', () => {
    expect(formatMessage('{b}', { b: true }, en)).toBe('true')
    expect(
      formatMessage('{b}/{c}', { b: true, c: false }, { ...en, booleans: ['Nein', 'Ja'] })
    ).toBe('Ja/Nein')
  })

  it('renders a missing value as empty and never throws', () => {
    expect(formatMessage('a{x}b', undefined, en)).toBe('ab')
    expect(formatMessage('a{x}b', {}, en)).toBe('ab')
    expect(formatMessage(`[${items}]`, {}, en)).toBe('[ items]')
    expect(formatMessage('{x, select, a {A} other {O}}', {}, en)).toBe('O')
  })

  it('reads only own values: an argument named like an Object.prototype member is missing', () => {
    expect(formatMessage('[{constructor}][{toString}]', {}, en)).toBe('[][]')
  })

  it('truncates long string values to maxLength code points', () => {
    expect(formatMessage('{s}', { s: 'abcdef' }, { ...en, maxLength: 4 })).toBe('abc…')
    // A surrogate pair is never split.
    expect(formatMessage('{s}', { s: '😀😀😀😀😀' }, { ...en, maxLength: 3 })).toBe('😀😀…')
  })

  it('shows a pattern outside the subset as its raw text', () => {
    expect(formatMessage('broken {', { x: 1 }, en)).toBe('broken {')
    expect(compileMessage('{n, spellout}')).toEqual(['{n, spellout}'])
  })
})

describe('formatMessage: plural', () => {
  it('picks =N before categories', () => {
    expect(formatMessage(items, { n: 0 }, en)).toBe('no items')
    expect(formatMessage(items, { n: 1 }, en)).toBe('1 item')
    expect(formatMessage(items, { n: 2 }, en)).toBe('2 items')
    expect(formatMessage(items, { n: 1000 }, en)).toBe('1,000 items')
  })

  it('uses the plural rules of the locale', () => {
    const fr = '{n, plural, one {# élément} other {# éléments}}'
    // French: 0 and 1.5 are "one"; English: 0 is "other".
    expect(formatMessage(fr, { n: 0 }, { locale: 'fr' })).toBe('0 élément')
    expect(formatMessage(fr, { n: 1.5 }, { locale: 'fr' })).toBe('1,5 élément')
    expect(formatMessage(fr, { n: 2 }, { locale: 'fr' })).toBe('2 éléments')
    const ja = '{n, plural, =0 {なし} other {#件}}'
    expect(formatMessage(ja, { n: 0 }, { locale: 'ja' })).toBe('なし')
    expect(formatMessage(ja, { n: 1 }, { locale: 'ja' })).toBe('1件')
    expect(formatMessage(ja, { n: 12345 }, { locale: 'ja' })).toBe('12,345件')
    // Polish-style few/many would need more cases; pt has "many" for millions.
    const pt = '{n, plural, one {# cliente} many {# de clientes} other {# clientes}}'
    expect(formatMessage(pt, { n: 1 }, { locale: 'pt-BR' })).toBe('1 cliente')
    expect(formatMessage(pt, { n: 1000000 }, { locale: 'pt-BR' })).toBe('1.000.000 de clientes')
  })

  it('takes plural cases from pluralLocale and digits from locale', () => {
    // French rules would call 0 "one"; the English catalogue's rules call it "other".
    expect(formatMessage(items, { n: 0.5 }, { locale: 'fr', pluralLocale: 'en' })).toBe('0,5 items')
    expect(formatMessage(items, { n: 1234 }, { locale: 'de-CH', pluralLocale: 'en' })).toBe(
      `${new Intl.NumberFormat('de-CH').format(1234)} items`
    )
  })

  it('falls back to other when the category has no case', () => {
    expect(formatMessage('{n, plural, other {# x}}', { n: 1 }, en)).toBe('1 x')
  })

  it('accepts numeric strings and treats other values as missing', () => {
    expect(formatMessage(items, { n: '1' }, en)).toBe('1 item')
    expect(formatMessage(items, { n: '' }, en)).toBe(' items')
    expect(formatMessage(items, { n: 'many' }, en)).toBe(' items')
    expect(formatMessage(items, { n: true }, en)).toBe(' items')
  })

  it('supports selectordinal', () => {
    const ordinal = '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}'
    expect([1, 2, 3, 4, 11, 22].map((n) => formatMessage(ordinal, { n }, en))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '22nd',
    ])
  })
})

describe('formatMessage: select and nesting', () => {
  const channel = '{c, select, email {Email} sms {SMS} other {Other}}'

  it('selects by string, falling back to other', () => {
    expect(formatMessage(channel, { c: 'sms' }, en)).toBe('SMS')
    expect(formatMessage(channel, { c: 'pigeon' }, en)).toBe('Other')
  })

  it('never selects through the prototype chain', () => {
    for (const c of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(formatMessage(channel, { c }, en)).toBe('Other')
    }
  })

  it('selects booleans by true/false and objects as other', () => {
    const yesNo = '{b, select, true {on} false {off} other {?}}'
    expect(formatMessage(yesNo, { b: true }, en)).toBe('on')
    expect(formatMessage(yesNo, { b: false }, en)).toBe('off')
    expect(formatMessage(yesNo, { b: money(1, 'EUR') }, en)).toBe('?')
  })

  it('nests plural in select and select in plural', () => {
    const nested =
      '{who, select, she {{n, plural, one {She has # cat} other {She has # cats}}} other {{n, plural, one {They have # cat} other {They have # cats}}}}'
    expect(formatMessage(nested, { who: 'she', n: 1 }, en)).toBe('She has 1 cat')
    expect(formatMessage(nested, { who: 'x', n: 3 }, en)).toBe('They have 3 cats')
    const inner =
      '{n, plural, one {# {kind, select, a {apple} other {thing}}} other {# {kind, select, a {apples} other {things}}}}'
    expect(formatMessage(inner, { n: 2, kind: 'a' }, en)).toBe('2 apples')
    expect(formatMessage(inner, { n: 1, kind: 'z' }, en)).toBe('1 thing')
  })
})

describe('formatMessage: money', () => {
  it('formats a valid currency in the locale', () => {
    expect(formatMessage('{m}', { m: money(1234.5, 'EUR') }, en)).toBe('€1,234.50')
    expect(formatMessage('{m}', { m: money(1234.5, 'EUR') }, { locale: 'de' })).toBe(
      '1.234,50\u00a0€'
    )
    expect(formatMessage('{m}', { m: money(1234, 'JPY') }, { locale: 'ja' })).toBe('￥1,234')
    expect(formatMessage('{m}', { m: money(5, 'usd') }, en)).toBe('$5.00')
  })

  it('shows amount and code when the code is not valid, without throwing', () => {
    expect(formatMessage('{m}', { m: money(1234.5, 'US$') }, en)).toBe('1,234.5 US$')
    expect(formatMessage('{m}', { m: money(12, 'euro') }, { locale: 'de' })).toBe('12 euro')
    expect(formatMessage('{m}', { m: money(12, '') }, en)).toBe('12')
  })
})

describe('formatMessage: dates', () => {
  const at = date('2026-03-29T00:30:00Z')

  it('formats in the given time zone', () => {
    expect(formatMessage('{d}', { d: at }, { locale: 'en', timeZone: 'UTC' })).toBe(
      'Mar 29, 2026, 12:30 AM'
    )
    // Berlin switches to summer time at 01:00 UTC that day: 00:30 UTC is 01:30 CET.
    expect(formatMessage('{d}', { d: at }, { locale: 'de', timeZone: 'Europe/Berlin' })).toBe(
      '29.03.2026, 01:30'
    )
    expect(formatMessage('{d}', { d: at }, { locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      '2026/03/29 9:30'
    )
    expect(formatMessage('{d}', { d: at }, { locale: 'en', timeZone: 'America/Los_Angeles' })).toBe(
      'Mar 28, 2026, 5:30 PM'
    )
  })

  it('reads a time without offset as UTC, and falls back to UTC for an unknown zone', () => {
    expect(formatMessage('{d}', { d: date('2026-03-29T00:30:00') }, en)).toBe(
      'Mar 29, 2026, 12:30 AM'
    )
    expect(formatMessage('{d}', { d: at }, { locale: 'en', timeZone: 'Mars/Olympus' })).toBe(
      'Mar 29, 2026, 12:30 AM'
    )
  })

  it('shows an unparsable date as its raw text', () => {
    expect(formatMessage('at {d}', { d: date('next tuesday') }, en)).toBe('at next tuesday')
    expect(formatMessage('at {d}', { d: date('2026-02-30T00:00:00Z') }, en)).toBe(
      'at 2026-02-30T00:00:00Z'
    )
  })
})
