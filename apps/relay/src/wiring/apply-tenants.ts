/**
 * Writes declared tenants (from a tenants file) into the store: the tenant itself, then any API
 * keys it declares that the store does not know yet. Used at start-up and by `relay tenants load`.
 */
import type { RelayStore } from './relay-store.ts'
import type { TenantInput } from './tenants-file.ts'

export async function applyTenants(
  store: RelayStore,
  tenants: readonly TenantInput[]
): Promise<{ id: string; created: boolean; keysImported: number }[]> {
  const results = []
  for (const { apiKeys, ...tenant } of tenants) {
    const { created } = await store.tenants.upsert(tenant)
    let keysImported = 0
    for (const key of apiKeys) {
      if ((await store.apiKeys.verify(key.key)) !== undefined) continue
      await store.apiKeys.import(tenant.id, key)
      keysImported += 1
    }
    results.push({ id: tenant.id, created, keysImported })
  }
  return results
}
