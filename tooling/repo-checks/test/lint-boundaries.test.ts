// The architecture is enforced by lint, so lint itself is tested: each rule must flag a violating
// snippet at a path where it applies, and stay quiet where the code is allowed.
import { fileURLToPath } from 'node:url'

import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
// Type information is irrelevant to these rules and unavailable for snippets outside any tsconfig.
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: [tseslint.configs.disableTypeChecked] })

async function rulesFlagged(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

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
      'no-restricted-imports',
    ],
    ['fs without prefix', "import fs from 'fs'\nexport const f = fs", 'no-restricted-imports'],
    [
      'fs/promises',
      "import { readFile } from 'fs/promises'\nexport const r = readFile",
      'no-restricted-imports',
    ],
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

  it('lets core tests use Node', async () => {
    expect(
      await rulesFlagged('packages/core/src/thing.test.ts', 'export const x = process.env.CI')
    ).toEqual([])
  })
})

describe('nothing imports an app', () => {
  it.each([
    [
      'packages/core/src/a.ts',
      "import { createApp } from '@intilery-connect/relay'\nexport const a = createApp",
    ],
    [
      'packages/ui/src/a.tsx',
      "import { mount } from '@intilery-connect/zendesk'\nexport const a = mount",
    ],
    [
      'packages/sandbox/src/a.ts',
      "import { x } from '../../../apps/pipedrive/src/panel.ts'\nexport const a = x",
    ],
    [
      'apps/zendesk/src/a.ts',
      "import { panel } from '@intilery-connect/pipedrive'\nexport const a = panel",
    ],
    [
      'apps/relay/src/a.ts',
      "import { mount } from '@intilery-connect/zendesk'\nexport const a = mount",
    ],
  ])('flags an app import in %s', async (file, code) => {
    expect(await rulesFlagged(file, code)).toContain('no-restricted-imports')
  })

  it('flags core importing the ui package (dependencies point apps -> ui -> core)', async () => {
    const code = "import { ProfileCard } from '@intilery-connect/ui'\nexport const a = ProfileCard"
    expect(await rulesFlagged('packages/core/src/a.ts', code)).toContain('no-restricted-imports')
  })
})

describe('browser code never imports relay code', () => {
  it.each([
    [
      'apps/zendesk/src/a.ts',
      "import { config } from '@intilery-connect/relay/config'\nexport const a = config",
    ],
    [
      'apps/pipedrive/src/a.ts',
      "import { secrets } from '../../relay/src/secrets.ts'\nexport const a = secrets",
    ],
    [
      'packages/ui/src/a.tsx',
      "import { tenants } from '@intilery-connect/relay'\nexport const a = tenants",
    ],
  ])('flags a relay import in %s', async (file, code) => {
    expect(await rulesFlagged(file, code)).toContain('no-restricted-imports')
  })

  it('lets the relay and the apps import core', async () => {
    const code =
      "import { parseProfileRef } from '@intilery-connect/core'\nexport const p = parseProfileRef"
    expect(await rulesFlagged('apps/relay/src/a.ts', code)).toEqual([])
    expect(await rulesFlagged('apps/zendesk/src/a.ts', code)).toEqual([])
    expect(await rulesFlagged('packages/ui/src/a.tsx', code)).toEqual([])
  })
})

describe('production code never imports the sandbox', () => {
  it('flags the sandbox in relay sources but allows it in relay tests', async () => {
    const code =
      "import { startSandbox } from '@intilery-connect/sandbox'\nexport const s = startSandbox"
    expect(await rulesFlagged('apps/relay/src/a.ts', code)).toContain('no-restricted-imports')
    expect(await rulesFlagged('apps/relay/src/a.test.ts', code)).toEqual([])
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
