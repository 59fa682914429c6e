import { describe, expect, it } from 'vitest'

import type { TenantStore } from './tenant-store.ts'
import { TENANT_STORE_WRITES, versionedTenantStore } from './versioned-tenant-store.ts'

/** A store whose every method answers `true`, or fails when told to. */
function fakeStore(fail = false): TenantStore {
  const answer = () => (fail ? Promise.reject(new Error('refused')) : Promise.resolve(true))
  return Object.fromEntries(
    Object.keys(TENANT_STORE_WRITES).map((name) => [name, answer])
  ) as unknown as TenantStore
}

const call = (store: TenantStore, name: string) =>
  (Reflect.get(store, name) as () => Promise<unknown>)()

describe('versionedTenantStore', () => {
  it('bumps the version after every write and never after a read', async () => {
    let bumps = 0
    const store = versionedTenantStore(fakeStore(), () => Promise.resolve(void (bumps += 1)))
    for (const [name, writes] of Object.entries(TENANT_STORE_WRITES)) {
      const before = bumps
      expect(await call(store, name)).toBe(true)
      expect({ name, bumped: bumps - before }).toEqual({ name, bumped: writes ? 1 : 0 })
    }
  })

  it('bumps after a write that failed too (it may have written part), and keeps its error', async () => {
    let bumps = 0
    const store = versionedTenantStore(fakeStore(true), () => Promise.resolve(void (bumps += 1)))
    await expect(store.remove('acme')).rejects.toThrow('refused')
    expect(bumps).toBe(1)
  })
})
