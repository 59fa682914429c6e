/**
 * @module zendesk-host/zaf-sdk
 * The ZAF SDK the local host serves in place of Zendesk's CDN copy: the npm package
 * `zendesk_app_framework_sdk` (a wire-compatible fork of Zendesk's SDK; the official one is not on
 * npm), bundled once into the same kind of script the CDN serves, defining `window.ZAFClient`.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import { build, type Rollup } from 'vite'

let bundled: Promise<string> | undefined

export function zafSdkScript(): Promise<string> {
  bundled ??= (async () => {
    const entry = join(
      dirname(createRequire(import.meta.url).resolve('zendesk_app_framework_sdk/package.json')),
      'lib/index.js'
    )
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: true,
        lib: { entry, name: 'ZAFClient', formats: ['iife'], fileName: () => 'zaf_sdk.js' },
      },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[]
    const [first] = Array.isArray(output) ? output : [output]
    const chunk = first?.output.find((item) => item.type === 'chunk')
    if (chunk === undefined || chunk.type !== 'chunk') throw new Error('The ZAF SDK did not build')
    return chunk.code
  })()
  return bundled
}
