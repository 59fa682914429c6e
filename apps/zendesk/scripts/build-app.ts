/**
 * Builds the app in Zendesk's layout: dist/manifest.json, dist/translations/*.json, dist/assets/
 * (index.html, its script and styles, logos, screenshots) and dist/app.zip, ready to upload.
 * `relayDomains` fills the manifest's domainWhitelist: the relay hosts Zendesk's proxy may send
 * the shared secret's signatures to. Zendesk takes that list from the uploaded app only and does not
 * substitute settings in it (docs/zendesk-packaging.md), so each relay host needs its own build; the
 * same list is compiled into the sidebar, which tells the admin when the relay URL setting names a
 * host this build cannot reach instead of letting every call fail.
 *
 * The app is built in a staging folder beside outDir and checked against Zendesk's rules there; only
 * a valid app replaces outDir. A refused build removes outDir too, so no app.zip from an earlier
 * build (for another relay host, or a bad one) is left where an admin would pick it up.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { compiledCatalogues } from '@intilery-connect/core/build/compiled-catalogues'
import { zipSync } from 'fflate'
import { build } from 'vite'

import { appFiles } from './app-files.ts'
import { domainWhitelistProblems, validateApp } from './validate-app.ts'

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url))

export interface BuildOptions {
  readonly outDir?: string | undefined
  readonly relayDomains?: readonly string[] | undefined
}

/** The build would break Zendesk's rules; nothing was written and outDir no longer exists. */
export class AppRefusedError extends Error {
  override readonly name = 'AppRefusedError'
  constructor(
    readonly problems: readonly string[],
    /** The relay hosts given to the build that are not bare host names (empty when they all are). */
    readonly badRelayDomains: readonly string[],
    readonly outDir: string
  ) {
    super(`The Zendesk app breaks Zendesk's rules:\n- ${problems.join('\n- ')}`)
  }
}

export async function buildApp(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? join(APP_DIR, 'dist')
  const manifest = JSON.parse(readFileSync(join(APP_DIR, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >
  if (options.relayDomains !== undefined) manifest.domainWhitelist = [...options.relayDomains]
  // Checked before the slow bundling: a relay host given as a URL is the likely mistake.
  const badRelayDomains = (options.relayDomains ?? []).filter(
    (domain) => domainWhitelistProblems([domain]).length > 0
  )
  if (badRelayDomains.length > 0) {
    rmSync(outDir, { recursive: true, force: true })
    throw new AppRefusedError(domainWhitelistProblems(badRelayDomains), badRelayDomains, outDir)
  }
  mkdirSync(dirname(outDir), { recursive: true })
  // Beside outDir, so the final rename stays on one file system.
  const staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}-staging-`))
  try {
    await bundle(manifest, staging)
    const problems = validateApp(staging)
    if (problems.length > 0) throw new AppRefusedError(problems, [], outDir)
    const entries = Object.fromEntries(
      appFiles(staging).map((file) => [file, readFileSync(join(staging, file))])
    )
    writeFileSync(join(staging, 'app.zip'), zipSync(entries, { level: 9 }))
    rmSync(outDir, { recursive: true, force: true })
    renameSync(staging, outDir)
    return outDir
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true })
    throw error
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** The app's files in Zendesk's layout, in `dir`: manifest, translations and the bundled assets. */
async function bundle(manifest: Record<string, unknown>, dir: string): Promise<void> {
  await build({
    configFile: false,
    define: { __RELAY_HOSTS__: JSON.stringify(manifest.domainWhitelist ?? []) },
    // Catalogues ship parsed, and the message parser stays out of the sidebar's script.
    plugins: [compiledCatalogues()],
    root: join(APP_DIR, 'src'),
    base: './',
    logLevel: 'warn',
    build: {
      outDir: join(dir, 'assets'),
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
          // Everything the entry imports statically stays in the entry: without this, modules the
          // entry shares with a lazy part (zod, with the filter planner) become a second up-front
          // script, one more request and a worse gzip than one file.
          codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
        },
      },
    },
  })
  cpSync(join(APP_DIR, 'assets'), join(dir, 'assets'), { recursive: true })
  cpSync(join(APP_DIR, 'translations'), join(dir, 'translations'), { recursive: true })
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
}
