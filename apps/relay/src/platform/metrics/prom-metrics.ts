/**
 * @module platform/metrics/prom-metrics
 * The relay's metrics as a prom-client registry (Node only: prom-client requires node:util and
 * node:cluster, which is why the app sees only the RelayMetrics port and server.ts builds this).
 *
 * HTTP series are counted as requests end. Upstream series are read from the tenants' guards when
 * Prometheus scrapes (`collect`): the guards keep their own counters, so nothing on the read path
 * pays for metrics. Labels: `route` is a route pattern and `tenant` a configured tenant id, so both
 * are bounded by the relay's configuration, never by its callers.
 */
import type { BreakerState } from '../../upstream/index.ts'
import type { TenantUpstreamStatus, UpstreamMonitor } from '../../ports.ts'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import type { DeliveryCounts } from '../../writeback/deliver-tenant.ts'
import type { TenantOutboxBacklog } from '../../writeback/outbox-admin.ts'
import type { RelayMetrics } from './relay-metrics.ts'

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open', 'isolated']

/** Sets a pulled counter to the guards' totals (prom-client counters only go up by `inc`). */
function pulled(
  counter: Counter<'tenant'>,
  tenants: readonly TenantUpstreamStatus[],
  value: (status: TenantUpstreamStatus) => number
) {
  counter.reset()
  for (const status of tenants) counter.inc({ tenant: status.tenantId }, value(status))
}

export interface PromMetricsOptions {
  /** Each tenant's guard (wiring/upstream-pool.ts); none when the app reads no Intilery. */
  readonly upstreams?: UpstreamMonitor | undefined
  /** Write-back's backlog per tenant (a query when Prometheus scrapes); none without write-back. */
  readonly outbox?: (() => Promise<readonly TenantOutboxBacklog[]>) | undefined
  /** Node's process metrics (CPU, memory, event loop lag, GC) as well; on by default. */
  readonly processMetrics?: boolean | undefined
}

export interface PromMetrics extends RelayMetrics {
  /** What this instance's delivery worker did with a tenant's messages in a round. */
  observeWriteback(tenantId: string, counts: DeliveryCounts): void
}

export function createPromMetrics(options: PromMetricsOptions = {}): PromMetrics {
  const registry = new Registry()
  const registers = [registry]
  const upstreams = options.upstreams ?? (() => [])
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry })

  const requests = new Counter({
    name: 'relay_http_requests_total',
    help: 'Requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers,
  })
  const duration = new Histogram({
    name: 'relay_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    // From a warm cache hit (~1 ms) to the request deadline (8 s by default).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })

  new Counter({
    name: 'relay_upstream_requests_total',
    help: 'HTTP requests to Intilery by tenant and status (retries included; "error" when none came)',
    labelNames: ['tenant', 'status'],
    registers,
    collect() {
      this.reset()
      for (const { tenantId, stats } of upstreams())
        for (const [status, count] of Object.entries(stats.responses))
          this.inc({ tenant: tenantId, status }, count)
    },
  })
  new Gauge({
    name: 'relay_upstream_budget_tokens',
    help: 'Requests the tenant may send to Intilery at once now (its token bucket)',
    labelNames: ['tenant'],
    registers,
    collect() {
      this.reset()
      for (const { tenantId, stats } of upstreams())
        this.set({ tenant: tenantId }, stats.budgetTokens)
    },
  })
  new Counter({
    name: 'relay_upstream_cache_hits_total',
    help: 'Reads answered from the cache without waiting for Intilery (stale ones included)',
    labelNames: ['tenant'],
    registers,
    collect() {
      pulled(this, upstreams(), ({ stats }) => stats.hits + stats.stale)
    },
  })
  new Counter({
    name: 'relay_upstream_cache_stale_total',
    help: 'Reads answered with stale data (refreshing, or Intilery failing)',
    labelNames: ['tenant'],
    registers,
    collect() {
      pulled(this, upstreams(), ({ stats }) => stats.stale)
    },
  })
  new Counter({
    name: 'relay_upstream_cache_misses_total',
    help: 'Reads that waited for Intilery (their own load or one they joined)',
    labelNames: ['tenant'],
    registers,
    collect() {
      pulled(this, upstreams(), ({ stats }) => stats.misses + stats.inflightShared)
    },
  })
  new Gauge({
    name: 'relay_upstream_breaker_state',
    help: 'The tenant’s circuit breaker: 1 for its current state, 0 for the others',
    labelNames: ['tenant', 'state'],
    registers,
    collect() {
      this.reset()
      for (const { tenantId, stats } of upstreams())
        for (const state of BREAKER_STATES)
          this.set({ tenant: tenantId, state }, stats.breakerState === state ? 1 : 0)
    },
  })

  const settled = new Counter({
    name: 'relay_writeback_messages_total',
    help: 'Write-back messages this instance settled, by tenant and outcome (delivered, retried: failed and due again, dead)',
    labelNames: ['tenant', 'outcome'],
    registers,
  })
  // Read once per scrape, before the registry collects: both outbox gauges show the same query.
  let backlog: readonly TenantOutboxBacklog[] = []
  const { outbox } = options
  if (outbox !== undefined) registerOutboxGauges(registers, () => backlog)

  return {
    observeRequest({ method, route, status, seconds }) {
      const labels = { method, route, status: String(status) }
      requests.inc(labels)
      duration.observe(labels, seconds)
    },
    observeWriteback(tenantId, counts) {
      for (const outcome of ['delivered', 'retried', 'dead'] as const)
        if (counts[outcome] > 0) settled.inc({ tenant: tenantId, outcome }, counts[outcome])
    },
    async exposition() {
      if (outbox !== undefined) backlog = await outbox()
      return { contentType: registry.contentType, text: await registry.metrics() }
    },
  }
}

/**
 * The outbox's messages waiting (pending) or given up on (dead), and how long the oldest pending
 * one has waited. Not the delivered ones: counting a week of them on every scrape cost ~0.3 s of
 * SQLite per million rows; relay_writeback_messages_total counts deliveries as they happen.
 */
function registerOutboxGauges(
  registers: Registry[],
  backlog: () => readonly TenantOutboxBacklog[]
) {
  new Gauge({
    name: 'relay_writeback_outbox_messages',
    help: 'Write-back messages in the outbox waiting (pending) or given up on (dead), by tenant',
    labelNames: ['tenant', 'state'],
    registers,
    collect() {
      this.reset()
      for (const t of backlog())
        for (const state of ['pending', 'dead'] as const)
          this.set({ tenant: t.tenantId, state }, t[state])
    },
  })
  new Gauge({
    name: 'relay_writeback_oldest_pending_seconds',
    help: 'How long the tenant’s oldest pending write-back message has waited (0: none pending)',
    labelNames: ['tenant'],
    registers,
    collect() {
      this.reset()
      const now = Date.now()
      for (const t of backlog())
        this.set(
          { tenant: t.tenantId },
          t.oldestPendingAt === undefined ? 0 : Math.max(0, (now - t.oldestPendingAt) / 1000)
        )
    },
  })
}
