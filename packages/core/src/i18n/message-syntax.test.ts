import { describe, expect, it } from 'vitest'

import { argumentNames, MessageSyntaxError, parseMessage } from './message-syntax.ts'

describe('parseMessage', () => {
  it('splits text and simple arguments', () => {
    expect(parseMessage('Hello {name}, bye')).toEqual([
      'Hello ',
      { type: 'argument', name: 'name' },
      ', bye',
    ])
  })

  it('accepts number/date/time argument types and ignores their style', () => {
    expect(parseMessage('{n, number} {d, date, short}')).toEqual([
      { type: 'argument', name: 'n' },
      ' ',
      { type: 'argument', name: 'd' },
    ])
  })

  it('parses plural with exact and category cases, and # only inside the plural', () => {
    const [plural] = parseMessage('{n, plural, =0 {none} one {# item} other {# items}}')
    expect(plural).toMatchObject({ type: 'plural', name: 'n', ordinal: false })
    if (typeof plural !== 'object' || plural.type !== 'plural') throw new Error('not a plural')
    expect(plural.exact.get(0)).toEqual(['none'])
    expect(plural.cases.get('one')).toEqual([{ type: 'pound' }, ' item'])
    expect(parseMessage('# {x}')).toEqual(['# ', { type: 'argument', name: 'x' }])
  })

  it('keeps # literal in a select nested in a plural, as ICU does', () => {
    const [plural] = parseMessage('{n, plural, other {{g, select, other {# x}}}}')
    if (typeof plural !== 'object' || plural.type !== 'plural') throw new Error('not a plural')
    const [select] = plural.cases.get('other') ?? []
    if (typeof select !== 'object' || select.type !== 'select') throw new Error('not a select')
    expect(select.cases.get('other')).toEqual(['# x'])
  })

  it('follows ICU apostrophe rules (DOUBLE_OPTIONAL)', () => {
    expect(parseMessage("l'e-mail")).toEqual(["l'e-mail"])
    expect(parseMessage("it''s")).toEqual(["it's"])
    expect(parseMessage("'{name}' is {name}")).toEqual([
      '{name} is ',
      { type: 'argument', name: 'name' },
    ])
    expect(parseMessage("'{it''s}'")).toEqual(["{it's}"])
    expect(parseMessage("{n, plural, other {'#' #}}")).toMatchObject([
      { type: 'plural', cases: new Map([['other', ['# ', { type: 'pound' }]]]) },
    ])
    // An unterminated quote runs to the end, as in ICU.
    expect(parseMessage("'{oops")).toEqual(['{oops'])
  })

  it.each([
    ['unclosed argument', 'Hello {name'],
    ['stray closing brace', 'Hello }'],
    ['empty argument', 'Hello {}'],
    ['unknown type', '{n, spellout}'],
    ['plural without other', '{n, plural, one {x}}'],
    ['select without other', '{x, select, a {x}}'],
    ['bad plural category', '{n, plural, lots {x} other {y}}'],
    ['bad exact case', '{n, plural, =x {x} other {y}}'],
    ['offset', '{n, plural, offset:1 other {y}}'],
    ['duplicate case', '{x, select, a {1} a {2} other {3}}'],
    ['case without body', '{x, select, a other {3}}'],
    ['unclosed case', '{x, select, other {3}'],
  ])('rejects %s', (_, pattern) => {
    expect(() => parseMessage(pattern)).toThrow(MessageSyntaxError)
  })
})

describe('argumentNames', () => {
  it('collects names at every depth', () => {
    const parts = parseMessage(
      '{a} {n, plural, =0 {{b}} other {{c, select, x {{d}} other {#}}}} {e, selectordinal, other {#}}'
    )
    expect([...argumentNames(parts)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'n'])
  })
})
