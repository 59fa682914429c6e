// core must run in a browser iframe and on edge runtimes: bundle it as a browser build with Vite,
// fail if any Node built-in is resolved, then run the bundle where only web globals exist.
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

import { build, type Rollup } from 'vite'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])

async function bundleForBrowser() {
  const pulledIn: string[] = []
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: 'src/index.ts', formats: ['iife'], name: 'IntileryCore', fileName: 'core' },
    },
    plugins: [
      {
        name: 'record-node-builtins',
        enforce: 'pre',
        resolveId(id) {
          if (nodeBuiltins.has(id) || id.startsWith('node:')) pulledIn.push(id)
          return null
        },
      },
    ],
  })
  const results = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[]
  const code = results
    .flatMap((result) => result.output)
    .filter((chunk): chunk is Rollup.OutputChunk => chunk.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n')
  return { code, pulledIn }
}

describe('browser bundle of core', () => {
  it('pulls in no Node built-in and references no Node-only global', async () => {
    const { code, pulledIn } = await bundleForBrowser()
    expect(pulledIn).toEqual([])
    expect(code.length).toBeGreaterThan(1000)
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\.|__dirname/)

    // Run it with web-platform globals only: no process, require, Buffer or module.
    const sandbox = vm.createContext({
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      TextEncoder,
      TextDecoder,
      Headers,
      Request,
      Response,
      setTimeout,
      clearTimeout,
      console,
    })
    vm.runInContext(code, sandbox)
    const core = (sandbox as { IntileryCore?: Record<string, unknown> }).IntileryCore
    expect(typeof core?.createProfileClient).toBe('function')
    const parse = core?.parseProfileRef as (text: string) => unknown
    expect(parse('email:Joe.Bloggs@Intilery.com')).toEqual({
      type: 'email',
      value: 'joe.bloggs@intilery.com',
    })
  }, 60_000)
})
