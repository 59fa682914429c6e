/**
 * @module store/site-store
 * A tenant's websites whose signed-in visitors read their own data (`GET /v1/visitor/context`).
 * Each site has an id (its tokens' `iss`), the exact origins a browser may call from, the traits
 * and audiences its visitors may see, whether they see recommendations, and a signing secret the
 * site's server signs visitor tokens with. The secret is sealed at rest under the tenant and site
 * (a row moved to another tenant does not open) and shown once, when the relay makes it.
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'

import { toBase64Url } from '../platform/crypto/encoding.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { InvalidInputError, StoreIntegrityError } from './errors.ts'
import type { PersonalizationSitesTable, Schema } from './schema.ts'
import { requireTenant } from './tenant-reads.ts'
import { sealingContext } from './tenant-schema.ts'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** `https://shop.example` exactly as a browser sends it in `Origin`; http only for this machine. */
const originSchema = z.string().refine((text) => {
  try {
    const url = new URL(text)
    const secure =
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
    return secure && url.origin === text
  } catch {
    return false
  }
}, 'an origin is https://host[:port] with no path (http only for 127.0.0.1 or localhost)')

export const SITE_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/

export const siteInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  origins: z
    .array(originSchema)
    .min(1, 'a site needs at least one origin')
    .max(20)
    .refine((o) => new Set(o).size === o.length, 'an origin is listed twice'),
  /** Trait names a visitor may read: never every trait, so no `*`. */
  traits: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(200)
        .refine((t) => t !== '*', 'list traits by name')
    )
    .max(100)
    .default([]),
  /** Audience id -> the name the site sees (ids stay in the relay). */
  audiences: z.record(z.string().min(1).max(200), z.string().trim().min(1).max(100)).default({}),
  recommendations: z.boolean().default(false),
})
export type SiteInput = z.input<typeof siteInputSchema>
type SiteSettings = z.output<typeof siteInputSchema>

export interface Site extends SiteSettings {
  readonly id: string
  readonly tenantId: string
  /** Declared by a tenants file: it follows the file, and a removal from the command line is undone. */
  readonly declared: boolean
}

export interface SiteStore {
  /**
   * @returns the site's id and its signing secret, which is shown this once.
   * @throws InvalidInputError; UnknownTenantError.
   */
  create(
    tenantId: string,
    input: SiteInput & { readonly id?: string | undefined }
  ): Promise<{ readonly id: string; readonly secret: string }>
  /**
   * A site declared in a tenants file, secret included: created, or brought up to date.
   * @throws InvalidInputError; UnknownTenantError; InvalidInputError when the id is another
   *   tenant's site.
   */
  declare(
    tenantId: string,
    input: SiteInput & { readonly id: string; readonly secret: string }
  ): Promise<{ readonly created: boolean }>
  /** The site and its opened secret, for checking a visitor token; undefined when unknown. */
  get(id: string): Promise<(Site & { readonly secret: string }) | undefined>
  /** Every site of a tenant, oldest first; never a secret. */
  list(tenantId: string): Promise<Site[]>
  /** Every origin any site allows (a CORS preflight carries no token to say which site). */
  allOrigins(): Promise<ReadonlySet<string>>
  /**
   * Removes the tenant's declared sites the file no longer lists (a leaked secret is retired by
   * taking its site out of the file).
   * @returns the ids removed.
   */
  retireDeclared(tenantId: string, keep: readonly string[]): Promise<string[]>
  /** @returns false when there is no such site. */
  remove(id: string): Promise<boolean>
}

const SECRET_BYTES = 32
const MIN_SECRET_CHARS = 32
const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0')
  ).join('')

function parseSettings(input: unknown): SiteSettings {
  const parsed = siteInputSchema.safeParse(input)
  if (!parsed.success) throw InvalidInputError.fromZod('site', parsed.error)
  return parsed.data
}

function siteOf(row: Selectable<PersonalizationSitesTable>): Site {
  let settings: unknown
  try {
    settings = {
      name: row.name,
      origins: JSON.parse(row.origins) as unknown,
      traits: JSON.parse(row.traits) as unknown,
      audiences: JSON.parse(row.audiences) as unknown,
      recommendations: row.recommendations === 1,
    }
  } catch (cause) {
    throw new StoreIntegrityError('personalization_sites', 'settings', { cause })
  }
  const parsed = siteInputSchema.safeParse(settings)
  // A damaged row must not widen what a visitor sees: fail the request instead.
  if (!parsed.success)
    throw new StoreIntegrityError('personalization_sites', 'settings', { cause: parsed.error })
  return { id: row.id, tenantId: row.tenant_id, ...parsed.data, declared: row.declared === 1 }
}

export function createSiteStore(deps: {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
}): SiteStore {
  const { db, secretBox, now } = deps
  const columns = (settings: SiteSettings) => ({
    name: settings.name,
    origins: JSON.stringify(settings.origins),
    traits: JSON.stringify(settings.traits),
    audiences: JSON.stringify(settings.audiences),
    recommendations: settings.recommendations ? 1 : 0,
  })
  const requireId = (id: string) => {
    if (!SITE_ID.test(id))
      throw new InvalidInputError('site', [
        { path: 'id', message: 'letters, digits, - and _ only (at most 63), lower case' },
      ])
  }
  const sealed = (tenantId: string, id: string, secret: string) =>
    secretBox.seal(secret, sealingContext.siteSecret(tenantId, id))
  const rowOf = (id: string) =>
    db.selectFrom('personalization_sites').selectAll().where('id', '=', id).executeTakeFirst()
  const taken = (id: string, why: string) =>
    new InvalidInputError('site', [{ path: 'id', message: `site ${id} ${why}` }])

  return {
    async create(tenantId, { id: given, ...input }) {
      const settings = parseSettings(input)
      const id = given ?? `site_${randomHex(6)}`
      requireId(id)
      await requireTenant(db, tenantId)
      const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
      const at = now()
      // One statement, so two instances creating the same id cannot both think they did.
      const result = await db
        .insertInto('personalization_sites')
        .values({
          id,
          tenant_id: tenantId,
          ...columns(settings),
          signing_secret_sealed: await sealed(tenantId, id, secret),
          declared: 0,
          created_at: at,
          updated_at: at,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst()
      if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n) throw taken(id, 'exists already')
      return { id, secret }
    },

    async declare(tenantId, { id, secret, ...input }) {
      const settings = parseSettings(input)
      requireId(id)
      if (secret.length < MIN_SECRET_CHARS)
        throw new InvalidInputError('site', [
          { path: 'secret', message: `must be at least ${MIN_SECRET_CHARS} characters` },
        ])
      await requireTenant(db, tenantId)
      const existed = (await rowOf(id)) !== undefined
      const at = now()
      const values = {
        ...columns(settings),
        signing_secret_sealed: await sealed(tenantId, id, secret),
        declared: 1,
        updated_at: at,
      }
      // An upsert that never takes another tenant's site: the update is limited to this tenant's.
      const result = await db
        .insertInto('personalization_sites')
        .values({ id, tenant_id: tenantId, ...values, created_at: at })
        .onConflict((conflict) =>
          conflict
            .column('id')
            .doUpdateSet(values)
            .where('personalization_sites.tenant_id', '=', tenantId)
        )
        .executeTakeFirst()
      if ((result.numInsertedOrUpdatedRows ?? 0n) === 0n)
        throw taken(id, 'belongs to another tenant')
      return { created: !existed }
    },

    async get(id) {
      const row = await rowOf(id)
      if (row === undefined) return undefined
      const secret = await secretBox.open(
        row.signing_secret_sealed,
        sealingContext.siteSecret(row.tenant_id, row.id)
      )
      return { ...siteOf(row), secret }
    },

    async list(tenantId) {
      const rows = await db
        .selectFrom('personalization_sites')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return rows.map(siteOf)
    },

    async allOrigins() {
      const rows = await db.selectFrom('personalization_sites').select('origins').execute()
      return new Set(rows.flatMap((row) => JSON.parse(row.origins) as string[]))
    },

    async retireDeclared(tenantId, keep) {
      const gone = await db
        .selectFrom('personalization_sites')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('declared', '=', 1)
        .$if(keep.length > 0, (query) => query.where('id', 'not in', [...keep]))
        .execute()
      const ids = gone.map((row) => row.id)
      if (ids.length > 0)
        await db.deleteFrom('personalization_sites').where('id', 'in', ids).execute()
      return ids
    },

    async remove(id) {
      const result = await db
        .deleteFrom('personalization_sites')
        .where('id', '=', id)
        .executeTakeFirst()
      return result.numDeletedRows > 0n
    },
  }
}
