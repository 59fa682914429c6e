/**
 * Builds the app in Zendesk's layout: dist/manifest.json, dist/translations/*.json, dist/assets/
 * (index.html, its script and styles, logos, screenshots) and dist/app.zip, ready to upload.
 * `relayDomains` fills the manifest's domainWhitelist: the relay hosts Zendesk's proxy may send
 * the shared secret's signatures to. Zendesk takes that list from the uploaded app only and does not
 * substitute settings in it (docs/zendesk-packaging.md), so each relay host needs its own build; the
 * same list is compiled into the sidebar, which tells the admin when the relay URL setting names a
 * host this build cannot reach instead of letting every call fail.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { zipSync } from 'fflate'
import { build } from 'vite'

import { appFiles } from './app-files.ts'

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url))

export interface BuildOptions {
  readonly outDir?: string | undefined
  readonly relayDomains?: readonly string[] | undefined
}

export async function buildApp(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? join(APP_DIR, 'dist')
  rmSync(outDir, { recursive: true, force: true })
  const manifest = JSON.parse(readFileSync(join(APP_DIR, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >
  if (options.relayDomains !== undefined) manifest.domainWhitelist = [...options.relayDomains]
  await build({
    configFile: false,
    define: { __RELAY_HOSTS__: JSON.stringify(manifest.domainWhitelist ?? []) },
    root: join(APP_DIR, 'src'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir: join(outDir, 'assets'),
      emptyOutDir: false,
      target: 'es2022',
      // One entry script and no lazy chunks on the first paint: the preload polyfill only costs.
      modulePreload: false,
      // Zendesk serves assets from a per-deploy path; fixed names keep index.html simple to read.
      rollupOptions: {
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: '[name].js',
          assetFileNames: '[name][extname]',
        },
      },
    },
  })
  cpSync(join(APP_DIR, 'assets'), join(outDir, 'assets'), { recursive: true })
  cpSync(join(APP_DIR, 'translations'), join(outDir, 'translations'), { recursive: true })
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  mkdirSync(outDir, { recursive: true })
  const entries = Object.fromEntries(
    appFiles(outDir).map((file) => [file, readFileSync(join(outDir, file))])
  )
  writeFileSync(join(outDir, 'app.zip'), zipSync(entries, { level: 9 }))
  return outDir
}
