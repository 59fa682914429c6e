// The layering (apps -> ui -> core, relay -> core, nothing imports an app, browser code never
// imports relay code) is checked on the path an import resolves to. Each forbidden edge is probed
// by package name and by relative path, in every way a module can be loaded, from sources and
// tests alike; the allowed edges must lint clean.
import { describe, expect, it } from 'vitest'

import { rulesFlagged } from './lint.ts'

const pathRule = 'import-x/no-restricted-paths'

// Every syntax that loads a module. `require` and `import =` are not how this repo writes code,
// but a rule that ignored them would be a rule with a door in it.
const forms: [string, (specifier: string) => string][] = [
  ['import', (s) => `import { x } from '${s}'\nexport const a = x`],
  ['import type', (s) => `import type { X } from '${s}'\nexport type A = X`],
  ['side-effect import', (s) => `import '${s}'`],
  ['export from', (s) => `export { x } from '${s}'`],
  ['export * from', (s) => `export * from '${s}'`],
  ['dynamic import()', (s) => `export const load = () => import('${s}')`],
  ['require()', (s) => `export const m = require('${s}')`],
  ['import = require()', (s) => `import m = require('${s}')\nexport const a = m`],
]

// [edge, importing file, the target by package name, the same target by relative path]
const forbidden: [string, string, string, string][] = [
  [
    'zendesk -> pipedrive',
    'apps/zendesk/src/x.ts',
    '@intilery-connect/pipedrive',
    '../../pipedrive/src/subject.ts',
  ],
  [
    'pipedrive -> zendesk',
    'apps/pipedrive/src/x.ts',
    '@intilery-connect/zendesk',
    '../../zendesk/src/zaf.ts',
  ],
  [
    'zendesk -> relay',
    'apps/zendesk/src/x.ts',
    '@intilery-connect/relay',
    '../../relay/src/app.ts',
  ],
  [
    'pipedrive -> relay',
    'apps/pipedrive/src/x.ts',
    '@intilery-connect/relay',
    '../../relay/src/app.ts',
  ],
  [
    'relay -> zendesk',
    'apps/relay/src/x.ts',
    '@intilery-connect/zendesk',
    '../../zendesk/src/zaf.ts',
  ],
  [
    'relay -> pipedrive',
    'apps/relay/src/x.ts',
    '@intilery-connect/pipedrive',
    '../../pipedrive/src/subject.ts',
  ],
  [
    'relay -> ui',
    'apps/relay/src/x.ts',
    '@intilery-connect/ui',
    '../../../packages/ui/src/index.ts',
  ],
  [
    'ui -> relay',
    'packages/ui/src/x.tsx',
    '@intilery-connect/relay',
    '../../../apps/relay/src/app.ts',
  ],
  [
    'ui -> zendesk',
    'packages/ui/src/x.tsx',
    '@intilery-connect/zendesk',
    '../../../apps/zendesk/src/zaf.ts',
  ],
  [
    'ui -> sandbox',
    'packages/ui/src/x.tsx',
    '@intilery-connect/sandbox',
    '../../sandbox/src/index.ts',
  ],
  ['core -> ui', 'packages/core/src/x.ts', '@intilery-connect/ui', '../../ui/src/index.ts'],
  [
    'core -> relay',
    'packages/core/src/x.ts',
    '@intilery-connect/relay',
    '../../../apps/relay/src/app.ts',
  ],
  [
    'core -> pipedrive',
    'packages/core/src/x.ts',
    '@intilery-connect/pipedrive',
    '../../../apps/pipedrive/src/subject.ts',
  ],
  [
    'core -> sandbox',
    'packages/core/src/x.ts',
    '@intilery-connect/sandbox',
    '../../sandbox/src/index.ts',
  ],
  [
    'core -> tooling',
    'packages/core/src/x.ts',
    '@intilery-connect/demo',
    '../../../tooling/demo/src/demo.ts',
  ],
  [
    'sandbox -> pipedrive',
    'packages/sandbox/src/x.ts',
    '@intilery-connect/pipedrive',
    '../../../apps/pipedrive/src/subject.ts',
  ],
  [
    'sandbox -> relay',
    'packages/sandbox/src/x.ts',
    '@intilery-connect/relay',
    '../../../apps/relay/src/app.ts',
  ],
  ['sandbox -> ui', 'packages/sandbox/src/x.ts', '@intilery-connect/ui', '../../ui/src/index.ts'],
  [
    'relay source -> sandbox',
    'apps/relay/src/x.ts',
    '@intilery-connect/sandbox',
    '../../../packages/sandbox/src/index.ts',
  ],
  [
    'zendesk source -> sandbox',
    'apps/zendesk/src/x.ts',
    '@intilery-connect/sandbox',
    '../../../packages/sandbox/src/index.ts',
  ],
  [
    'pipedrive build script -> sandbox',
    'apps/pipedrive/scripts/x.ts',
    '@intilery-connect/sandbox',
    '../../../packages/sandbox/src/index.ts',
  ],
]

const cases = forbidden.flatMap(([edge, file, byName, byPath]) =>
  forms.flatMap(([form, write]) => [
    { edge, file, form, by: 'name', code: write(byName) },
    { edge, file, form, by: 'path', code: write(byPath) },
  ])
)

describe('forbidden edges are rejected in every import form', () => {
  it.each(cases)('$edge: $form by $by', async ({ file, code }) => {
    expect(await rulesFlagged(file, code)).toContain(pathRule)
  })
})

describe('tests are under the same boundaries', () => {
  it.each([
    ['apps/pipedrive/src/subject.test.ts', '../../zendesk/src/zaf.ts'],
    ['apps/pipedrive/src/subject.test.ts', '@intilery-connect/relay'],
    ['apps/zendesk/test/sidebar.test.ts', '../../pipedrive/src/subject.ts'],
    ['apps/zendesk/test/deep/sidebar.test.ts', '../../../relay/src/app.ts'],
    ['apps/relay/test/x.test.ts', '@intilery-connect/ui'],
    ['apps/relay/src/routes/x.test.ts', '../../../zendesk/src/zaf.ts'],
    ['packages/ui/src/x.test.tsx', '../../../apps/relay/src/app.ts'],
    ['packages/ui/src/x.test.tsx', '@intilery-connect/sandbox'],
    ['packages/core/test/x.test.ts', '../../ui/src/index.ts'],
    ['packages/core/src/x.test.ts', '@intilery-connect/sandbox'],
    ['packages/sandbox/test/x.test.ts', '../../../apps/pipedrive/src/subject.ts'],
  ])('flags %s importing %s', async (file, specifier) => {
    for (const [, write] of forms) {
      expect(await rulesFlagged(file, write(specifier))).toContain(pathRule)
    }
  })
})

describe('every kind of source file in core is linted under the same rules', () => {
  it.each(['x.tsx', 'x.js', 'x.mjs', 'x.cjs', 'x.jsx', 'x.mts'])(
    'flags core/src/%s reaching into ui, relay and Node',
    async (name) => {
      const flagged = async (code: string) => rulesFlagged(`packages/core/src/${name}`, code)
      expect(await flagged("export * from '../../ui/src/index.ts'")).toContain(pathRule)
      expect(await flagged("export const m = import('@intilery-connect/relay')")).toContain(
        pathRule
      )
      expect(await flagged("export const f = import('node:fs')")).toContain(
        'import-x/no-nodejs-modules'
      )
      expect(await flagged('export const env = process.env')).toContain('no-restricted-globals')
    }
  )
})

describe('import specifiers are literals, so the paths can be checked', () => {
  it.each([
    ['apps/zendesk/src/x.ts', 'export const load = (name: string) => import(name)'],
    ['apps/pipedrive/test/x.test.ts', 'export const load = () => import(`../../relay/src/app.ts`)'],
    ['packages/ui/src/x.ts', 'export const load = (n: string) => import(`../../${n}/src/app.ts`)'],
    ['packages/core/src/x.ts', "export const load = (n: string) => import('./' + n)"],
    ['apps/relay/src/x.ts', 'export const load = (name: string) => require(name)'],
  ])('flags a computed specifier in %s', async (file, code) => {
    expect(await rulesFlagged(file, code)).toContain('no-restricted-syntax')
  })
})

describe('allowed edges lint clean', () => {
  const clean = [
    'import',
    'import type',
    'side-effect import',
    'export from',
    'export * from',
    'dynamic import()',
  ]
  it.each([
    ['apps/zendesk/src/x.ts', '@intilery-connect/ui'],
    ['apps/zendesk/src/x.ts', '@intilery-connect/core'],
    ['apps/pipedrive/src/x.ts', '@intilery-connect/ui'],
    ['apps/pipedrive/src/x.ts', './subject.ts'],
    ['apps/relay/src/x.ts', '@intilery-connect/core'],
    ['apps/relay/test/x.test.ts', '@intilery-connect/sandbox'],
    ['apps/relay/src/x.test.ts', '@intilery-connect/sandbox'],
    ['apps/relay/bench/x.ts', '@intilery-connect/sandbox'],
    ['apps/zendesk/test/x.test.ts', '../../../packages/sandbox/src/index.ts'],
    ['packages/ui/src/x.tsx', '@intilery-connect/core'],
    ['packages/sandbox/src/x.ts', '@intilery-connect/core'],
    ['packages/core/src/x.ts', 'zod/mini'],
    ['packages/core/src/x.ts', './profile/ref.ts'],
    ['packages/core/vitest.config.ts', '../../vitest.shared.ts'],
    ['tooling/e2e/src/x.ts', '../../../apps/zendesk/dist/assets/main.js'],
    ['tooling/e2e/src/x.ts', '@intilery-connect/relay'],
    ['tooling/demo/src/x.ts', '../../../apps/relay/src/app.ts'],
  ])('lets %s import %s', async (file, specifier) => {
    for (const [form, write] of forms.filter(([name]) => clean.includes(name))) {
      expect(await rulesFlagged(file, write(specifier)), form).toEqual([])
    }
  })
})
