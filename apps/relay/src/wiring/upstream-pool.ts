/**
 * @module wiring/upstream-pool
 * One upstream guard per tenant credential, kept for the life of the process: every read of a
 * tenant shares its cache, bucket and breaker, which is what makes the limits hold. Also what an
 * operator sees of them: each tenant's guard stats for readiness and metrics.
 */
import type { Tenant, TenantUpstreamStatus, UpstreamReads } from '../ports.ts'
import {
  ZERO_COUNTS,
  type SpareBudget,
  type Upstream,
  type UpstreamCounts,
  type UpstreamCredentials,
  type UpstreamStats,
} from '../upstream/index.ts'

export interface UpstreamPool {
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  /** The same guard's bucket for write-back's batches, which take only spare tokens. */
  readonly spareFor: (tenant: Tenant) => SpareBudget
  /**
   * Each tenant's stats: counters summed over every guard the tenant has had (a rotated token gets
   * a fresh guard, and its predecessor's counts must not vanish from a Prometheus counter), the
   * breaker and the budget of its current guard.
   */
  readonly status: () => readonly TenantUpstreamStatus[]
}

function sum(a: UpstreamStats, b: UpstreamStats): UpstreamStats {
  const responses: Record<string, number> = { ...a.responses }
  for (const [status, count] of Object.entries(b.responses))
    responses[status] = (responses[status] ?? 0) + count
  const counts: { -readonly [K in keyof UpstreamCounts]: number } = { ...ZERO_COUNTS }
  for (const name of Object.keys(counts) as (keyof UpstreamCounts)[])
    counts[name] = a[name] + b[name]
  return {
    ...counts,
    responses,
    // The current guard's (b, the newer one): the old ones no longer serve anyone.
    lastResponse: b.lastResponse,
    budgetTokens: b.budgetTokens,
    breakerState: b.breakerState,
  }
}

export function createUpstreamPool(
  create: (credentials: UpstreamCredentials) => Upstream
): UpstreamPool {
  // Keyed by the whole credential: a rotated token gets a fresh guard, never the old one's cache.
  const guards = new Map<string, { readonly tenantId: string; readonly upstream: Upstream }>()
  // The tenant cache hands out one object per tenant for a while; this skips re-keying it per read.
  const ofTenant = new WeakMap<Tenant, Upstream>()
  function guardOf(tenant: Tenant): Upstream {
    const known = ofTenant.get(tenant)
    if (known !== undefined) return known
    const key = JSON.stringify([tenant.id, tenant.intilery])
    let upstream = guards.get(key)?.upstream
    if (upstream === undefined) {
      upstream = create(tenant.intilery)
      // Re-inserted last, so the newest guard of a tenant is the one summed last.
      guards.set(key, { tenantId: tenant.id, upstream })
    }
    ofTenant.set(tenant, upstream)
    return upstream
  }
  return {
    upstreamFor: guardOf,
    spareFor: (tenant) => guardOf(tenant).spare,
    status() {
      const byTenant = new Map<string, UpstreamStats>()
      for (const { tenantId, upstream } of guards.values()) {
        const stats = upstream.stats()
        const before = byTenant.get(tenantId)
        byTenant.set(tenantId, before === undefined ? stats : sum(before, stats))
      }
      return [...byTenant].map(([tenantId, stats]) => ({ tenantId, stats }))
    },
  }
}
