/**
 * @module writeback/writeback-config
 * The delivery worker's settings from the environment (read with the relay's others, see
 * wiring/relay-config.ts). Every one has a default fit for production; tests and the demo shorten
 * the waits.
 */
import { z } from 'zod'

import { DEFAULT_WORKER_SETTINGS, type WorkerSettings } from './worker-settings.ts'
import { DEFAULT_RETRY } from './retry-schedule.ts'

const ms = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const shape = {
  /** `off`: this instance sends nothing (another one does); webhooks still enqueue. */
  writebackWorker: z.enum(['on', 'off']).default('on'),
  writebackPollMs: ms(10, 60_000).default(DEFAULT_WORKER_SETTINGS.pollMs),
  /** Batches in flight at most while a backlog lasts (each still takes its own spare token). */
  writebackConcurrency: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(DEFAULT_WORKER_SETTINGS.concurrency),
  writebackLeaseMs: ms(1_000, 3_600_000).default(DEFAULT_WORKER_SETTINGS.leaseMs),
  writebackSendTimeoutMs: ms(100, 120_000).default(DEFAULT_WORKER_SETTINGS.sendTimeoutMs),
  writebackMaxAttempts: z.coerce.number().int().min(1).max(50).default(DEFAULT_RETRY.maxAttempts),
  writebackRetryBaseMs: ms(10, 3_600_000).default(DEFAULT_RETRY.baseDelayMs),
  writebackRetentionDays: z.coerce.number().min(1).max(365).default(7),
  writebackDeadRetentionDays: z.coerce.number().min(1).max(365).default(30),
}

export type WritebackConfig = z.output<z.ZodObject<typeof shape>>

/** A part of the relay's settings (platform/config's ConfigPart). */
export const writebackConfig = {
  shape,
  env: {
    writebackWorker: 'RELAY_WRITEBACK_WORKER',
    writebackPollMs: 'RELAY_WRITEBACK_POLL_MS',
    writebackConcurrency: 'RELAY_WRITEBACK_CONCURRENCY',
    writebackLeaseMs: 'RELAY_WRITEBACK_LEASE_MS',
    writebackSendTimeoutMs: 'RELAY_WRITEBACK_SEND_TIMEOUT_MS',
    writebackMaxAttempts: 'RELAY_WRITEBACK_MAX_ATTEMPTS',
    writebackRetryBaseMs: 'RELAY_WRITEBACK_RETRY_BASE_MS',
    writebackRetentionDays: 'RELAY_WRITEBACK_RETENTION_DAYS',
    writebackDeadRetentionDays: 'RELAY_WRITEBACK_DEAD_RETENTION_DAYS',
  } satisfies Record<keyof typeof shape, string>,
  secrets: [],
  check: (config: WritebackConfig) =>
    // A send still in flight when its lease ends would be sent twice at once.
    config.writebackLeaseMs <= config.writebackSendTimeoutMs * 2
      ? 'RELAY_WRITEBACK_LEASE_MS must be more than twice RELAY_WRITEBACK_SEND_TIMEOUT_MS'
      : undefined,
}

export function workerSettingsOf(config: WritebackConfig): WorkerSettings {
  return {
    ...DEFAULT_WORKER_SETTINGS,
    pollMs: config.writebackPollMs,
    concurrency: config.writebackConcurrency,
    leaseMs: config.writebackLeaseMs,
    sendTimeoutMs: config.writebackSendTimeoutMs,
    retentionMs: config.writebackRetentionDays * 24 * 60 * 60_000,
    deadRetentionMs: config.writebackDeadRetentionDays * 24 * 60 * 60_000,
    retry: {
      ...DEFAULT_RETRY,
      baseDelayMs: config.writebackRetryBaseMs,
      maxAttempts: config.writebackMaxAttempts,
    },
  }
}
