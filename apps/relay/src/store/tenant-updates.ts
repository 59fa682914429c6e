/**
 * @module store/tenant-updates
 * Changing part of a tenant: the fields an operator names (`relay tenants update`), and a new
 * Intilery token (`relay tenants rotate-token`); write-back on or off (`relay tenants writeback`). Everything not named is kept as it is: links,
 * their secrets, the token. Replacing a tenant whole is the tenant store's upsert.
 */
import type { Kysely } from 'kysely'

import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { InvalidInputError } from './errors.ts'
import type { Schema, TenantsTable } from './schema.ts'
import { addLink, checkLinks, sealLinks } from './tenant-links.ts'
import {
  intileryInputSchema,
  sealingContext,
  tenantPatchSchema,
  trackingUrlSchema,
  type LinkRulebook,
  type TenantPatch,
} from './tenant-schema.ts'

export interface TenantUpdateDeps {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
  readonly rulebook: LinkRulebook
}

/**
 * @returns false when there is no such tenant (nothing written).
 * @throws InvalidInputError for a bad field or link; OwnershipConflictError when a link to add
 *   belongs to another tenant. Nothing is written then either.
 */
export async function updateTenant(
  { db, secretBox, now, rulebook }: TenantUpdateDeps,
  id: string,
  patch: TenantPatch
): Promise<boolean> {
  const parsed = tenantPatchSchema.safeParse(patch)
  if (!parsed.success) throw InvalidInputError.fromZod('tenant', parsed.error)
  const { name, intilery = {}, links } = parsed.data
  const checked = checkLinks(rulebook, links)
  const sealed = await sealLinks(secretBox, id, checked)
  const columns: Partial<TenantsTable> = {
    ...(name === undefined ? {} : { name }),
    ...(intilery.baseUrl === undefined ? {} : { intilery_base_url: intilery.baseUrl }),
    ...(intilery.clientId === undefined ? {} : { intilery_client_id: intilery.clientId }),
    ...(intilery.accountId === undefined ? {} : { intilery_account_id: intilery.accountId }),
    ...(intilery.brandId === undefined ? {} : { intilery_brand_id: intilery.brandId }),
  }
  const at = now()
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('tenants')
      .set({ ...columns, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) return false
    for (const link of sealed) await addLink(trx, rulebook, id, link, at)
    return true
  })
}

/**
 * @returns false when there is no such tenant.
 * @throws InvalidInputError when the token is empty or too long.
 */
export async function rotateIntileryToken(
  { db, secretBox, now }: TenantUpdateDeps,
  id: string,
  token: string
): Promise<boolean> {
  const parsed = intileryInputSchema.shape.authToken.safeParse(token)
  if (!parsed.success)
    throw new InvalidInputError('tenant', [
      { path: 'intilery.authToken', message: parsed.error.issues[0]?.message ?? 'invalid' },
    ])
  const sealed = await secretBox.seal(parsed.data, sealingContext.intileryToken(id))
  const result = await db
    .updateTable('tenants')
    .set({ intilery_token_sealed: sealed, updated_at: now() })
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** What to change of a tenant's write-back: a value sets it, `null` clears it, absent keeps it. */
export interface WritebackChange {
  readonly enabled?: boolean | undefined
  /** `null`: back to the URL derived from the Intilery credentials. */
  readonly trackingUrl?: string | null | undefined
}

/**
 * @returns false when there is no such tenant.
 * @throws InvalidInputError for a tracking URL that is not https (or loopback http); nothing is
 *   written.
 */
export async function setWriteback(
  { db, now }: TenantUpdateDeps,
  id: string,
  change: WritebackChange
): Promise<boolean> {
  const columns: Partial<TenantsTable> = {}
  if (change.enabled !== undefined) columns.writeback_enabled = change.enabled ? 1 : 0
  if (change.trackingUrl === null) columns.writeback_tracking_url = null
  else if (change.trackingUrl !== undefined) {
    const parsed = trackingUrlSchema.safeParse(change.trackingUrl)
    if (!parsed.success) throw InvalidInputError.fromZod('tracking URL', parsed.error)
    columns.writeback_tracking_url = parsed.data
  }
  const result = await db
    .updateTable('tenants')
    .set({ ...columns, updated_at: now() })
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
