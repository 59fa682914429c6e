/**
 * @module http/tenant-cache
 * Every authenticated request looks its tenant up (a few SELECTs and two AES-GCM decryptions);
 * a profile showed it as a fifth of a warm request's CPU. Tenants change rarely, so lookups are
 * kept for a few seconds: a rotated Zendesk secret or a removed tenant takes effect within `ttlMs`.
 * API keys are deliberately not cached here, so a revoked key stops working at once.
 */
import { LRUCache } from 'lru-cache'

import type { Tenant, TenantDirectory } from '../../ports.ts'

/** lru-cache bounds the memory; the expiry is kept with each entry so the clock is injectable. */
type Entry<T> = { readonly value: T | undefined; readonly expiresAt: number }

function memo<T>(ttlMs: number, now: () => number) {
  const entries = new LRUCache<string, Entry<T>>({ max: 10_000 })
  return async (key: string, load: () => Promise<T | undefined>): Promise<T | undefined> => {
    const hit = entries.get(key)
    if (hit !== undefined && hit.expiresAt > now()) return hit.value
    // Unknown keys are remembered too, so a flood of bad tokens cannot reach the database.
    const value = await load()
    entries.set(key, { value, expiresAt: now() + ttlMs })
    return value
  }
}

export function cachedTenantDirectory(
  directory: TenantDirectory,
  ttlMs = 10_000,
  now: () => number = () => Date.now()
): TenantDirectory {
  const bySubdomain = memo<{ tenant: Tenant; sharedSecret: string }>(ttlMs, now)
  const byId = memo<Tenant>(ttlMs, now)
  const byCompany = memo<Tenant>(ttlMs, now)
  return {
    findByZendeskSubdomain: (subdomain) => {
      const key = subdomain.toLowerCase()
      return bySubdomain(key, () => directory.findByZendeskSubdomain(key))
    },
    get: (id) => byId(id, () => directory.get(id)),
    findByPipedriveCompany: (companyId) =>
      byCompany(companyId, () => directory.findByPipedriveCompany(companyId)),
  }
}
