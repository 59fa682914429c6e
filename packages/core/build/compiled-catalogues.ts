/**
 * @module build/compiled-catalogues
 * A Vite plugin for the browser apps: the catalogues are compiled at build time, each message
 * shipped already parsed, and the ICU-subset parser (src/i18n/message-syntax.ts) is left out of the
 * bundle. FormatJS recommends the same for its messages (precompiled ASTs, no parser in the app).
 * The sidebar's up-front script has a budget (bench:zendesk), and the parser was 1.1 KB gzip of it;
 * a compiled message also costs no parse on the first paint.
 *
 * - Each catalogue part (`src/i18n/catalogues/<locale>/<part>.ts`, one exported object of texts)
 *   is loaded by importing it here, at build time, and emitted as the same object whose values are
 *   the parser's output written as JavaScript (Maps as `new Map([...])`).
 * - message-syntax.ts is replaced by a module that parses nothing: core's compileMessage then
 *   shows a pattern that was not compiled as its text (no browser code formats ad-hoc patterns).
 *
 * Node (the relay, the CLI, the tests) uses the catalogues as written, parsed on first use.
 */
import { pathToFileURL } from 'node:url'

import type { Plugin } from 'vite'

import { parseMessage, type MessagePart } from '../src/i18n/message-syntax.ts'

const CATALOGUE_PART = /[\\/]src[\\/]i18n[\\/]catalogues[\\/][^\\/]+[\\/](?!index\.ts)[^\\/]+\.ts$/
const MESSAGE_SYNTAX = /[\\/]src[\\/]i18n[\\/]message-syntax\.ts$/

/** What the browser gets instead of the parser: the same exports, parsing nothing. */
export const PARSER_STUB = `
export class MessageSyntaxError extends Error {
  constructor(message, pattern, offset) {
    super(message)
    this.name = 'MessageSyntaxError'
    this.pattern = pattern
    this.offset = offset
  }
}
export function parseMessage(pattern) {
  throw new MessageSyntaxError('Messages are compiled at build time', pattern, 0)
}
export function argumentNames() {
  return new Set()
}
`

const text = (value: string | number | boolean) => JSON.stringify(value)

function casesSource<K extends string | number>(cases: ReadonlyMap<K, readonly MessagePart[]>) {
  const entries = [...cases].map(([key, body]) => `[${text(key)},${partsSource(body)}]`)
  return `new Map([${entries.join(',')}])`
}

/** Parsed parts as a JavaScript expression that evaluates to the same parts. */
export function partsSource(parts: readonly MessagePart[]): string {
  const items = parts.map((part) => {
    if (typeof part === 'string') return text(part)
    switch (part.type) {
      case 'pound':
        return '{type:"pound"}'
      case 'argument':
        return `{type:"argument",name:${text(part.name)}}`
      case 'select':
        return `{type:"select",name:${text(part.name)},cases:${casesSource(part.cases)}}`
      case 'plural':
        return (
          `{type:"plural",name:${text(part.name)},ordinal:${text(part.ordinal)},` +
          `exact:${casesSource(part.exact)},cases:${casesSource(part.cases)}}`
        )
    }
  })
  return `[${items.join(',')}]`
}

/** One catalogue part module's exports, each message compiled. */
export function compiledModuleSource(exports: Readonly<Record<string, unknown>>): string {
  return Object.entries(exports)
    .map(([name, messages]) => {
      if (typeof messages !== 'object' || messages === null)
        throw new TypeError(`Catalogue part export ${name} is not an object of messages`)
      const entries = Object.entries(messages).map(([id, pattern]) => {
        if (typeof pattern !== 'string') throw new TypeError(`Message ${id} is not text`)
        return `${text(id)}:${partsSource(parseMessage(pattern))}`
      })
      return `export const ${name} = {${entries.join(',')}}\n`
    })
    .join('')
}

export function compiledCatalogues(): Plugin {
  return {
    name: 'intilery:compiled-catalogues',
    enforce: 'pre',
    async load(id) {
      if (MESSAGE_SYNTAX.test(id)) return PARSER_STUB
      if (!CATALOGUE_PART.test(id) || id.endsWith('.test.ts')) return null
      // Imported as the app's build runs (tsx or vitest load the TypeScript); a message that does
      // not parse fails the build here rather than showing as raw text.
      const exports = (await import(pathToFileURL(id).href)) as Record<string, unknown>
      return compiledModuleSource(exports)
    },
  }
}
