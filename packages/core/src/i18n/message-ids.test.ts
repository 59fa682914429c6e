// No shipped code path may emit a message id the catalogues lack: `t()` would show the raw id to an
// agent. Literal ids in the source are checked here; ids built from data (`profile.trait.${key}`)
// are checked where their key lists live (format-profile.test.ts), and every formatter's output is
// checked for leftover ids in its own tests, in every locale.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { en as englishCatalogue } from './catalogues/en/index.ts'

const src = fileURLToPath(new URL('..', import.meta.url))
const english = new Set(Object.keys(englishCatalogue))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name)
    if (item.isDirectory())
      return item.name === 'catalogues' || item.name === 'test' ? [] : sourceFiles(path)
    return item.name.endsWith('.ts') && !item.name.endsWith('.test.ts') ? [path] : []
  })
}

const LITERAL_ID = /['"`]((?:common|profile|timeline|pipedrive)\.[A-Za-z][\w.]*)['"`]/g
const TEMPLATE_PREFIX = /`((?:common|profile|timeline|pipedrive)\.[\w.]*)\$\{/g

describe('message ids in shipped code', () => {
  const files = sourceFiles(src)

  it('finds the formatters (the scan is not vacuous)', () => {
    const names = files.map((file) => relative(src, file))
    expect(names).toEqual(
      expect.arrayContaining(['format/format-profile.ts', 'summary/summarize.ts'])
    )
  })

  it('uses only ids the English catalogue defines', () => {
    const unknown: string[] = []
    let seen = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const [, id] of text.matchAll(LITERAL_ID)) {
        seen++
        if (id !== undefined && !english.has(id)) unknown.push(`${relative(src, file)}: ${id}`)
      }
      for (const [, prefix] of text.matchAll(TEMPLATE_PREFIX)) {
        seen++
        if (![...english].some((id) => prefix !== undefined && id.startsWith(prefix))) {
          unknown.push(`${relative(src, file)}: ${prefix}…`)
        }
      }
    }
    expect(seen).toBeGreaterThan(20)
    expect(unknown).toEqual([])
  })
})
