// The README's main command runs this entry: it must print the URL and credentials a new user needs,
// answer on that URL, stop cleanly on SIGTERM, and refuse bad settings with a message naming them.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { afterEach, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

const children: ReturnType<typeof spawn>[] = []
// A failed assertion must not leave a sandbox holding a port.
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return { child, output: () => stdout, errors: () => stderr }
}

describe('intilery-sandbox command', () => {
  it('prints its URL and credentials, serves Joe Bloggs, and stops on SIGTERM', async () => {
    const { child, output } = run({ SANDBOX_PORT: '0', SANDBOX_AUTH_TOKEN: 'token-from-env' })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => output().includes('Press Ctrl-C') && resolve())
      child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)))
    })
    const text = output()
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
    expect(url).toBeDefined()
    for (const expected of [
      'clientId     demo',
      'accountId    demo',
      'brandId      DEMO',
      'token-from-env',
      'sandbox-admin-token',
    ]) {
      expect(text).toContain(expected)
    }
    const response = await fetch(
      `${url}/track/demo/demo/DEMO/v1/profiles/email:joe.bloggs@intilery.com/traits`,
      {
        headers: { 'auth-token': 'token-from-env' },
      }
    )
    expect(response.status).toBe(200)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })

  it('refuses a bad setting and names the variable', async () => {
    const { child, errors } = run({ SANDBOX_PORT: 'not-a-port' })
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(1)
    expect(errors()).toContain('SANDBOX_PORT')
  })
})
