/**
 * @module store/sealed-columns
 * Where sealed secrets live, so that checking the encryption key and rotating it reach every one
 * of them: the store's own columns here, each host module's beside its tables (`HostModule.sealed`).
 * A column listed nowhere would keep its old key after a rotation and stop opening.
 */
import { sealingContext } from './tenant-schema.ts'

export interface SealedColumn {
  readonly table: string
  readonly column: string
  /** The row's primary key columns: what the rotation's update is keyed on. */
  readonly key: readonly string[]
  /** Further columns the sealing context is built from. */
  readonly contextColumns?: readonly string[]
  /** The string the value was sealed under, from the row's key and context columns. */
  readonly context: (row: Readonly<Record<string, string>>) => string
}

/** The host-free tables' secrets: each tenant's Intilery token, each link's secret (if any). */
export const storeSealedColumns: readonly SealedColumn[] = [
  {
    table: 'tenants',
    column: 'intilery_token_sealed',
    key: ['id'],
    context: (row) => sealingContext.intileryToken(row.id ?? ''),
  },
  {
    table: 'tenant_links',
    column: 'secret_sealed',
    key: ['host', 'account_id'],
    contextColumns: ['tenant_id'],
    context: (row) =>
      sealingContext.linkSecret(row.tenant_id ?? '', row.host ?? '', row.account_id ?? ''),
  },
  {
    table: 'personalization_sites',
    column: 'signing_secret_sealed',
    key: ['id'],
    contextColumns: ['tenant_id'],
    context: (row) => sealingContext.siteSecret(row.tenant_id ?? '', row.id ?? ''),
  },
]
