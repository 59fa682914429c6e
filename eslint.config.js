// One lint setup for the whole monorepo. Beyond code quality it enforces the architecture:
//  - packages/core is runtime-agnostic: no DOM globals, no Node built-ins, no `process`;
//  - dependencies point one way (apps -> ui -> core, relay -> core), nothing imports an app, and
//    browser code never imports relay code. These are checked on the imported file's path, so a
//    package name, a relative path, `export … from`, `import()` and `require()` are all caught.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const root = import.meta.dirname
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

// Every kind of source file, so a .js or .tsx file is under the same rules as a .ts one.
const code = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'
const codeIn = (...dirs) => dirs.map((dir) => `${dir}/**/${code}`)
const testFiles = ['**/*.test.*', '**/test/**', '**/bench/**', '**/contract/**']

// --- Layering, on paths ---------------------------------------------------------------------
// import-x resolves each specifier to a file, then no-restricted-paths matches it against zones.
// pnpm only links a package's declared dependencies, so an undeclared workspace package or a
// mistyped relative path would not resolve and would slip through; the fallback below resolves
// those on names and paths alone, which is all a zone needs.
// The groups of pnpm-workspace.yaml.
const workspacePackages = new Map(
  ['apps', 'packages', 'tooling'].flatMap((group) =>
    readdirSync(path.join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = path.join(root, group, entry.name)
        try {
          return [[JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name, dir]]
        } catch {
          return []
        }
      })
  )
)
const unresolvedFallback = {
  interfaceVersion: 3,
  name: 'intilery-connect:workspace-paths',
  resolve(specifier, sourceFile) {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      return { found: true, path: path.resolve(path.dirname(sourceFile), specifier) }
    }
    const name = specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/')
    const dir = workspacePackages.get(name)
    return dir ? { found: true, path: dir } : { found: false }
  },
}

const area = {
  core: 'packages/core',
  ui: 'packages/ui',
  sandbox: 'packages/sandbox',
  relay: 'apps/relay',
  zendesk: 'apps/zendesk',
  pipedrive: 'apps/pipedrive',
}
const appMessage = 'Nothing imports an app: move shared code to packages/core or packages/ui.'
const relayMessage = 'Browser code never imports relay code: the relay holds secrets.'
const upwardMessage = 'Dependencies point one way: apps -> ui -> core, relay -> core.'
// tooling/* (e2e, demo, repo checks) is no zone's target: it drives built apps and the relay.
const zones = [
  {
    target: area.core,
    from: '.',
    except: [`./${area.core}`, './node_modules', './vitest.shared.ts'],
    message: 'packages/core depends on nothing else in this repository (apps -> ui -> core).',
  },
  {
    target: 'packages/personalize',
    from: '.',
    except: ['./packages/personalize', './node_modules', './vitest.shared.ts'],
    message: 'packages/personalize depends on nothing in this repository: sites ship it as it is.',
  },
  { target: [area.ui, area.zendesk, area.pipedrive], from: area.relay, message: relayMessage },
  { target: area.sandbox, from: area.relay, message: appMessage },
  {
    target: [area.ui, area.sandbox, area.relay, area.pipedrive],
    from: area.zendesk,
    message: appMessage,
  },
  {
    target: [area.ui, area.sandbox, area.relay, area.zendesk],
    from: area.pipedrive,
    message: appMessage,
  },
  { target: [area.relay, area.sandbox], from: area.ui, message: upwardMessage },
  {
    // The export brings DuckDB (70 MB of native code): `relay export` loads it, the server never.
    target: [`${area.relay}/src/*.ts`, `${area.relay}/src/!(cli|export)/**`],
    from: `${area.relay}/src/export`,
    message: 'Only `relay export` (cli/) loads the export: the server must not start DuckDB.',
  },
  {
    target: area.ui,
    from: area.sandbox,
    message: 'Only tests, benchmarks and the demo may use the sandbox.',
  },
]
// Production code of the apps may not use the sandbox either; their tests and benchmarks may.
const productionZones = [
  ...zones,
  {
    target: [area.relay, area.zendesk, area.pipedrive],
    from: area.sandbox,
    message: 'Only tests, benchmarks and the demo may use the sandbox.',
  },
]
const restrictPaths = (list) => ['error', { basePath: root, zones: list }]

// A computed specifier cannot be resolved, so it would get past the zones.
const literalSpecifiers = [
  {
    selector: "ImportExpression[source.type!='Literal']",
    message: 'import() takes a string literal, so lint can check what it loads.',
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.type!='Literal']",
    message: 'require() takes a string literal, so lint can check what it loads.',
  },
]
const htmlSinks = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'Render data as text: no dangerouslySetInnerHTML.',
  },
  {
    selector: 'AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
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
]
const coreRuntime = [
  {
    selector:
      "MemberExpression[object.name='globalThis'][property.name=/^(process|Buffer|window|document|navigator|global|require)$/]",
    message: coreMessage,
  },
]
// Core is typed TypeScript source: JSX belongs in packages/ui, and JavaScript would escape the
// type check (core's tsconfig has no allowJs) that its consumers rely on.
const coreTypeScriptOnly = [
  {
    selector: 'Program',
    message: 'packages/core holds .ts files only: JSX goes in packages/ui, JavaScript is untyped.',
  },
]
const notTypeScript = '*.{tsx,jsx,js,mjs,cjs}'
const syntax = (...groups) => ['error', ...groups.flat()]

// Code shipped to browsers validates with zod/mini: classic zod builds every schema method into
// each schema, so bundlers keep all of it (two thirds of the sidebar's script before the switch).
const classicZod = {
  name: 'zod',
  message: "Browser-shipped code imports from 'zod/mini' (see docs/benchmarks.md, bench:zendesk).",
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
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
    files: ['**/*.{js,jsx,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts the sandbox serves to browsers (the Zendesk host page's).
    files: ['packages/sandbox/src/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  // Layering. Tests are under the same zones; only the sandbox is theirs alone.
  {
    files: codeIn('apps', 'packages'),
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver(), unresolvedFallback] },
    rules: { 'import-x/no-restricted-paths': restrictPaths(zones) },
  },
  {
    files: codeIn('apps', 'packages'),
    ignores: testFiles,
    rules: { 'import-x/no-restricted-paths': restrictPaths(productionZones) },
  },
  // no-restricted-syntax: each entry lists every group that applies (later entries replace).
  {
    files: codeIn('apps', 'packages'),
    // This benchmark loads the core bundle it builds, from a path known only at run time, and the
    // catalogue compiler (and its test) loads each catalogue part the app's build asks it for.
    ignores: ['packages/sandbox/bench/**', 'packages/core/build/**'],
    rules: { 'no-restricted-syntax': syntax(literalSpecifiers) },
  },
  {
    // Profile and event data is rendered as text only: no markup sinks in browser code.
    files: codeIn(area.ui, area.zendesk, area.pipedrive),
    rules: { 'no-restricted-syntax': syntax(literalSpecifiers, htmlSinks) },
  },
  {
    files: codeIn(`${area.core}/src`),
    ignores: testFiles,
    rules: {
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-globals': ['error', ...coreForbiddenGlobals],
      'no-restricted-imports': ['error', { paths: [classicZod] }],
      'no-restricted-syntax': syntax(literalSpecifiers, coreRuntime),
    },
  },
  {
    files: [`${area.core}/**/${notTypeScript}`],
    rules: { 'no-restricted-syntax': syntax(literalSpecifiers, coreTypeScriptOnly) },
  },
  {
    files: [`${area.core}/src/**/${notTypeScript}`],
    ignores: testFiles,
    rules: { 'no-restricted-syntax': syntax(literalSpecifiers, coreRuntime, coreTypeScriptOnly) },
  },
  {
    // The iframe pages and the shared UI (build scripts run in Node and may use classic zod).
    files: codeIn(`${area.ui}/src`, `${area.zendesk}/src`, `${area.pipedrive}/src`),
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod] }] },
  },
  {
    files: testFiles,
    rules: { 'no-console': 'off' },
  }
)
