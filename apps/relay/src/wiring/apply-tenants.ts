/**
 * @module wiring/apply-tenants
 * Writes declared tenants (from a tenants file) into the store: the tenant itself, then any API
 * keys it declares that the store does not know yet. Used at start-up and by `relay tenants load`.
 *
 * A declared key the store already knows keeps its revocation: an operator who revoked it meant it,
 * so it stays revoked (a warning says so, for the file to be fixed), and start-up goes on. An
 * unrevoked one takes the file's traits and scopes, so editing the file is how they change.
 * Declared sites follow the file the same way, their signing secrets included.
 */
import { DEFAULT_SCOPES } from '../store/api-key-store.ts'
import type { RelayStore } from './relay-store.ts'
import type { TenantInput } from './tenants-file.ts'

/** Something about a declared key or site the operator should know; never a key or secret. */
export type DeclaredKeyWarning =
  | {
      readonly kind: 'revoked'
      readonly tenantId: string
      readonly keyId: string
      readonly keyName: string
    }
  | {
      readonly kind: 'other-tenant'
      readonly tenantId: string
      readonly keyId: string
      readonly keyName: string
      readonly ownerTenantId: string
    }
  | {
      /** A site the file declared before and no longer lists: removed, its tokens refused. */
      readonly kind: 'site-retired'
      readonly tenantId: string
      readonly siteId: string
    }

export interface AppliedTenant {
  readonly id: string
  readonly created: boolean
  readonly keysImported: number
  readonly warnings: readonly DeclaredKeyWarning[]
}

/** What an operator reads for each warning (stderr of `relay tenants load`, the start-up log). */
export function describeWarning(warning: DeclaredKeyWarning): string {
  switch (warning.kind) {
    case 'revoked':
      return `declared API key ${warning.keyName} (${warning.keyId}) of tenant ${warning.tenantId} is revoked; it stays revoked (remove it from the tenants file)`
    case 'other-tenant':
      return `declared API key ${warning.keyName} of tenant ${warning.tenantId} belongs to tenant ${warning.ownerTenantId} (${warning.keyId}); left there`
    case 'site-retired':
      return `site ${warning.siteId} of tenant ${warning.tenantId} is no longer in the tenants file: removed, its visitor tokens are refused`
  }
}

const sameGrant = (
  known: { traitAllowlist: readonly string[] | '*'; scopes: readonly string[] },
  declared: TenantInput['apiKeys'][number]
) =>
  JSON.stringify(known.traitAllowlist) === JSON.stringify(declared.traitAllowlist) &&
  JSON.stringify(known.scopes) === JSON.stringify(declared.scopes ?? DEFAULT_SCOPES)

export async function applyTenants(
  store: RelayStore,
  tenants: readonly TenantInput[]
): Promise<AppliedTenant[]> {
  const results: AppliedTenant[] = []
  for (const { apiKeys, sites, ...tenant } of tenants) {
    const { created } = await store.tenants.upsert(tenant)
    let keysImported = 0
    const warnings: DeclaredKeyWarning[] = []
    for (const key of apiKeys) {
      const known = await store.apiKeys.find(key.key)
      if (known === undefined) {
        await store.apiKeys.import(tenant.id, key)
        keysImported += 1
        continue
      }
      const about = { tenantId: tenant.id, keyId: known.id, keyName: key.name }
      if (known.tenantId !== tenant.id)
        warnings.push({ kind: 'other-tenant', ...about, ownerTenantId: known.tenantId })
      else if (known.revokedAt !== undefined) warnings.push({ kind: 'revoked', ...about })
      else if (!sameGrant(known, key))
        await store.apiKeys.setGrant(known.id, {
          traitAllowlist: key.traitAllowlist,
          scopes: key.scopes ?? [...DEFAULT_SCOPES],
        })
    }
    // A declared site is the file's: created, or brought up to date (secret included), and gone
    // once the file leaves it out (how a leaked signing secret is retired).
    for (const site of sites) await store.sites.declare(tenant.id, site)
    const retired = await store.sites.retireDeclared(
      tenant.id,
      sites.map((site) => site.id)
    )
    for (const siteId of retired)
      warnings.push({ kind: 'site-retired', tenantId: tenant.id, siteId })
    results.push({ id: tenant.id, created, keysImported, warnings })
  }
  return results
}
