/**
 * @module i18n/message-syntax
 * Parser for the ICU MessageFormat subset the catalogues use. Why not a library: the sidebar's whole
 * bundle budget is ~35 KB gzip, and intl-messageformat (+ its parser) alone is ~10 KB of it for
 * features no catalogue needs. `Intl` already does the heavy lifting (plural rules, numbers, dates);
 * what is left is a ~200-line parser.
 *
 * Supported:
 * - `{name}` (also `{name, number}`, `{name, date}`, `{name, time}`: the style is ignored, the value's
 *   own type decides how it is formatted),
 * - `{n, plural, =0 {…} one {# item} other {# items}}` and `selectordinal` (no `offset:`),
 * - `{x, select, a {…} other {…}}`, nested to any depth.
 * - `#` in the immediate sub-message of a plural is the locale-formatted number. As in ICU, `#` inside
 *   an argument nested in that sub-message is literal text: write `{n}` there.
 * - Apostrophes follow ICU's DOUBLE_OPTIONAL mode: `''` is one `'`; a `'` directly before `{`, `}`
 *   (or `#` in a plural) starts quoted literal text up to the next single `'`; any other `'` is
 *   literal. So French "l'e-mail" needs no escaping, while "'{'" shows a brace.
 *   Catalogues write the typographic ’ where the language uses one, which never needs escaping.
 */

/** One piece of a parsed message. Plain text is a string. */
export type MessagePart = string | ArgumentPart | PluralPart | SelectPart | PoundPart

export interface ArgumentPart {
  readonly type: 'argument'
  readonly name: string
}
export interface PluralPart {
  readonly type: 'plural'
  readonly name: string
  readonly ordinal: boolean
  /** `=N` cases, by N. */
  readonly exact: ReadonlyMap<number, readonly MessagePart[]>
  /** Plural-category cases (`zero`, `one`, … `other`); `other` is always present. */
  readonly cases: ReadonlyMap<string, readonly MessagePart[]>
}
export interface SelectPart {
  readonly type: 'select'
  readonly name: string
  /** Maps, not objects: a value such as `__proto__` from data must not reach Object.prototype. */
  readonly cases: ReadonlyMap<string, readonly MessagePart[]>
}
export interface PoundPart {
  readonly type: 'pound'
}

/** A catalogue message that is not valid in the subset; catalogue tests parse every message. */
export class MessageSyntaxError extends Error {
  override readonly name = 'MessageSyntaxError'
  constructor(
    message: string,
    readonly pattern: string,
    readonly offset: number
  ) {
    super(`${message} at offset ${offset} in ${JSON.stringify(pattern)}`)
  }
}

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other'])
const SIMPLE_TYPES = new Set(['number', 'date', 'time'])
const WHITESPACE = /\s/
/** Characters that end a name or a case key. */
const NAME_END = /[\s{},#']/

/** Parses a message; throws MessageSyntaxError when it is outside the subset. */
export function parseMessage(pattern: string): MessagePart[] {
  const parser = new Parser(pattern)
  const parts = parser.message(false)
  if (parser.pos < pattern.length) parser.fail('Unmatched "}"')
  return parts
}

class Parser {
  pos = 0
  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new MessageSyntaxError(reason, this.text, this.pos)
  }

  /** Text and arguments up to an unmatched `}` (left unconsumed) or the end. */
  message(inPlural: boolean): MessagePart[] {
    const parts: MessagePart[] = []
    let buffer = ''
    const flush = () => {
      if (buffer !== '') parts.push(buffer)
      buffer = ''
    }
    const { text } = this
    while (this.pos < text.length) {
      const ch = text.charAt(this.pos)
      if (ch === "'") {
        buffer += this.apostrophe(inPlural)
      } else if (ch === '{') {
        flush()
        parts.push(this.argument())
      } else if (ch === '}') {
        break
      } else if (ch === '#' && inPlural) {
        flush()
        parts.push({ type: 'pound' })
        this.pos++
      } else {
        buffer += ch
        this.pos++
      }
    }
    flush()
    return parts
  }

  /** DOUBLE_OPTIONAL apostrophe rules; returns the literal text it stands for. */
  private apostrophe(inPlural: boolean): string {
    const { text } = this
    const next = text.charAt(this.pos + 1)
    if (next === "'") {
      this.pos += 2
      return "'"
    }
    if (next !== '{' && next !== '}' && !(inPlural && next === '#')) {
      this.pos++
      return "'"
    }
    // Quoted literal: runs to the next single apostrophe (or the end, as in ICU).
    let literal = ''
    this.pos++
    while (this.pos < text.length) {
      const ch = text.charAt(this.pos)
      if (ch === "'") {
        if (text.charAt(this.pos + 1) === "'") {
          literal += "'"
          this.pos += 2
          continue
        }
        this.pos++
        return literal
      }
      literal += ch
      this.pos++
    }
    return literal
  }

  private argument(): MessagePart {
    this.pos++ // {
    const name = this.word('argument name')
    this.skipSpace()
    if (this.eat('}')) return { type: 'argument', name }
    if (!this.eat(',')) this.fail('Expected "," or "}"')
    const kind = this.word('argument type')
    this.skipSpace()
    if (SIMPLE_TYPES.has(kind)) {
      // `{n, number}` or `{d, date, short}`: the optional style is accepted and ignored.
      if (this.eat(',')) this.word('argument style')
      this.skipSpace()
      if (!this.eat('}')) this.fail('Expected "}"')
      return { type: 'argument', name }
    }
    if (kind !== 'plural' && kind !== 'selectordinal' && kind !== 'select') {
      this.fail(`Unsupported argument type "${kind}"`)
    }
    if (!this.eat(',')) this.fail('Expected ","')
    const isPlural = kind !== 'select'
    const exact = new Map<number, MessagePart[]>()
    const cases = new Map<string, MessagePart[]>()
    for (;;) {
      this.skipSpace()
      if (this.eat('}')) break
      const start = this.pos
      const key = this.word('case key')
      if (isPlural && key.startsWith('offset:')) this.fail('plural offset is not supported')
      this.skipSpace()
      if (!this.eat('{')) this.fail('Expected "{" after a case key')
      const body = this.message(isPlural)
      if (!this.eat('}')) this.fail('Unclosed case')
      if (isPlural && key.startsWith('=')) {
        const value = Number(key.slice(1))
        if (key.length < 2 || !Number.isFinite(value)) this.failAt(start, `Bad case "${key}"`)
        exact.set(value, body)
      } else {
        if (isPlural && !PLURAL_CATEGORIES.has(key)) this.failAt(start, `Bad plural case "${key}"`)
        if (cases.has(key)) this.failAt(start, `Duplicate case "${key}"`)
        cases.set(key, body)
      }
    }
    if (!cases.has('other')) this.fail(`"${kind}" needs an "other" case`)
    return isPlural
      ? { type: 'plural', name, ordinal: kind === 'selectordinal', exact, cases }
      : { type: 'select', name, cases }
  }

  private failAt(offset: number, reason: string): never {
    this.pos = offset
    this.fail(reason)
  }

  private word(what: string): string {
    this.skipSpace()
    const start = this.pos
    while (this.pos < this.text.length && !NAME_END.test(this.text.charAt(this.pos))) this.pos++
    if (this.pos === start) this.fail(`Expected ${what}`)
    return this.text.slice(start, this.pos)
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.test(this.text.charAt(this.pos))) this.pos++
  }

  private eat(ch: string): boolean {
    if (this.text.charAt(this.pos) !== ch) return false
    this.pos++
    return true
  }
}

/** Every argument name a message reads, nested ones included (for catalogue parity checks). */
export function argumentNames(
  parts: readonly MessagePart[],
  into = new Set<string>()
): Set<string> {
  for (const part of parts) {
    if (typeof part === 'string' || part.type === 'pound') continue
    into.add(part.name)
    if (part.type === 'argument') continue
    if (part.type === 'plural') for (const body of part.exact.values()) argumentNames(body, into)
    for (const body of part.cases.values()) argumentNames(body, into)
  }
  return into
}
