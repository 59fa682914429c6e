import { describe, expect, it } from 'vitest'

import { relayConfigFromEnv, RelayConfigError } from '../wiring/relay-config.ts'
import { workerSettingsOf } from './writeback-config.ts'

const base = {
  RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  RELAY_AUDIT_KEY: 'writeback-config-audit-key-0123456789',
}

describe('write-back settings', () => {
  it('default to a worker on, polling each second, ten attempts and a week of retention', () => {
    const settings = workerSettingsOf(relayConfigFromEnv(base))
    expect(settings).toMatchObject({
      pollMs: 1_000,
      leaseMs: 60_000,
      sendTimeoutMs: 10_000,
      retentionMs: 7 * 24 * 60 * 60_000,
      deadRetentionMs: 30 * 24 * 60 * 60_000,
      retry: { baseDelayMs: 10_000, maxAttempts: 10, maxDelayMs: 3_600_000 },
    })
    expect(relayConfigFromEnv(base).writebackWorker).toBe('on')
  })

  it('read RELAY_WRITEBACK_*, refusing a lease a send could outlast', () => {
    const config = relayConfigFromEnv({
      ...base,
      RELAY_WRITEBACK_WORKER: 'off',
      RELAY_WRITEBACK_POLL_MS: '50',
      RELAY_WRITEBACK_CONCURRENCY: '2',
      RELAY_WRITEBACK_MAX_ATTEMPTS: '3',
    })
    expect(config.writebackWorker).toBe('off')
    expect(workerSettingsOf(config)).toMatchObject({
      pollMs: 50,
      concurrency: 2,
      retry: { maxAttempts: 3 },
    })
    expect(() =>
      relayConfigFromEnv({
        ...base,
        RELAY_WRITEBACK_SEND_TIMEOUT_MS: '10000',
        RELAY_WRITEBACK_LEASE_MS: '20000',
      })
    ).toThrow(
      new RelayConfigError(
        'RELAY_WRITEBACK_LEASE_MS must be more than twice RELAY_WRITEBACK_SEND_TIMEOUT_MS'
      )
    )
    expect(() => relayConfigFromEnv({ ...base, RELAY_WRITEBACK_WORKER: 'maybe' })).toThrow(
      /^RELAY_WRITEBACK_WORKER: /
    )
  })
})
