/**
 * @module store/versioned-tenant-store
 * The tenant store, bumping the `tenants` change version (change-versions.ts) after every write,
 * so every relay instance drops its cached tenants and links at its next look.
 */
import type { PresentationStore } from './tenant-presentation.ts'
import type { TenantStore } from './tenant-store.ts'

/**
 * Which methods write. A Record over every method, so a method added to TenantStore does not
 * compile until it is said here whether it writes: a write that forgot to bump would leave other
 * instances honouring a removed tenant or a rotated secret until their caches expire.
 */
export const TENANT_STORE_WRITES: Readonly<Record<keyof TenantStore, boolean>> = {
  upsert: true,
  create: true,
  update: true,
  rotateIntileryToken: true,
  setWriteback: true,
  remove: true,
  link: true,
  rotateLinkSecret: true,
  get: false,
  list: false,
  findByLink: false,
}

export function versionedTenantStore(store: TenantStore, bump: () => Promise<void>): TenantStore {
  const wrapped: Record<string, unknown> = {}
  const call = (name: string, args: unknown[]) =>
    (Reflect.get(store, name) as (...a: unknown[]) => Promise<unknown>).apply(store, args)
  for (const [name, writes] of Object.entries(TENANT_STORE_WRITES)) {
    wrapped[name] = writes
      ? async (...args: unknown[]) => {
          // After the write, whatever it answered: a bump too many costs other instances one
          // cache refill; one too few would keep a revoked secret working for seconds.
          try {
            return await call(name, args)
          } finally {
            await bump()
          }
        }
      : (...args: unknown[]) => call(name, args)
  }
  return wrapped as unknown as TenantStore
}

/**
 * The presentation store whose writes bump the same counter: every instance keeps presentation
 * settings with its tenants (wiring/cached-presentations.ts) and forgets them on a change.
 */
export function versionedPresentations(
  store: PresentationStore,
  bump: () => Promise<void>
): PresentationStore {
  return {
    get: (tenantId) => store.get(tenantId),
    async set(tenantId, change) {
      try {
        return await store.set(tenantId, change)
      } finally {
        await bump()
      }
    },
  }
}
