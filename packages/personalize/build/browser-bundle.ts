/**
 * @module build/browser-bundle
 * The browser helper as one minified ES module, built with esbuild: what `pnpm build` writes to
 * dist/personalize.js for a site to serve, what the demo site serves, and what the size test weighs.
 */
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))

export async function browserBundle(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
  })
  const [file] = result.outputFiles
  if (file === undefined) throw new Error('esbuild wrote nothing')
  return file.text
}
