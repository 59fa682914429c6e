/**
 * @module cli/known-tenant
 * The tenant a command's `--tenant` names, checked to exist before anything is read or changed:
 * a mistyped id must fail with its name, not list nothing or move nothing and exit 0.
 */
import type { RelayStore } from '../wiring/relay-store.ts'
import { need, type Values } from './cli-args.ts'

/** The command names a tenant the database does not hold. Exit 1, like the store's own refusal. */
export class NoSuchTenantError extends Error {
  override readonly name = 'NoSuchTenantError'
  constructor(readonly tenantId: string) {
    super(noSuchTenant(tenantId))
  }
}

/** The one sentence every command says for an unknown tenant id. */
export const noSuchTenant = (tenantId: string) =>
  `no tenant ${tenantId} (relay tenants list shows the tenants)`

/** `--tenant`, once the database says it holds that tenant. @throws NoSuchTenantError */
export async function knownTenant(
  values: Values,
  store: Pick<RelayStore, 'tenants'>
): Promise<string> {
  const tenantId = need(values, 'tenant')
  if ((await store.tenants.get(tenantId)) === undefined) throw new NoSuchTenantError(tenantId)
  return tenantId
}
