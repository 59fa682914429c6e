// `pnpm build`: dist/personalize.js, the browser helper for a site to serve.
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

import { browserBundle } from './browser-bundle.ts'

const code = await browserBundle()
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true })
writeFileSync(new URL('../dist/personalize.js', import.meta.url), code)
process.stdout.write(`dist/personalize.js: ${code.length} bytes (${gzipSync(code).length} gzip)\n`)
