import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { escapeMarkdown, oneLine, renderNote } from './note-text.ts'

/** What a CommonMark renderer shows for backslash escapes: `\X` -> `X` for ASCII punctuation. */
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1')

/** Characters that start Markdown syntax when they are not escaped. */
const INLINE = /[\\`*_{}[\]()<>#!|~&]/

function unescapedSpecials(escaped: string): string[] {
  const found: string[] = []
  for (let i = 0; i < escaped.length; i++) {
    const ch = escaped.charAt(i)
    if (ch === '\\') {
      i++ // the escaped character
      continue
    }
    if (INLINE.test(ch)) found.push(ch)
  }
  return found
}

describe('escapeMarkdown', () => {
  it.each([
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['![x](https://evil.example/p.png)', '\\!\\[x\\]\\(https://evil.example/p.png\\)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    ['# heading', '\\# heading'],
    ['a | b', 'a \\| b'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['&lt;', '\\&lt;'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['= underline', '\\= underline'],
    ['22. Nov.', '22\\. Nov.'],
    ['1) first', '1\\) first'],
    ['joe.bloggs@example.com 1.5 a-b', 'joe.bloggs@example.com 1.5 a-b'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })

  it('round-trips any text through CommonMark unescaping, leaving no live syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const escaped = escapeMarkdown(text)
        expect(unescape(escaped)).toBe(text)
        expect(unescapedSpecials(escaped)).toEqual([])
      }),
      { numRuns: 500 }
    )
  })
})

describe('oneLine', () => {
  it('turns every line-breaking or control character into a space', () => {
    expect(oneLine('a\nb\r\nc\u2028d\u2029e\tf\u0000g\u0085h')).toBe('a b  c d e f g h')
  })
})

describe('renderNote', () => {
  const blocks = [
    { type: 'heading', text: 'Title [x](y)' },
    { type: 'field', text: 'Email: a_b@example.com' },
    { type: 'field', text: 'Name: Joe\n# Injected' },
    { type: 'heading', text: 'Recent' },
    { type: 'item', text: '22. Nov.: Opened' },
    { type: 'line', text: 'Stale.' },
  ] as const

  it('renders plain text with one item per line and no markup', () => {
    expect(renderNote(blocks, 'text')).toBe(
      [
        'Title [x](y)',
        'Email: a_b@example.com',
        'Name: Joe # Injected',
        '',
        'Recent',
        '- 22. Nov.: Opened',
        '',
        'Stale.',
      ].join('\n')
    )
  })

  it('renders Markdown with every line escaped and fields as bullets', () => {
    expect(renderNote(blocks, 'markdown')).toBe(
      [
        '**Title \\[x\\]\\(y\\)**',
        '- Email: a\\_b@example.com',
        '- Name: Joe \\# Injected',
        '',
        '**Recent**',
        '- 22\\. Nov.: Opened',
        '',
        'Stale.',
      ].join('\n')
    )
  })

  it('trims data so that Markdown cannot read a code block or break the bold', () => {
    expect(renderNote([{ type: 'heading', text: '    indented  ' }], 'markdown')).toBe(
      '**indented**'
    )
  })
})
