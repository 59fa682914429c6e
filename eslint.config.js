// One lint setup for the whole monorepo. Beyond code quality it enforces the architecture:
//  - packages/core is runtime-agnostic: no DOM globals, no Node built-ins, no `process`;
//  - nothing imports an app; browser code never imports relay code.
import { builtinModules } from 'node:module'

import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const shared = new Set(Object.keys(globals['shared-node-browser']))
const onlyIn = (env) => Object.keys(env).filter((name) => !shared.has(name))

const coreMessage = 'packages/core runs in browsers, Node and edge runtimes: inject it instead.'
// Recent Node versions expose a few browser APIs too, so `globals` lists them as shared; they are
// still not available on every runtime core targets (edge workers have no storage or navigator).
const notPortable = [
  'localStorage',
  'sessionStorage',
  'Storage',
  'navigator',
  'Navigator',
  'Temporal',
]
const coreForbiddenGlobals = [
  ...onlyIn(globals.browser),
  ...onlyIn(globals.node),
  ...notPortable,
].map((name) => ({
  name,
  message: coreMessage,
}))

const scope = '@intilery-connect'
const apps = ['relay', 'zendesk', 'pipedrive']
const appImports = {
  group: [
    ...apps.map((app) => `${scope}/${app}`),
    ...apps.map((app) => `${scope}/${app}/*`),
    '**/apps/**',
  ],
  message: 'Nothing imports an app: move shared code to packages/core or packages/ui.',
}
const relayImports = {
  group: [`${scope}/relay`, `${scope}/relay/*`, '**/relay/**'],
  message: 'Browser code never imports relay code: the relay holds secrets.',
}
const sandboxImports = {
  group: [`${scope}/sandbox`, `${scope}/sandbox/*`],
  message: 'Only tests, benchmarks and the demo may use the sandbox.',
}
const nodeBuiltinImports = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((name) => `${name}/*`)],
  message: coreMessage,
}
const upwardImports = (...names) => ({
  group: names.flatMap((name) => [`${scope}/${name}`, `${scope}/${name}/*`]),
  message: 'Dependencies point one way: apps -> ui -> core.',
})
const restrict = (...patterns) => ['error', { patterns }]
// Code shipped to browsers validates with zod/mini: classic zod builds every schema method into
// each schema, so bundlers keep all of it (two thirds of the sidebar's script before the switch).
const classicZod = {
  name: 'zod',
  message: "Browser-shipped code imports from 'zod/mini' (see docs/benchmarks.md, bench:zendesk).",
}
const restrictInBrowser = (...patterns) => ['error', { paths: [classicZod], patterns }]

const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/test/**', '**/bench/**', '**/contract/**']

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts the sandbox serves to browsers (the Zendesk host page's).
    files: ['packages/sandbox/src/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  // Layering: each area gets one no-restricted-imports entry (later entries replace earlier ones).
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(appImports, sandboxImports, upwardImports('ui')),
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
      'no-restricted-imports': restrictInBrowser(
        appImports,
        sandboxImports,
        upwardImports('ui'),
        nodeBuiltinImports
      ),
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='globalThis'][property.name=/^(process|Buffer|window|document|navigator|global|require)$/]",
          message: coreMessage,
        },
      ],
    },
  },
  {
    files: ['packages/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict(appImports, relayImports, sandboxImports) },
  },
  {
    files: ['packages/ui/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': restrictInBrowser(appImports, relayImports, sandboxImports) },
  },
  {
    // Profile and event data is rendered as text only: no markup sinks in browser code.
    files: [
      'packages/ui/**/*.{ts,tsx}',
      'apps/zendesk/**/*.{ts,tsx}',
      'apps/pipedrive/**/*.{ts,tsx}',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render data as text: no dangerouslySetInnerHTML.',
        },
        {
          selector:
            'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Render data as text: no innerHTML/outerHTML.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Render data as text: no HTML-parsing DOM calls.',
        },
        {
          selector:
            "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
          message: 'Render data as text: no HTML-parsing DOM calls.',
        },
      ],
    },
  },
  {
    files: ['packages/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(appImports, upwardImports('ui')) },
  },
  {
    files: ['apps/zendesk/**/*.{ts,tsx}', 'apps/pipedrive/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        relayImports,
        sandboxImports,
        upwardImports('zendesk', 'pipedrive')
      ),
    },
  },
  {
    // The iframe pages themselves (build scripts run in Node and may use classic zod).
    files: ['apps/zendesk/src/**/*.{ts,tsx}', 'apps/pipedrive/src/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrictInBrowser(
        relayImports,
        sandboxImports,
        upwardImports('zendesk', 'pipedrive')
      ),
    },
  },
  {
    files: ['apps/relay/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': restrict(
        sandboxImports,
        upwardImports('ui', 'zendesk', 'pipedrive')
      ),
    },
  },
  {
    files: testFiles,
    rules: { 'no-console': 'off' },
  }
)
