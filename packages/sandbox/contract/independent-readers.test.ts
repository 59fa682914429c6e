// The contract tests compare core's reading of requests with the sandbox's; that only catches a
// misreading if the sandbox's request handling takes no code from core. Types are fine (they do
// not validate anything); a value import (a parser, a schema, a constant) is not.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, it } from 'vitest'

const dir = join(import.meta.dirname, '../src/profile-api')
const sources = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }))

/**
 * Every import or re-export from core, as written (`import type {…}`, `import {…}`, `export *…`).
 * No quote can come between `import` and `from`, so in this semicolon-free code a match never
 * spans two statements.
 */
function coreImports(text: string): string[] {
  const statement = /^(?:import|export)\b[^']*?from\s+'@intilery-connect\/core(?:\/[^']*)?'/gms
  const dynamic = /\bimport\(\s*'@intilery-connect\/core/g
  return [...(text.match(statement) ?? []), ...(text.match(dynamic) ?? [])]
}

it('the sandbox’s Profile API handlers import nothing but types from core', () => {
  expect(sources.map((s) => s.name)).toEqual(
    expect.arrayContaining(['profile-routes.ts', 'profile-segment.ts', 'events-query.ts'])
  )
  const valueImports = sources.flatMap(({ name, text }) =>
    coreImports(text)
      .filter((statement) => !/^(?:import|export) type\b/.test(statement))
      .map((statement) => `${name}: ${statement.replace(/\s+/g, ' ')}`)
  )
  expect(valueImports).toEqual([])
})
