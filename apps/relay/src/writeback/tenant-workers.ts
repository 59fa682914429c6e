/**
 * @module writeback/tenant-workers
 * One delivery worker per tenant with write-back on (delivery-worker.ts, each claiming only its
 * tenant's messages), so that one tenant's slow or hanging Intilery holds up only its own rounds.
 * With a single worker for all, a round ended when its slowest tenant's batches had settled, up to
 * the send timeout: every other tenant then got one round per timeout.
 *
 * The list of tenants is read again every `refreshMs` (write-back turned on or off by the CLI, a
 * tenants file, another instance): a new tenant's worker starts, a gone one's stops (what it held
 * is given back, due at once). Delivered and dead rows past retention are pruned here, for all.
 */
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerDeps,
} from './delivery-worker.ts'
import { createPruning } from './outbox-pruning.ts'

export interface TenantWorkersDeps extends Omit<DeliveryWorkerDeps, 'tenantId' | 'onError'> {
  /** A failure of a tenant's worker (the database, say), or of the refresh (no tenant). */
  readonly onError?: ((error: unknown, tenantId?: string) => void) | undefined
  /** The tenants with write-back on, now. */
  readonly writebackTenants: () => Promise<readonly string[]>
  /** How often that list is read again. */
  readonly refreshMs: number
}

export interface TenantWorkers {
  /** Starts a worker for each tenant, and keeps the set current; a second call does nothing. */
  start(): void
  /** The tenants with a worker now (tests, logs). */
  tenants(): readonly string[]
  /** Stops every worker (each gives back what it held); resolves when all are idle. */
  stop(): Promise<void>
}

export function createTenantWorkers(deps: TenantWorkersDeps): TenantWorkers {
  const { timers, settings, outbox } = deps
  const workers = new Map<string, DeliveryWorker>()
  let timer: unknown
  let started = false
  let stopped = false
  const pruneWhenDue = createPruning(outbox, settings)
  let refreshing: Promise<void> | undefined
  /** Workers of tenants gone, still stopping (a round in flight): stop() waits for them. */
  const stopping = new Set<Promise<void>>()

  async function refresh() {
    const wanted = new Set(await deps.writebackTenants())
    if (stopped) return
    for (const tenantId of wanted) {
      if (workers.has(tenantId)) continue
      const worker = createDeliveryWorker({
        ...deps,
        tenantId,
        onError: (error) => deps.onError?.(error, tenantId),
      })
      workers.set(tenantId, worker)
      worker.start()
    }
    // Not waited for here: a round in flight would hold up the other tenants' new workers.
    for (const [tenantId, worker] of [...workers]) {
      if (wanted.has(tenantId)) continue
      workers.delete(tenantId)
      const done = worker.stop().finally(() => stopping.delete(done))
      stopping.add(done)
    }
    await pruneWhenDue(timers.now())
  }

  function schedule(ms: number) {
    if (stopped) return
    timer = timers.setTimeout(() => {
      timer = undefined
      refreshing = refresh()
        .catch((error: unknown) => {
          if (!stopped) deps.onError?.(error)
        })
        .finally(() => {
          refreshing = undefined
          schedule(deps.refreshMs)
        })
    }, ms)
  }

  return {
    start() {
      if (started) return
      started = true
      schedule(0)
    },
    tenants: () => [...workers.keys()].sort(),
    async stop() {
      stopped = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
      await refreshing
      const all = [...workers.values()]
      workers.clear()
      await Promise.all([...all.map((worker) => worker.stop()), ...stopping])
    },
  }
}
