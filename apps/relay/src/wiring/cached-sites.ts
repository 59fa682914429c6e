/**
 * @module wiring/cached-sites
 * Personalization sites as visitor requests read them: kept for seconds, like tenants, instead of
 * a database read and an AES-GCM opening on every visitor's page. A change through the store bumps
 * the tenants' change counter (`versionedSites`), and every instance's change watch then clears
 * these (server.ts), so a removed site or a new origin takes effect within half a second.
 */
import { clearableMemo } from '../platform/http/clearable-memo.ts'
import type { SiteWithSecret, VisitorSites } from '../public-api/visitor/visitor-token.ts'
import type { SiteStore } from '../store/site-store.ts'

/** A backstop behind the change watch. */
const KEEP_MS = 10_000

/** The store, with every write followed by `bump` (the tenants' change counter). */
export function versionedSites(store: SiteStore, bump: () => Promise<void>): SiteStore {
  return {
    ...store,
    create: async (...args) => {
      const created = await store.create(...args)
      await bump()
      return created
    },
    declare: async (...args) => {
      const declared = await store.declare(...args)
      await bump()
      return declared
    },
    remove: async (id) => {
      const removed = await store.remove(id)
      if (removed) await bump()
      return removed
    },
  }
}

export function cachedSites(
  store: Pick<SiteStore, 'get' | 'allOrigins'>,
  now: () => number
): { readonly sites: VisitorSites; readonly clear: () => void } {
  const byId = clearableMemo<SiteWithSecret>(KEEP_MS, now)
  // Every origin at once, under one key: a preflight from an origin nobody lists (any page can
  // send one) costs a set lookup, not a scan of the sites.
  const origins = clearableMemo<ReadonlySet<string>>(KEEP_MS, now)
  return {
    sites: {
      get: (id) => byId.read(id, () => store.get(id)),
      allowsOrigin: async (origin) =>
        (await origins.read('all', () => store.allOrigins()))?.has(origin) === true,
    },
    clear: () => {
      byId.clear()
      origins.clear()
    },
  }
}
