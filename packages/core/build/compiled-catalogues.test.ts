// Catalogues compiled at build time must be the parser's output exactly, in every locale, and the
// browser's stand-in for the parser must parse nothing (a pattern that was not compiled reads as its
// text). The built sidebar itself is checked in apps/zendesk/test/built-app.test.ts.
import { describe, expect, it } from 'vitest'

import { catalogueLoaders, SUPPORTED_LOCALES } from '../src/i18n/catalogues/index.ts'
import { parseMessage } from '../src/i18n/message-syntax.ts'
import { compiledModuleSource, PARSER_STUB, partsSource } from './compiled-catalogues.ts'

/** Evaluates generated module source the way a browser would load the chunk. */
const evaluate = async (source: string) =>
  (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<string, unknown>

describe('compiled catalogues', () => {
  it.each(SUPPORTED_LOCALES)('give the parser’s parts for every %s message', async (locale) => {
    const catalogue = (await catalogueLoaders[locale]()) as Record<string, string>
    const compiled = (await evaluate(compiledModuleSource({ messages: catalogue }))).messages as
      Record<string, unknown> | undefined
    expect(Object.keys(compiled ?? {})).toEqual(Object.keys(catalogue))
    for (const [id, text] of Object.entries(catalogue))
      expect({ id, parts: compiled?.[id] }).toEqual({ id, parts: parseMessage(text) })
  })

  it('writes plurals, selects and data-like text as code that evaluates to the same parts', async () => {
    const pattern =
      "{n, plural, =0 {none} one {# item} other {{kind, select, __proto__ {x} other {# ''{y}''}}}} \u2028</script>"
    const { parts } = await evaluate(`export const parts = ${partsSource(parseMessage(pattern))}`)
    expect(parts).toEqual(parseMessage(pattern))
  })

  it('refuses a part module that is not an object of texts, rather than ship it', () => {
    expect(() => compiledModuleSource({ broken: 'text' })).toThrow(TypeError)
    expect(() => compiledModuleSource({ broken: { id: 42 } })).toThrow(TypeError)
  })
})

describe('the parser’s stand-in in the browser', () => {
  it('parses nothing, so core shows a pattern that was not compiled as its text', async () => {
    const stub = await evaluate(PARSER_STUB)
    const parse = stub.parseMessage as (pattern: string) => unknown
    expect(() => parse('{n, plural, other {#}}')).toThrow('compiled at build time')
    expect((stub.argumentNames as () => Set<string>)().size).toBe(0)
  })
})
