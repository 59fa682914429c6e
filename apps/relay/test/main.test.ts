// The relay as an operator runs it: a process configured by environment variables and a tenants
// file, serving a sandbox-backed tenant over real HTTP, stopping cleanly on SIGTERM.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { customerContextSchema } from '@intilery-connect/core'
import { SEEDED, startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const cwd = fileURLToPath(new URL('..', import.meta.url))
let sandbox: RunningSandbox
let relay: ReturnType<typeof spawn> | undefined
let url = ''
let logs = ''

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  const dir = mkdtempSync(join(tmpdir(), 'relay-main-'))
  const tenants = join(dir, 'tenants.yaml')
  writeFileSync(
    tenants,
    `tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "${sandbox.url}", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: DEMO_INTILERY_TOKEN } }\n    zendesk: [{ subdomain: demo, sharedSecret: { env: DEMO_ZENDESK_SECRET } }]\n`
  )
  relay = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      RELAY_AUDIT_KEY: 'main-test-audit-key-0123456789abcdef',
      DATABASE_URL: `file:${join(dir, 'relay.db')}`,
      RELAY_TENANTS_FILE: tenants,
      DEMO_INTILERY_TOKEN: 'sandbox-token',
      DEMO_ZENDESK_SECRET: 'demo-zendesk-secret',
    },
  })
  relay.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
  relay.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
  url = await new Promise<string>((resolve, reject) => {
    relay?.stdout?.on('data', () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(logs)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    relay?.once('exit', (code) => reject(new Error(`relay exited with ${String(code)}: ${logs}`)))
  })
}, 30_000)

afterAll(async () => {
  if (relay !== undefined && relay.exitCode === null) relay.kill('SIGKILL')
  await sandbox.stop()
})

describe('relay process', () => {
  it('serves health, readiness and a Zendesk context over HTTP', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      checks: { store: 'ok', upstream: 'ok', sharedBudget: 'skipped' },
    })
    const iat = Math.floor(Date.now() / 1000)
    const token = await sign(
      { iss: 'https://demo.zendesk.com', sub: 'agent-1', iat, exp: iat + 60 },
      'demo-zendesk-secret',
      'HS256'
    )
    const response = await fetch(
      `${url}/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`,
      { headers: { authorization: `Bearer ${token}` } }
    )
    expect(response.status).toBe(200)
    const context = customerContextSchema.parse(await response.json())
    expect(context.profiles[0]?.name.text).toBe('Joe Bloggs')
  })

  it('logs requests without customer ids or secrets, and stops on SIGTERM', async () => {
    relay?.kill('SIGTERM')
    const [code] = (await once(relay as NonNullable<typeof relay>, 'exit')) as [number | null]
    expect(code).toBe(0)
    // One line each: where it listens, how many tenants the file gave it and that its outbox has
    // its thread (an SQLite file), then that it stopped.
    expect(logs).toMatch(
      /"url":"http:\/\/127\.0\.0\.1:\d+","tenantsApplied":1,"outboxThread":true,"msg":"relay listening"/
    )
    expect(logs.match(/"msg":"relay stopped"/g)).toHaveLength(1)
    expect(logs).toContain('"route":"/zendesk/v1/context"')
    for (const value of [SEEDED.joeBloggs.email, 'sandbox-token', 'demo-zendesk-secret'])
      expect(logs).not.toContain(value)
  })
})

/** Runs the relay process to its exit, with settings over a working base. */
async function startFailing(extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-main-fail-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      RELAY_AUDIT_KEY: 'main-test-audit-key-0123456789abcdef',
      DATABASE_URL: `file:${join(dir, 'relay.db')}`,
      ...extra,
    },
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  return { code, stderr }
}

// What an operator sees when start-up fails: one line naming what to change, never a stack.
describe('relay process that cannot start', () => {
  it('says the port is in use, in one line, exit code 1', async () => {
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const { port } = busy.address() as AddressInfo
    try {
      expect(await startFailing({ PORT: String(port) })).toEqual({
        code: 1,
        stderr: `relay: port ${String(port)} on 127.0.0.1 is already in use (set PORT or HOST)\n`,
      })
    } finally {
      busy.close()
    }
  }, 30_000)

  it('opens a relative SQLite database where the command was typed (INIT_CWD), not in apps/relay', async () => {
    const typed = mkdtempSync(join(tmpdir(), 'relay-main-typed-'))
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const { port } = busy.address() as AddressInfo
    try {
      // The port in use stops it once the database is open and migrated.
      const started = await startFailing({
        PORT: String(port),
        INIT_CWD: typed,
        DATABASE_URL: 'file:typed-folder-test.db',
      })
      expect(started.stderr).toContain('already in use')
      expect(existsSync(join(typed, 'typed-folder-test.db'))).toBe(true)
      expect(existsSync(join(cwd, 'typed-folder-test.db'))).toBe(false)
    } finally {
      busy.close()
    }
  }, 30_000)

  it('says a SQLite folder does not exist, in one line, exit code 1', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'relay-main-db-')), 'missing')
    expect(await startFailing({ PORT: '0', DATABASE_URL: `file:${folder}/relay.db` })).toEqual({
      code: 1,
      stderr: `relay: Database migration (setup) failed: cannot open the SQLite database ${folder}/relay.db: the folder ${folder} does not exist\n`,
    })
  }, 30_000)
})
