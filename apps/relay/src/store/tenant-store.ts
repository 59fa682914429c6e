/**
 * @module store/tenant-store
 * Tenants with their Intilery credentials, Zendesk installs and Pipedrive companies. Secrets are
 * sealed with the SecretBox before they reach the database and opened only when a tenant is read
 * for use; listing never opens them. A tenant is written as a whole: its installs and companies
 * are replaced in the same transaction as the tenant row, so no reader sees half of an update.
 */
import type { Kysely } from 'kysely'

import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { InvalidInputError, OwnershipConflictError } from './errors.ts'
import type { Executor, Schema, TenantsTable } from './schema.ts'
import { listTenants, readTenant } from './tenant-reads.ts'
import {
  sealingContext,
  sharedSecretSchema,
  tenantIdSchema,
  tenantInputSchema,
  pipedriveCompanyIdSchema,
  zendeskSubdomainSchema,
  type Tenant,
  type TenantInput,
  type TenantSummary,
  type ValidTenant,
} from './tenant-schema.ts'

export interface TenantStore {
  /**
   * Creates the tenant or replaces it whole (installs and companies not listed are removed).
   * @throws InvalidInputError when the input fails tenantInputSchema; nothing is written.
   * @throws OwnershipConflictError when a subdomain or company belongs to another tenant.
   */
  upsert(input: TenantInput): Promise<{ readonly created: boolean }>
  /** @throws SecretBoxError when a stored secret does not open (wrong key or tampered row). */
  get(id: string): Promise<Tenant | undefined>
  /** Every tenant, by id, without secrets. */
  list(): Promise<TenantSummary[]>
  /** Deletes the tenant with its installs, companies and API keys; the audit log stays. */
  remove(id: string): Promise<boolean>
  /** Case-insensitive, as Zendesk subdomains are. */
  findByZendeskSubdomain(
    subdomain: string
  ): Promise<{ readonly tenant: Tenant; readonly sharedSecret: string } | undefined>
  findByPipedriveCompany(companyId: string): Promise<Tenant | undefined>
  /**
   * Links a Pipedrive company to a tenant (the setup page); linking it again to the same tenant
   * changes nothing. A tenants file applied later replaces the tenant's companies with its own list.
   * @returns false when there is no such tenant.
   * @throws OwnershipConflictError when another tenant has that company.
   */
  linkPipedriveCompany(tenantId: string, companyId: string): Promise<boolean>
  /**
   * @returns false when no tenant has that subdomain.
   * @throws InvalidInputError when the new secret is empty or too long.
   */
  rotateZendeskSecret(subdomain: string, newSecret: string): Promise<boolean>
}

export interface TenantStoreDeps {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
}

interface SealedTenant {
  readonly tenant: ValidTenant
  readonly tokenSealed: string
  readonly installs: readonly { readonly subdomain: string; readonly sealed: string }[]
}

export function createTenantStore({ db, secretBox, now }: TenantStoreDeps): TenantStore {
  const read = (executor: Executor, id: string) => readTenant(executor, secretBox, id)

  return {
    async upsert(input) {
      const parsed = tenantInputSchema.safeParse(input)
      if (!parsed.success) throw InvalidInputError.fromZod('tenant', parsed.error)
      const tenant = parsed.data
      // Sealed before the transaction opens: on SQLite an open write transaction holds the only
      // connection, so it should not wait on anything but the database.
      const sealed: SealedTenant = {
        tenant,
        tokenSealed: await secretBox.seal(
          tenant.intilery.authToken,
          sealingContext.intileryToken(tenant.id)
        ),
        installs: await Promise.all(
          tenant.zendesk.map(async ({ subdomain, sharedSecret }) => ({
            subdomain,
            sealed: await secretBox.seal(
              sharedSecret,
              sealingContext.zendeskSecret(tenant.id, subdomain)
            ),
          }))
        ),
      }
      const at = now()
      return db.transaction().execute((trx) => writeTenant(trx, sealed, at))
    },

    async get(id) {
      return tenantIdSchema.safeParse(id).success ? read(db, id) : undefined
    },

    list: () => listTenants(db),

    async remove(id) {
      const result = await db.deleteFrom('tenants').where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async findByZendeskSubdomain(subdomain) {
      const parsed = zendeskSubdomainSchema.safeParse(subdomain)
      if (!parsed.success) return undefined
      const install = await db
        .selectFrom('zendesk_installs')
        .select('tenant_id')
        .where('subdomain', '=', parsed.data)
        .executeTakeFirst()
      if (install === undefined) return undefined
      const tenant = await read(db, install.tenant_id)
      // Undefined only if the install was removed between the two reads.
      const sharedSecret = tenant?.zendesk.find((i) => i.subdomain === parsed.data)?.sharedSecret
      return tenant === undefined || sharedSecret === undefined
        ? undefined
        : { tenant, sharedSecret }
    },

    async findByPipedriveCompany(companyId) {
      const parsed = pipedriveCompanyIdSchema.safeParse(companyId)
      if (!parsed.success) return undefined
      const company = await db
        .selectFrom('pipedrive_companies')
        .select('tenant_id')
        .where('company_id', '=', parsed.data)
        .executeTakeFirst()
      return company === undefined ? undefined : read(db, company.tenant_id)
    },

    async linkPipedriveCompany(tenantId, companyId) {
      const company = pipedriveCompanyIdSchema.parse(companyId)
      return db.transaction().execute(async (trx) => {
        const tenant = await trx
          .selectFrom('tenants')
          .select('id')
          .where('id', '=', tenantId)
          .executeTakeFirst()
        if (tenant === undefined) return false
        const taken = await trx
          .selectFrom('pipedrive_companies')
          .select('tenant_id')
          .where('company_id', '=', company)
          .executeTakeFirst()
        if (taken !== undefined && taken.tenant_id !== tenantId)
          throw new OwnershipConflictError('pipedrive company', company, taken.tenant_id)
        if (taken === undefined)
          await trx
            .insertInto('pipedrive_companies')
            .values({ company_id: company, tenant_id: tenantId })
            .execute()
        return true
      })
    },

    async rotateZendeskSecret(subdomain, newSecret) {
      const secret = sharedSecretSchema.safeParse(newSecret)
      if (!secret.success) throw InvalidInputError.fromZod('zendesk secret', secret.error)
      const parsed = zendeskSubdomainSchema.safeParse(subdomain)
      if (!parsed.success) return false
      const install = await db
        .selectFrom('zendesk_installs')
        .select('tenant_id')
        .where('subdomain', '=', parsed.data)
        .executeTakeFirst()
      if (install === undefined) return false
      const tenantId = install.tenant_id
      const sealed = await secretBox.seal(
        secret.data,
        sealingContext.zendeskSecret(tenantId, parsed.data)
      )
      return db.transaction().execute(async (trx) => {
        // The tenant id in the WHERE: if the install moved meanwhile, this sealed value is bound
        // to the wrong tenant and must not be written.
        const result = await trx
          .updateTable('zendesk_installs')
          .set({ shared_secret_sealed: sealed })
          .where('subdomain', '=', parsed.data)
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst()
        if (result.numUpdatedRows === 0n) return false
        await trx
          .updateTable('tenants')
          .set({ updated_at: now() })
          .where('id', '=', tenantId)
          .execute()
        return true
      })
    },
  }
}

async function writeTenant(
  trx: Executor,
  { tenant, tokenSealed, installs }: SealedTenant,
  at: number
): Promise<{ created: boolean }> {
  const existing = await trx
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', tenant.id)
    .executeTakeFirst()
  const columns = {
    name: tenant.name,
    intilery_base_url: tenant.intilery.baseUrl,
    intilery_client_id: tenant.intilery.clientId,
    intilery_account_id: tenant.intilery.accountId,
    intilery_brand_id: tenant.intilery.brandId,
    intilery_token_sealed: tokenSealed,
    updated_at: at,
  } satisfies Partial<TenantsTable>
  await trx
    .insertInto('tenants')
    .values({ id: tenant.id, created_at: at, ...columns })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(columns))
    .execute()

  // Keep when each install was first added, across replacements.
  const previous = await trx
    .selectFrom('zendesk_installs')
    .select(['subdomain', 'created_at'])
    .where('tenant_id', '=', tenant.id)
    .execute()
  const addedAt = new Map(previous.map((row) => [row.subdomain, row.created_at]))
  await trx.deleteFrom('zendesk_installs').where('tenant_id', '=', tenant.id).execute()
  await trx.deleteFrom('pipedrive_companies').where('tenant_id', '=', tenant.id).execute()

  // After our own rows are gone, any remaining match belongs to another tenant.
  await assertUnclaimed(trx, tenant)
  if (installs.length > 0) {
    await trx
      .insertInto('zendesk_installs')
      .values(
        installs.map(({ subdomain, sealed }) => ({
          subdomain,
          tenant_id: tenant.id,
          shared_secret_sealed: sealed,
          created_at: addedAt.get(subdomain) ?? at,
        }))
      )
      .execute()
  }
  if (tenant.pipedriveCompanyIds.length > 0) {
    await trx
      .insertInto('pipedrive_companies')
      .values(tenant.pipedriveCompanyIds.map((id) => ({ company_id: id, tenant_id: tenant.id })))
      .execute()
  }
  return { created: existing === undefined }
}

async function assertUnclaimed(trx: Executor, tenant: ValidTenant): Promise<void> {
  const subdomains = tenant.zendesk.map((install) => install.subdomain)
  if (subdomains.length > 0) {
    const taken = await trx
      .selectFrom('zendesk_installs')
      .select(['subdomain', 'tenant_id'])
      .where('subdomain', 'in', subdomains)
      .executeTakeFirst()
    if (taken !== undefined) {
      throw new OwnershipConflictError('zendesk subdomain', taken.subdomain, taken.tenant_id)
    }
  }
  if (tenant.pipedriveCompanyIds.length > 0) {
    const taken = await trx
      .selectFrom('pipedrive_companies')
      .select(['company_id', 'tenant_id'])
      .where('company_id', 'in', tenant.pipedriveCompanyIds)
      .executeTakeFirst()
    if (taken !== undefined) {
      throw new OwnershipConflictError('pipedrive company', taken.company_id, taken.tenant_id)
    }
  }
}
