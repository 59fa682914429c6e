// Start-up as operators live with it: the relay applies RELAY_TENANTS_FILE on every start, after
// whatever operators did in between with the CLI (revoking a declared key, rotating the key).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { runCli } from '../src/cli/run-cli.ts'
import { startRelay } from '../src/server.ts'
import { relayConfigFromEnv } from '../src/wiring/relay-config.ts'

const DECLARED_KEY = 'declared-demo-api-key-0123'

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'relay-startup-'))
  const tenantsFile = join(dir, 'tenants.yaml')
  writeFileSync(
    tenantsFile,
    'tenants:\n  - id: demo\n    name: Demo\n    intilery: { baseUrl: "http://127.0.0.1:9", clientId: c, accountId: a, brandId: b, authToken: { env: TOKEN } }\n    apiKeys: [{ name: svc, key: { env: DEMO_API_KEY }, traits: "*" }]\n'
  )
  const env = {
    PORT: '0',
    RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
    RELAY_AUDIT_KEY: 'startup-test-audit-key-0123456789abcdef',
    DATABASE_URL: `file:${join(dir, 'relay.db')}`,
    RELAY_TENANTS_FILE: tenantsFile,
    TOKEN: 'intilery-token-startup',
    DEMO_API_KEY: DECLARED_KEY,
  }
  const cli = async (...argv: string[]) => {
    let out = ''
    const code = await runCli(argv, {
      env,
      out: (t) => (out += t),
      err: () => undefined,
    })
    return { code, out }
  }
  /** Starts the relay, collecting its log lines, and returns them once it has stopped again. */
  const startAndStop = async (overrides: Record<string, string> = {}) => {
    const lines: Record<string, unknown>[] = []
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>)
        done()
      },
    })
    const config = relayConfigFromEnv({ ...env, ...overrides })
    const relay = await startRelay({ config, env, logDestination })
    const unauthorised = await fetch(`${relay.url}/v1/profiles/email:x@example.com/traits`, {
      headers: { authorization: `Bearer ${DECLARED_KEY}` },
    })
    await relay.stop()
    return { lines, keyStatus: unauthorised.status }
  }
  return { cli, startAndStop, env }
}

describe('start-up with RELAY_TENANTS_FILE', () => {
  it('keeps a revoked declared key revoked, starts anyway and warns without the key', async () => {
    const { cli, startAndStop } = setup()
    const first = await startAndStop()
    expect(first.keyStatus).not.toBe(401)
    const [key] = JSON.parse((await cli('keys', 'list', '--tenant', 'demo', '--json')).out) as {
      id: string
    }[]
    expect(await cli('keys', 'revoke', '--id', key?.id ?? '')).toMatchObject({ code: 0 })

    const second = await startAndStop()
    expect(second.keyStatus).toBe(401)
    const warning = second.lines.find((line) => line.msg === 'declared API key is revoked')
    expect(warning).toMatchObject({ level: 40, tenantId: 'demo', keyId: key?.id, keyName: 'svc' })
    expect(JSON.stringify(second.lines)).not.toContain(DECLARED_KEY)
    const keys = JSON.parse((await cli('keys', 'list', '--tenant', 'demo', '--json')).out) as {
      revokedAt: string | null
    }[]
    expect(keys).toHaveLength(1)
    expect(keys[0]?.revokedAt).toEqual(expect.any(String))
  })

  it('refuses to start under another audit key than the database was set up with', async () => {
    const { startAndStop } = setup()
    await startAndStop()
    await expect(
      startAndStop({ RELAY_AUDIT_KEY: 'another-audit-key-0123456789abcdef0123' })
    ).rejects.toThrow('RELAY_AUDIT_KEY is not the key this database was set up with')
  })

  it('refuses to start under an encryption key that does not open the stored secrets', async () => {
    const { startAndStop } = setup()
    await startAndStop()
    await expect(
      startAndStop({ RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 6).toString('base64') })
    ).rejects.toThrow(
      'RELAY_ENCRYPTION_KEY does not open the secrets in this database; was it rotated?'
    )
  })
})
