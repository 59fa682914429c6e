/**
 * @module writeback/outbox-pruning
 * Delivered and dead rows past their retention, deleted at most once per `pruneEveryMs`: by the
 * worker that delivers for every tenant (delivery-worker.ts), or once for all by the per-tenant
 * workers' refresh (tenant-workers.ts).
 */
import type { OutboxStore } from './outbox-store.ts'
import type { WorkerSettings } from './worker-settings.ts'

export type PruneWhenDue = (now: number) => Promise<void>

export function createPruning(
  outbox: Pick<OutboxStore, 'pruneDelivered' | 'pruneDead'>,
  settings: Pick<WorkerSettings, 'pruneEveryMs' | 'retentionMs' | 'deadRetentionMs'>
): PruneWhenDue {
  let lastPruneAt: number | undefined
  return async (now) => {
    if (lastPruneAt !== undefined && now - lastPruneAt < settings.pruneEveryMs) return
    lastPruneAt = now
    await outbox.pruneDelivered(now - settings.retentionMs)
    await outbox.pruneDead(now - settings.deadRetentionMs)
  }
}
