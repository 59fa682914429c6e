import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { RelayConfigError, relayConfigFromEnv } from './relay-config.ts'

const key = Buffer.alloc(32, 7).toString('base64')
const base = { RELAY_ENCRYPTION_KEY: key, RELAY_AUDIT_KEY: 'a'.repeat(40) }

describe('relay config', () => {
  it('has sensible defaults', () => {
    expect(relayConfigFromEnv(base)).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      databaseUrl: 'file:relay.db',
      allowedOrigins: [],
      requestDeadlineMs: 8000,
      requestTimeoutMs: 15_000,
      keepAliveTimeoutMs: 5_000,
      cacheMb: 16,
    })
    expect(relayConfigFromEnv({ ...base, RELAY_CACHE_MB: '64' }).cacheMb).toBe(64)
  })

  it('reads secrets from *_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-config-'))
    writeFileSync(join(dir, 'key'), `${key}\n`)
    expect(
      relayConfigFromEnv({
        ...base,
        RELAY_ENCRYPTION_KEY: undefined,
        RELAY_ENCRYPTION_KEY_FILE: join(dir, 'key'),
      }).encryptionKey
    ).toBe(key)
  })

  it.each([
    [
      { ...base, RELAY_ENCRYPTION_KEY: undefined },
      'RELAY_ENCRYPTION_KEY (or RELAY_ENCRYPTION_KEY_FILE) is required',
    ],
    [{ ...base, PORT: 'eighty' }, 'PORT:'],
    [{ ...base, RELAY_CACHE_MB: '0' }, 'RELAY_CACHE_MB:'],
    [{ ...base, RELAY_REQUEST_TIMEOUT_MS: '0' }, 'RELAY_REQUEST_TIMEOUT_MS:'],
    [{ ...base, RELAY_KEEP_ALIVE_TIMEOUT_MS: 'forever' }, 'RELAY_KEEP_ALIVE_TIMEOUT_MS:'],
    [{ ...base, RELAY_ALLOWED_ORIGINS: 'https://*.zendesk.com' }, 'RELAY_ALLOWED_ORIGINS:'],
    [
      { ...base, RELAY_ENCRYPTION_KEY_FILE: '/nowhere/key', RELAY_ENCRYPTION_KEY: undefined },
      'RELAY_ENCRYPTION_KEY_FILE: cannot read',
    ],
  ])('names the bad variable (%#)', (env, message) => {
    expect(() => relayConfigFromEnv(env)).toThrow(RelayConfigError)
    expect(() => relayConfigFromEnv(env)).toThrow(message)
  })

  it('leaves metrics off without RELAY_METRICS_TOKEN and refuses a short one without echoing it', () => {
    expect(relayConfigFromEnv(base).metricsToken).toBeUndefined()
    const token = 'm'.repeat(32)
    expect(relayConfigFromEnv({ ...base, RELAY_METRICS_TOKEN: token }).metricsToken).toBe(token)
    expect(() => relayConfigFromEnv({ ...base, RELAY_METRICS_TOKEN: 'short-metrics' })).toThrow(
      /^RELAY_METRICS_TOKEN: must be at least 16 characters((?!short-metrics).)*$/
    )
  })

  it('never echoes a secret value in its errors', () => {
    expect(() => relayConfigFromEnv({ ...base, RELAY_AUDIT_KEY: 'short-secret-value' })).toThrow(
      /^((?!short-secret-value).)*$/
    )
  })
})
