// An export holds customers' data: what `relay export` writes (its folder, the tables, the manifest,
// the working files while it runs) is readable by the operator's account alone, whatever the
// shell's umask.
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { cliSandbox, demoCli, newFolder } from './export-harness.ts'

const cwd = fileURLToPath(new URL('../..', import.meta.url))

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await cliSandbox()
})
afterAll(() => sandbox.stop())

/** Every file and folder under `dir`, `dir` included, with its permission bits. */
function modesUnder(dir: string): [string, number][] {
  const found: [string, number][] = [[dir, statSync(dir).mode & 0o777]]
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...modesUnder(path))
    else found.push([path, statSync(path).mode & 0o777])
  }
  return found
}

describe('relay export', () => {
  it('writes files and folders only its owner can read, under the usual umask 022', async () => {
    const { env } = await demoCli(sandbox)
    const out = newFolder()
    const child = spawn(
      // The shell's umask as most systems set it; the export must not inherit what it allows.
      'sh',
      [
        '-c',
        'umask 022 && exec "$0" --import tsx src/cli.ts "$@"',
        process.execPath,
        ...['export', '--tenant', 'demo', '--out', out, '--limit-profiles', '5', '--quiet'],
      ],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })

    const modes = modesUnder(out)
    expect(modes.map(([path]) => path.slice(out.length))).toEqual(
      expect.arrayContaining(['', '/customers.parquet', '/features.parquet', '/manifest.json'])
    )
    expect(modes.some(([path]) => path.includes('event_date='))).toBe(true)
    expect(modes.filter(([, mode]) => (mode & 0o077) !== 0)).toEqual([])
  })
})
