// The relay's host-free parts name no host: a host's name, tables and fields live under
// src/hosts/<host>/ (and the registry), so adding a host touches no shared file. Code only:
// comments may give hosts as examples, and tests' fixtures (suite/, testing/) hosts' sample data. The one exception is 0001_initial, a released migration
// that created the first hosts' tables before host modules existed (migrations never change).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))
const HOST_NAMES = /zendesk|pipedrive/i

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return ['hosts', 'suite', 'testing'].includes(entry.name) ? [] : sourceFiles(path)
    return /(?<!\.test|\.suite)\.ts$/.test(entry.name) ? [path] : []
  })
}

/** The code without its comments (string contents are kept: a table name is code). */
const codeOf = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')

it('names no host outside src/hosts/, code only', () => {
  const files = sourceFiles(SRC).map((path) => relative(SRC, path))
  expect(files).toContain('app.ts')
  expect(files).toContain('store/tenant-store.ts')
  const naming = files.filter((file) => {
    const code = codeOf(readFileSync(join(SRC, file), 'utf8'))
    const text =
      file === 'store/migrations.ts'
        ? code.replace(/const initial: Migration = \{[\s\S]*?\n\}\n/, '')
        : code
    return HOST_NAMES.test(text)
  })
  expect(naming).toEqual([])
})
