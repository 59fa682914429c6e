/**
 * @module platform/http/tenant-cache
 * Every authenticated request looks its tenant up (a few SELECTs and two AES-GCM decryptions);
 * a profile showed it as a fifth of a warm request's CPU. Tenants change rarely, so lookups are
 * kept for a few seconds: a rotated Zendesk secret or a removed tenant takes effect within `ttlMs`,
 * or at once when the relay learns of the change (`clear`, see wiring/change-watch.ts).
 * API keys are deliberately not cached here, so a revoked key stops working at once.
 */
import type { Tenant, TenantDirectory } from '../../ports.ts'
import { clearableMemo } from './clearable-memo.ts'

export interface CachedTenantDirectory extends TenantDirectory {
  /** Forgets every answer: tenants changed somewhere (store/change-versions.ts). */
  readonly clear: () => void
}

export function cachedTenantDirectory(
  directory: TenantDirectory,
  ttlMs = 10_000,
  now: () => number = () => Date.now()
): CachedTenantDirectory {
  // Unknown keys are remembered too, so a flood of bad tokens cannot reach the database.
  const byLink = clearableMemo<{ tenant: Tenant; secret: string | undefined }>(ttlMs, now)
  const byId = clearableMemo<Tenant>(ttlMs, now)
  return {
    // Keyed as asked, never case-folded here: whether case matters is each host's rule (the
    // store normalises), and folding could hand one account's tenant to another's id.
    findByLink: (host, accountId) =>
      byLink.read(`${host}\u0000${accountId}`, () => directory.findByLink(host, accountId)),
    get: (id) => byId.read(id, () => directory.get(id)),
    clear: () => {
      byLink.clear()
      byId.clear()
    },
  }
}
