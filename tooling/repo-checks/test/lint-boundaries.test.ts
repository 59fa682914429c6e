// The architecture is enforced by lint, so lint itself is tested: each rule must flag a violating
// snippet at a path where it applies, and stay quiet where the code is allowed. The import layering
// has its own file (lint-import-paths.test.ts).
import { describe, expect, it } from 'vitest'

import { rulesFlagged } from './lint.ts'

describe('packages/core stays runtime-agnostic', () => {
  it.each([
    ['process', 'export const level = process.env.LOG_LEVEL', 'no-restricted-globals'],
    ['Buffer', "export const b = Buffer.from('x')", 'no-restricted-globals'],
    ['window', 'export const href = window.location.href', 'no-restricted-globals'],
    ['document', 'export const title = document.title', 'no-restricted-globals'],
    ['localStorage', "export const x = localStorage.getItem('k')", 'no-restricted-globals'],
    ['globalThis.process', 'export const p = globalThis.process', 'no-restricted-syntax'],
    [
      'node:crypto',
      "import { createHash } from 'node:crypto'\nexport const h = createHash",
      'import-x/no-nodejs-modules',
    ],
    ['fs without prefix', "import fs from 'fs'\nexport const f = fs", 'import-x/no-nodejs-modules'],
    [
      'fs/promises',
      "import { readFile } from 'fs/promises'\nexport const r = readFile",
      'import-x/no-nodejs-modules',
    ],
    ['import() of a built-in', "export const f = import('node:fs')", 'import-x/no-nodejs-modules'],
    ['require() of a built-in', "export const f = require('path')", 'import-x/no-nodejs-modules'],
    ['re-export of a built-in', "export { join } from 'node:path'", 'import-x/no-nodejs-modules'],
  ])('flags %s in core sources', async (_label, code, rule) => {
    expect(await rulesFlagged('packages/core/src/violation.ts', code)).toContain(rule)
  })

  it('allows web-platform globals (fetch, URL, AbortSignal, crypto) in core', async () => {
    const code = [
      "export const u = new URL('https://example.com')",
      "export const r = fetch('https://example.com', { signal: AbortSignal.timeout(5) })",
      'export const id = crypto.randomUUID()',
    ].join('\n')
    expect(await rulesFlagged('packages/core/src/allowed.ts', code)).toEqual([])
  })

  it.each(['src/x.tsx', 'src/x.jsx', 'src/x.js', 'src/x.mjs', 'src/x.cjs', 'test/x.test.js'])(
    'rejects packages/core/%s: core is TypeScript source without JSX',
    async (name) => {
      expect(await rulesFlagged(`packages/core/${name}`, 'export const x = 1')).toContain(
        'no-restricted-syntax'
      )
    }
  )

  it('accepts .ts and .mts files in core', async () => {
    for (const name of ['src/x.ts', 'src/x.mts', 'test/x.test.ts']) {
      expect(await rulesFlagged(`packages/core/${name}`, 'export const x = 1')).toEqual([])
    }
  })

  it('lets core tests use Node', async () => {
    expect(
      await rulesFlagged('packages/core/src/thing.test.ts', 'export const x = process.env.CI')
    ).toEqual([])
  })
})

describe('browser code renders data as text', () => {
  it.each([
    [
      'dangerouslySetInnerHTML',
      'export const A = (p) => <div dangerouslySetInnerHTML={{ __html: p.x }} />',
    ],
    ['innerHTML', 'export function f(el, x) { el.innerHTML = x }'],
    ['outerHTML', 'export function f(el, x) { el.outerHTML = x }'],
    ['insertAdjacentHTML', "export function f(el, x) { el.insertAdjacentHTML('beforeend', x) }"],
    ['document.write', 'export function f(x) { document.write(x) }'],
  ])('flags %s in ui and app sources', async (_label, code) => {
    for (const path of ['packages/ui/src/x.tsx', 'apps/zendesk/src/x.tsx']) {
      expect(await rulesFlagged(path, code)).toContain('no-restricted-syntax')
    }
  })

  it('allows text content and attributes', async () => {
    const code =
      'export const A = (p) => <p title={p.x}>{p.x}</p>\nexport function f(el, x) { el.textContent = x }'
    expect(await rulesFlagged('packages/ui/src/ok.tsx', code)).toEqual([])
  })
})

describe('browser-shipped code validates with zod/mini', () => {
  const classic = "import { z } from 'zod'\nexport const s = z.string()"
  const mini = "import { z } from 'zod/mini'\nexport const s = z.string()"

  it.each([
    'packages/core/src/schemas/violation.ts',
    'packages/ui/src/violation.ts',
    'apps/zendesk/src/violation.ts',
    'apps/pipedrive/src/violation.ts',
  ])('flags classic zod in %s', async (path) => {
    expect(await rulesFlagged(path, classic)).toContain('no-restricted-imports')
    expect(await rulesFlagged(path, mini)).toEqual([])
  })

  it.each(['apps/relay/src/allowed.ts', 'apps/zendesk/scripts/allowed.ts'])(
    'lets Node-only code use classic zod (%s)',
    async (path) => {
      expect(await rulesFlagged(path, classic)).toEqual([])
    }
  )
})
