/**
 * @module writeback/worker-settings
 * The delivery worker's settings and their defaults (writeback-config.ts reads overrides from the
 * environment).
 */
import type { RetrySettings } from './retry-schedule.ts'

export interface WorkerSettings {
  /** How often the outbox is looked at when the last look found nothing (or less than a batch). */
  readonly pollMs: number
  /** Messages per batch (Intilery takes at most 100 per call). */
  readonly batchSize: number
  /**
   * Batches a round starts at once, at most, from a full bucket. Each still needs its own spare
   * token, so this bounds only how much of Intilery's latency is overlapped, never the share of
   * the budget. While nobody reads a round claims twice this, the second half sent as the refill
   * spares tokens (send-as-spared.ts), so up to twice this may be in flight.
   */
  readonly concurrency: number
  /** Stored payload bytes per claim: keeps a batch under Intilery's 500 KB. */
  readonly maxBatchBytes: number
  /** One send's longest wait for Intilery's answer. */
  readonly sendTimeoutMs: number
  /** How long claimed messages are not picked again (a crashed relay's come back after it). */
  readonly leaseMs: number
  /** How long messages wait when the budget has no token to spare. */
  readonly noBudgetDelayMs: number
  readonly retry: RetrySettings
  /**
   * How long delivered rows are kept. Their messageId is what turns a redelivered webhook into a
   * no-op at enqueue; Zendesk and Pipedrive redeliver within minutes to hours, so a week is ample,
   * and keeping them forever would grow the table without bound. (Intilery dedupes by messageId
   * too, so a redelivery after pruning still stores one event.)
   */
  readonly retentionMs: number
  /**
   * How long dead rows are kept for `relay outbox retry`. They hold what the event said about the
   * customer, so they do not stay for good: an operator has this long to fix and retry.
   */
  readonly deadRetentionMs: number
  readonly pruneEveryMs: number
}

export const DEFAULT_WORKER_SETTINGS: Omit<WorkerSettings, 'retry'> = {
  pollMs: 1_000,
  batchSize: 100,
  // At +50 ms per call one batch at a time sends ~14 a second, of a share of 75 tokens a second.
  // 12 is what the default budget can spare at once (a burst of 15 less the readers' reserve of
  // 3): bench:writeback measured 8, 12, 16 and 24 when a round sent only what was spare at its
  // start, and 12 was fastest.
  concurrency: 12,
  maxBatchBytes: 400 * 1024,
  sendTimeoutMs: 10_000,
  leaseMs: 60_000,
  noBudgetDelayMs: 1_000,
  retentionMs: 7 * 24 * 60 * 60_000,
  deadRetentionMs: 30 * 24 * 60 * 60_000,
  pruneEveryMs: 60 * 60_000,
}
