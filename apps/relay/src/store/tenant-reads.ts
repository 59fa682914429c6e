/**
 * @module store/tenant-reads
 * Reading tenants back: one with its secrets opened (for use by the relay), or all of them as
 * summaries, whose queries never select a sealed column at all.
 */
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { UnknownTenantError } from './errors.ts'
import type { Executor, TenantsTable } from './schema.ts'
import {
  sealingContext,
  type Tenant,
  type TenantSummary,
  type WritebackSettings,
} from './tenant-schema.ts'

/** A tenant row's write-back settings: off unless turned on. Not secret. */
export function writebackOf(
  row: Pick<TenantsTable, 'writeback_enabled' | 'writeback_tracking_url'>
): WritebackSettings {
  return {
    enabled: row.writeback_enabled === 1,
    ...(row.writeback_tracking_url === null ? {} : { trackingUrl: row.writeback_tracking_url }),
  }
}

/** A tenant row's Intilery address and ids (the token is sealed, opened only by readTenant). */
function intileryOf(row: {
  intilery_base_url: string
  intilery_client_id: string
  intilery_account_id: string
  intilery_brand_id: string
}): TenantSummary['intilery'] {
  return {
    baseUrl: row.intilery_base_url,
    clientId: row.intilery_client_id,
    accountId: row.intilery_account_id,
    brandId: row.intilery_brand_id,
  }
}

/** @throws SecretBoxError when a sealed value does not open under its own row's context. */
export async function readTenant(
  executor: Executor,
  secretBox: SecretBox,
  id: string
): Promise<Tenant | undefined> {
  const row = await executor
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const links = await executor
    .selectFrom('tenant_links')
    .select(['host', 'account_id', 'secret_sealed'])
    .where('tenant_id', '=', id)
    .orderBy('host')
    .orderBy('account_id')
    .execute()
  const [authToken, opened] = await Promise.all([
    secretBox.open(row.intilery_token_sealed, sealingContext.intileryToken(id)),
    Promise.all(
      links.map(async ({ host, account_id, secret_sealed }) => ({
        host,
        accountId: account_id,
        ...(secret_sealed === null
          ? {}
          : {
              secret: await secretBox.open(
                secret_sealed,
                sealingContext.linkSecret(id, host, account_id)
              ),
            }),
      }))
    ),
  ])
  return {
    id: row.id,
    name: row.name,
    intilery: { ...intileryOf(row), authToken },
    links: opened,
    writeback: writebackOf(row),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }
}

export async function listTenants(db: Executor): Promise<TenantSummary[]> {
  // Two queries for all tenants rather than two per tenant; tenants number in the tens.
  const rows = await db
    .selectFrom('tenants')
    .select([
      'id',
      'name',
      'intilery_base_url',
      'intilery_client_id',
      'intilery_account_id',
      'intilery_brand_id',
      'writeback_enabled',
      'writeback_tracking_url',
      'created_at',
      'updated_at',
    ])
    .orderBy('id')
    .execute()
  const links = await db
    .selectFrom('tenant_links')
    .select(['tenant_id', 'host', 'account_id'])
    .orderBy('host')
    .orderBy('account_id')
    .execute()
  const of = <T extends { tenant_id: string }>(items: T[], id: string) =>
    items.filter((item) => item.tenant_id === id)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    intilery: intileryOf(row),
    links: of(links, row.id).map((link) => ({ host: link.host, accountId: link.account_id })),
    writeback: writebackOf(row),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }))
}

/** @throws UnknownTenantError unless the tenant exists (for rows that must belong to one). */
export async function requireTenant(db: Executor, tenantId: string): Promise<void> {
  const tenant = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', tenantId)
    .executeTakeFirst()
  if (tenant === undefined) throw new UnknownTenantError(tenantId)
}
