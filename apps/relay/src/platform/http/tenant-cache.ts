/**
 * @module platform/http/tenant-cache
 * Every authenticated request looks its tenant up (a few SELECTs and two AES-GCM decryptions);
 * a profile showed it as a fifth of a warm request's CPU. Tenants change rarely, so lookups are
 * kept for a few seconds: a rotated Zendesk secret or a removed tenant takes effect within `ttlMs`,
 * or at once when the relay learns of the change (`clear`, see wiring/change-watch.ts).
 * API keys are deliberately not cached here, so a revoked key stops working at once.
 */
import { LRUCache } from 'lru-cache'

import type { Tenant, TenantDirectory } from '../../ports.ts'

/** A cached answer; `undefined` is a real answer (no such tenant), so it is boxed. */
type Entry<T> = { readonly value: T | undefined }

function memo<T>(ttlMs: number, now: () => number) {
  const entries = new LRUCache<string, Entry<T>>({
    max: 10_000,
    ttl: ttlMs,
    // The relay's clock, so tests move time by hand; read on every call (no 1 ms caching).
    perf: { now },
    ttlResolution: 0,
  })
  // Bumped by clear(): a load that began before it may have read what the change replaced.
  let generation = 0
  const read = async (key: string, load: () => Promise<T | undefined>): Promise<T | undefined> => {
    const hit = entries.get(key)
    if (hit !== undefined) return hit.value
    const began = generation
    // Unknown keys are remembered too, so a flood of bad tokens cannot reach the database.
    const value = await load()
    if (began === generation) entries.set(key, { value })
    return value
  }
  const clear = () => {
    generation += 1
    entries.clear()
  }
  return { read, clear }
}

export interface CachedTenantDirectory extends TenantDirectory {
  /** Forgets every answer: tenants changed somewhere (store/change-versions.ts). */
  readonly clear: () => void
}

export function cachedTenantDirectory(
  directory: TenantDirectory,
  ttlMs = 10_000,
  now: () => number = () => Date.now()
): CachedTenantDirectory {
  const byLink = memo<{ tenant: Tenant; secret: string | undefined }>(ttlMs, now)
  const byId = memo<Tenant>(ttlMs, now)
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
