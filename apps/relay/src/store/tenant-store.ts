/**
 * @module store/tenant-store
 * Tenants with their Intilery credentials and the host accounts linked to them (tenant_links).
 * Secrets are sealed with the SecretBox before they reach the database and opened only when a
 * tenant is read for use; listing never opens them. A tenant is written as a whole: its links are
 * replaced in the same transaction as the tenant row, so no reader sees half of an update.
 *
 * Hosts are names with rules (see tenant-schema.ts), given at construction: the store itself
 * knows no host.
 */
import type { Kysely } from 'kysely'

import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { InvalidInputError, TenantExistsError } from './errors.ts'
import type { Executor, Schema, TenantsTable } from './schema.ts'
import {
  addLink,
  assertUnclaimed,
  checkLinks,
  sealLinks,
  type CheckedLink,
} from './tenant-links.ts'
import { listTenants, readTenant } from './tenant-reads.ts'
import { presentationColumns } from './tenant-presentation.ts'
import {
  linkSecretSchema,
  sealingContext,
  tenantIdSchema,
  tenantInputSchema,
  type LinkRulebook,
  type Tenant,
  type TenantInput,
  type TenantPatch,
  type TenantSummary,
} from './tenant-schema.ts'
import {
  rotateIntileryToken,
  setWriteback,
  updateTenant,
  type WritebackChange,
} from './tenant-updates.ts'

export interface TenantStore {
  /**
   * Creates the tenant or replaces it whole (links not listed are removed).
   * @throws InvalidInputError when the input fails tenantInputSchema or a host's rules; nothing
   *   is written.
   * @throws OwnershipConflictError when a host account belongs to another tenant.
   */
  upsert(input: TenantInput): Promise<{ readonly created: boolean }>
  /**
   * Creates a tenant that does not exist yet.
   * @throws TenantExistsError when one has that id (nothing is written); as upsert otherwise.
   */
  create(input: TenantInput): Promise<void>
  /**
   * Changes only the fields given and adds the links given; keeps everything else (links, secrets,
   * the Intilery token). @see updateTenant
   */
  update(id: string, patch: TenantPatch): Promise<boolean>
  /** Seals a new Intilery token for the tenant. @see rotateIntileryToken */
  rotateIntileryToken(id: string, token: string): Promise<boolean>
  /** Turns write-back on or off, or changes its tracking URL. @see setWriteback */
  setWriteback(id: string, change: WritebackChange): Promise<boolean>
  /** @throws SecretBoxError when a stored secret does not open (wrong key or tampered row). */
  get(id: string): Promise<Tenant | undefined>
  /** Every tenant, by id, without secrets. */
  list(): Promise<TenantSummary[]>
  /** Deletes the tenant with its links and API keys; the audit log stays. */
  remove(id: string): Promise<boolean>
  /**
   * The tenant a host account is linked to, and the link's secret when the host keeps one.
   * Account ids are normalised by the host's rules first (Zendesk subdomains are case-insensitive).
   */
  findByLink(
    host: string,
    accountId: string
  ): Promise<{ readonly tenant: Tenant; readonly secret: string | undefined } | undefined>
  /**
   * Links one more account (of a host that keeps no secret) to a tenant, e.g. from a setup page;
   * linking it again to the same tenant changes nothing. A tenants file applied later replaces the
   * tenant's links with its own list.
   * @returns false when there is no such tenant.
   * @throws OwnershipConflictError when another tenant has that account.
   */
  link(host: string, tenantId: string, accountId: string): Promise<boolean>
  /**
   * @returns false when no tenant has that account (or the account id is not one).
   * @throws InvalidInputError when the new secret is empty or too long.
   */
  rotateLinkSecret(host: string, accountId: string, newSecret: string): Promise<boolean>
}

export interface TenantStoreDeps {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
  readonly rulebook: LinkRulebook
}

/** `create` refuses an existing id; `upsert` replaces that tenant whole. */
type WriteMode = 'create' | 'upsert'

interface SealedTenant {
  readonly tenant: Omit<TenantInput, 'links'>
  /** Checked before the transaction, like the links. */
  readonly display: ReturnType<typeof presentationColumns>
  readonly tokenSealed: string
  readonly links: readonly (CheckedLink & { readonly sealed: string | null })[]
}

export function createTenantStore({ db, secretBox, now, rulebook }: TenantStoreDeps): TenantStore {
  const read = (executor: Executor, id: string) => readTenant(executor, secretBox, id)
  const normalised = (host: string, accountId: string) =>
    rulebook.get(host)?.accountId.safeParse(accountId)
  const deps = { db, secretBox, now, rulebook }

  async function write(input: TenantInput, mode: WriteMode): Promise<{ created: boolean }> {
    const parsed = tenantInputSchema.safeParse(input)
    if (!parsed.success) throw InvalidInputError.fromZod('tenant', parsed.error)
    const { links, ...tenant } = parsed.data
    const checked = checkLinks(rulebook, links)
    // Sealed before the transaction opens: on SQLite an open write transaction holds the only
    // connection, so it should not wait on anything but the database.
    const sealed: SealedTenant = {
      tenant,
      display: presentationColumns(tenant),
      tokenSealed: await secretBox.seal(
        tenant.intilery.authToken,
        sealingContext.intileryToken(tenant.id)
      ),
      links: await sealLinks(secretBox, tenant.id, checked),
    }
    const at = now()
    return db.transaction().execute((trx) => writeTenant(trx, rulebook, sealed, at, mode))
  }

  return {
    upsert: (input) => write(input, 'upsert'),
    async create(input) {
      await write(input, 'create')
    },
    update: (id, patch) => updateTenant(deps, id, patch),
    rotateIntileryToken: (id, token) => rotateIntileryToken(deps, id, token),
    setWriteback: (id, change) => setWriteback(deps, id, change),

    async get(id) {
      return tenantIdSchema.safeParse(id).success ? read(db, id) : undefined
    },

    list: () => listTenants(db),

    async remove(id) {
      const result = await db.deleteFrom('tenants').where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async findByLink(host, accountId) {
      const parsed = normalised(host, accountId)
      if (parsed?.success !== true) return undefined
      const link = await db
        .selectFrom('tenant_links')
        .select('tenant_id')
        .where('host', '=', host)
        .where('account_id', '=', parsed.data)
        .executeTakeFirst()
      if (link === undefined) return undefined
      const tenant = await read(db, link.tenant_id)
      // Undefined only if the link was removed between the two reads.
      const found = tenant?.links.find((l) => l.host === host && l.accountId === parsed.data)
      return tenant === undefined || found === undefined
        ? undefined
        : { tenant, secret: found.secret }
    },

    async link(host, tenantId, accountId) {
      const [checked] = checkLinks(rulebook, [{ host, accountId }])
      if (checked === undefined) return false
      return db.transaction().execute(async (trx) => {
        const tenant = await trx
          .selectFrom('tenants')
          .select('id')
          .where('id', '=', tenantId)
          .executeTakeFirst()
        if (tenant === undefined) return false
        await addLink(trx, rulebook, tenantId, { ...checked, sealed: null }, now())
        return true
      })
    },

    async rotateLinkSecret(host, accountId, newSecret) {
      const secret = linkSecretSchema.safeParse(newSecret)
      if (!secret.success) throw InvalidInputError.fromZod('link secret', secret.error)
      const parsed = normalised(host, accountId)
      if (parsed?.success !== true) return false
      const link = await db
        .selectFrom('tenant_links')
        .select(['tenant_id', 'secret_sealed'])
        .where('host', '=', host)
        .where('account_id', '=', parsed.data)
        .executeTakeFirst()
      if (link === undefined || link.secret_sealed === null) return false
      const tenantId = link.tenant_id
      const sealed = await secretBox.seal(
        secret.data,
        sealingContext.linkSecret(tenantId, host, parsed.data)
      )
      return db.transaction().execute(async (trx) => {
        // The tenant id in the WHERE: if the link moved meanwhile, this sealed value is bound to
        // the wrong tenant and must not be written.
        const result = await trx
          .updateTable('tenant_links')
          .set({ secret_sealed: sealed })
          .where('host', '=', host)
          .where('account_id', '=', parsed.data)
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
  rulebook: LinkRulebook,
  { tenant, display, tokenSealed, links }: SealedTenant,
  at: number,
  mode: WriteMode
): Promise<{ created: boolean }> {
  const existing = await trx
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', tenant.id)
    .executeTakeFirst()
  if (existing !== undefined && mode === 'create') throw new TenantExistsError(tenant.id)
  const columns = {
    name: tenant.name,
    intilery_base_url: tenant.intilery.baseUrl,
    intilery_client_id: tenant.intilery.clientId,
    intilery_account_id: tenant.intilery.accountId,
    intilery_brand_id: tenant.intilery.brandId,
    intilery_token_sealed: tokenSealed,
    // A tenant written whole (a tenants file) has the presentation it declares, or none.
    ...display,
    // …and write-back as it declares it: off when it says nothing.
    writeback_enabled: tenant.writeback?.enabled === true ? 1 : 0,
    writeback_tracking_url: tenant.writeback?.trackingUrl ?? null,
    updated_at: at,
  } satisfies Partial<TenantsTable>
  await trx
    .insertInto('tenants')
    .values({ id: tenant.id, created_at: at, ...columns })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(columns))
    .execute()

  // Keep when each link was first added, across replacements.
  const previous = await trx
    .selectFrom('tenant_links')
    .select(['host', 'account_id', 'created_at'])
    .where('tenant_id', '=', tenant.id)
    .execute()
  const key = (host: string, accountId: string) => `${host}\u0000${accountId}`
  const addedAt = new Map(previous.map((row) => [key(row.host, row.account_id), row.created_at]))
  await trx.deleteFrom('tenant_links').where('tenant_id', '=', tenant.id).execute()

  // After our own rows are gone, any remaining match belongs to another tenant.
  await assertUnclaimed(trx, rulebook, links)
  if (links.length > 0) {
    await trx
      .insertInto('tenant_links')
      .values(
        links.map((link) => ({
          host: link.host,
          account_id: link.accountId,
          tenant_id: tenant.id,
          secret_sealed: link.sealed,
          created_at: addedAt.get(key(link.host, link.accountId)) ?? at,
        }))
      )
      .execute()
  }
  return { created: existing === undefined }
}
