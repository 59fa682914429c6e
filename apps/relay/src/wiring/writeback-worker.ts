/**
 * @module wiring/writeback-worker
 * Write-back's delivery worker on Node (server.ts): the store's outbox and tenants, each tenant's
 * upstream guard (lookups and spare tokens), each host's identity resolver, the settings from the
 * environment, and pino for what happens: a worker per tenant with write-back on
 * (tenant-workers.ts). Off with RELAY_WRITEBACK_WORKER=off.
 */
import type { Logger } from 'pino'

import type { HostStartContext } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { loggableError } from '../platform/loggable-error.ts'
import type { DeliveryCounts } from '../writeback/deliver-tenant.ts'
import {
  createTenantWorkers,
  type TenantWorkers,
  type TenantWorkersDeps,
} from '../writeback/tenant-workers.ts'
import type { HostIdentityResolver } from '../writeback/outbox-port.ts'
import { systemTimers } from '../writeback/writeback-timers.ts'
import { workerSettingsOf } from '../writeback/writeback-config.ts'
import type { RelayConfig } from './relay-config.ts'
import type { RelayStore } from './relay-store.ts'
import type { UpstreamPool } from './upstream-pool.ts'

export interface WritebackWorkerWiring {
  readonly config: RelayConfig
  readonly store: RelayStore
  readonly upstreams: UpstreamPool
  readonly hostContext: HostStartContext
  readonly logger: Logger
  /** What the worker did with a tenant's messages in a round (the metrics' counter). */
  readonly onSettled?: ((tenantId: string, counts: DeliveryCounts) => void) | undefined
  /** Intilery's tracking endpoint is called with this (default: the global fetch). */
  readonly fetch?: typeof fetch | undefined
}

/**
 * Said when a claim finds stored messages it cannot send: never a passing fault, so an error of its
 * own rather than a count in the delivery line, with where to look and the likely cause.
 */
const UNUSABLE_MESSAGES =
  'write-back: stored messages could not be read and were not sent. "unopened" ones are sealed ' +
  'under another RELAY_ENCRYPTION_KEY (or were altered) and are retried, then dead; "unreadable" ' +
  'ones are dead at once. See: relay outbox list --tenant <id> --state dead'

/** Each registered host's resolver of its own hostRefs, by host name. */
export function hostIdentityResolvers(
  context: HostStartContext
): ReadonlyMap<string, HostIdentityResolver> {
  const resolvers = new Map<string, HostIdentityResolver>()
  for (const host of hostModules)
    if ('identityResolver' in host && typeof host.identityResolver === 'function')
      resolvers.set(host.name, host.identityResolver(context))
  return resolvers
}

/** What the workers say: failures and unsendable messages as errors, rounds as one line each. */
export function workerLog(
  logger: Logger,
  onSettled: WritebackWorkerWiring['onSettled']
): Pick<TenantWorkersDeps, 'onError' | 'onDelivered' | 'onUnusable'> {
  return {
    onError: (error, tenantId) =>
      logger.error(
        { err: loggableError(error), tenantId },
        'write-back worker failed; trying again at the next poll'
      ),
    onDelivered: (tenantId, counts) => {
      onSettled?.(tenantId, counts)
      if (counts.delivered + counts.retried + counts.dead > 0)
        logger.info({ tenantId, ...counts }, 'write-back delivery')
    },
    onUnusable: (tenantId, counts) => logger.error({ tenantId, ...counts }, UNUSABLE_MESSAGES),
  }
}

/** @returns the started workers (one per tenant), or undefined when this instance runs none. */
export function startWritebackWorker(wiring: WritebackWorkerWiring): TenantWorkers | undefined {
  const { config, store, upstreams, logger } = wiring
  if (config.writebackWorker === 'off') return undefined
  const settings = workerSettingsOf(config)
  const worker = createTenantWorkers({
    // A tenant whose write-back was turned on (CLI, tenants file) starts within a poll, as before.
    writebackTenants: () => store.outboxAdmin.writebackTenantIds(),
    refreshMs: settings.pollMs,
    outbox: store.outbox,
    tenants: store.tenants,
    readsFor: upstreams.upstreamFor,
    spareFor: upstreams.spareFor,
    hostResolvers: hostIdentityResolvers(wiring.hostContext),
    fetch: wiring.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timers: systemTimers,
    settings,
    ...workerLog(logger, wiring.onSettled),
  })
  worker.start()
  return worker
}
