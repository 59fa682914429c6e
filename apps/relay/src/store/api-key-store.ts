/**
 * @module store/api-key-store
 * Relay-issued API keys for server-to-server callers: `icr_<id>_<secret>`. The id is public and
 * indexes the row; the secret is shown once at creation and only its HMAC is stored, so a copy of
 * the database lets nobody call the relay. Every verification reads the row: a revocation takes
 * effect on the very next request, on every relay instance sharing the database.
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'

import type { Hasher } from '../platform/crypto/hmac.ts'
import { sameSecret } from '../platform/crypto/same-secret.ts'
import {
  importableKey,
  importedHash,
  MIN_IMPORTED_KEY,
  newApiKey,
  newImportedKeyId,
  parseApiKey,
} from './api-key-text.ts'
import { InvalidInputError, StoreIntegrityError } from './errors.ts'
import type { ApiKeysTable, Schema } from './schema.ts'
import { requireTenant } from './tenant-reads.ts'

export type TraitAllowlist = readonly string[] | '*'

/**
 * What a key may call besides its trait allowlist: `profiles`, the Profile API mirror (and the
 * traits and audiences of `/v1/personalize`); `recommendations`, products viewed and not bought
 * (alone or in `/v1/personalize`). Keys made before scopes existed have `profiles`, which is all
 * they could do then.
 */
export const API_KEY_SCOPES = ['profiles', 'recommendations'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]
export const DEFAULT_SCOPES: readonly ApiKeyScope[] = ['profiles']

const scopesSchema = z
  .array(z.enum(API_KEY_SCOPES, { error: `scopes are ${API_KEY_SCOPES.join(', ')}` }))
  .min(1, 'a key needs at least one scope')
  .refine((names) => new Set(names).size === names.length, 'a scope is listed twice')

const traitAllowlistSchema = z.union([
  z.literal('*'),
  z
    .array(z.string().trim().min(1).max(200))
    .max(1_000)
    .refine((names) => new Set(names).size === names.length, 'a trait is listed twice'),
])

export const apiKeyInputSchema = z.strictObject({
  /** Who holds the key, e.g. `personalization/prod`: shown in listings and audit callers. */
  name: z.string().trim().min(1).max(100),
  /** Trait names the key may read, or '*' for all. */
  traitAllowlist: traitAllowlistSchema,
  scopes: scopesSchema.default([...DEFAULT_SCOPES]),
})
export type ApiKeyInput = z.input<typeof apiKeyInputSchema>

export interface ApiKeyGrant {
  readonly id: string
  readonly tenantId: string
  readonly name: string
  readonly traitAllowlist: TraitAllowlist
  readonly scopes: readonly ApiKeyScope[]
}

export interface ApiKeySummary extends ApiKeyGrant {
  readonly createdAt: Date
  readonly revokedAt: Date | undefined
}

export interface ApiKeyStore {
  /**
   * @returns the key's id and the full key, which is not stored and cannot be shown again.
   * @throws InvalidInputError for a bad name or allowlist; UnknownTenantError.
   */
  create(
    tenantId: string,
    input: ApiKeyInput
  ): Promise<{ readonly id: string; readonly key: string }>
  /**
   * Registers a key issued elsewhere (a migration from another gateway, a documented demo key),
   * of any format of at least 12 characters. Only its HMAC is stored, as for created keys.
   * @throws InvalidInputError for a short key, bad name or allowlist; UnknownTenantError.
   */
  import(
    tenantId: string,
    input: ApiKeyInput & { readonly key: string }
  ): Promise<{ readonly id: string }>
  /** Undefined for anything but a well-formed, known, unrevoked key with the right secret. */
  verify(key: string): Promise<ApiKeyGrant | undefined>
  /**
   * The key with this full value, revoked or not (verify says only whether it may be used): how
   * a declared key (tenants file) is told apart from one never seen. Never returns the secret.
   */
  find(key: string): Promise<ApiKeySummary | undefined>
  /**
   * Sets an unrevoked key's trait allowlist and scopes (a declared key follows its tenants file).
   * @returns false when there is no such key or it is revoked.
   * @throws InvalidInputError for a bad allowlist or scopes.
   */
  setGrant(id: string, grant: Pick<ApiKeyInput, 'traitAllowlist' | 'scopes'>): Promise<boolean>
  /** @returns false when there is no such key or it was already revoked. */
  revoke(id: string): Promise<boolean>
  /** The tenant's keys, revoked ones included, oldest first; never a secret or hash. */
  list(tenantId: string): Promise<ApiKeySummary[]>
}

export interface ApiKeyStoreDeps {
  readonly db: Kysely<Schema>
  readonly hasher: Hasher
  readonly now: () => number
}

/** Null for keys from before scopes: they keep what they could do then. */
function parseScopes(json: string | null): readonly ApiKeyScope[] {
  if (json === null) return DEFAULT_SCOPES
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (cause) {
    throw new StoreIntegrityError('api_keys', 'scopes', { cause })
  }
  const parsed = scopesSchema.safeParse(value)
  // As for the allowlist: a malformed row fails the request rather than grant a guess.
  if (!parsed.success) throw new StoreIntegrityError('api_keys', 'scopes', { cause: parsed.error })
  return parsed.data
}

function parseAllowlist(json: string): TraitAllowlist {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (cause) {
    throw new StoreIntegrityError('api_keys', 'trait_allowlist', { cause })
  }
  const parsed = traitAllowlistSchema.safeParse(value)
  // A malformed allowlist must not widen access: fail the request instead of guessing.
  if (!parsed.success) {
    throw new StoreIntegrityError('api_keys', 'trait_allowlist', { cause: parsed.error })
  }
  return parsed.data
}

export function createApiKeyStore({ db, hasher, now }: ApiKeyStoreDeps): ApiKeyStore {
  /** One row per key, for a tenant that must exist; created and imported keys alike. */
  const insertKey = (
    tenantId: string,
    key: {
      id: string
      secretHash: string
      name: string
      traitAllowlist: TraitAllowlist
      scopes: readonly ApiKeyScope[]
    }
  ) =>
    db.transaction().execute(async (trx) => {
      await requireTenant(trx, tenantId)
      await trx
        .insertInto('api_keys')
        .values({
          id: key.id,
          tenant_id: tenantId,
          name: key.name,
          secret_hash: key.secretHash,
          trait_allowlist: JSON.stringify(key.traitAllowlist),
          scopes: JSON.stringify(key.scopes),
          created_at: now(),
          revoked_at: null,
        })
        .execute()
    })

  /** The row whose secret matches the whole key, revoked or not; undefined for any other key. */
  async function rowOf(key: string): Promise<Selectable<ApiKeysTable> | undefined> {
    const parts = parseApiKey(key)
    const expected =
      parts === undefined ? await importedHash(hasher, key) : await hasher(parts.secret)
    const query = db.selectFrom('api_keys').selectAll()
    const row = await (
      parts === undefined
        ? query.where('secret_hash', '=', expected)
        : query.where('id', '=', parts.id)
    ).executeTakeFirst()
    if (row === undefined) return undefined
    // Hash first, then compare in constant time: how long this takes must not reveal how much
    // of a guessed secret was right.
    return (await sameSecret(row.secret_hash, expected)) ? row : undefined
  }

  return {
    async create(tenantId, input) {
      const parsed = apiKeyInputSchema.safeParse(input)
      if (!parsed.success) throw InvalidInputError.fromZod('api key', parsed.error)
      const { id, secret, key } = newApiKey()
      await insertKey(tenantId, { id, secretHash: await hasher(secret), ...parsed.data })
      return { id, key }
    },

    async import(tenantId, input) {
      const { key, ...rest } = input
      const parsed = apiKeyInputSchema.safeParse(rest)
      if (!parsed.success) throw InvalidInputError.fromZod('api key', parsed.error)
      if (typeof key !== 'string' || !importableKey(key)) {
        throw new InvalidInputError('api key', [
          {
            path: 'key',
            message: `must be at least ${MIN_IMPORTED_KEY} characters without spaces`,
          },
        ])
      }
      // verify() reads a key of our own shape by its id: imported under another id it could never
      // be used, and each start-up would try to import it again.
      if (parseApiKey(key) !== undefined) {
        throw new InvalidInputError('api key', [
          { path: 'key', message: 'has the shape of a key this relay creates; create a new one' },
        ])
      }
      const known = await rowOf(key)
      if (known !== undefined)
        throw new InvalidInputError('api key', [
          {
            path: 'key',
            message: `is imported already, as key ${known.id}${known.revoked_at === null ? '' : ' (revoked)'}`,
          },
        ])
      const id = newImportedKeyId()
      const secretHash = await importedHash(hasher, key)
      await insertKey(tenantId, { id, secretHash, ...parsed.data })
      return { id }
    },

    async verify(key) {
      const row = await rowOf(key)
      if (row === undefined || row.revoked_at !== null) return undefined
      return {
        id: row.id,
        tenantId: row.tenant_id,
        name: row.name,
        traitAllowlist: parseAllowlist(row.trait_allowlist),
        scopes: parseScopes(row.scopes),
      }
    },

    async find(key) {
      const row = await rowOf(key)
      return row === undefined ? undefined : summaryOf(row)
    },

    async setGrant(id, grant) {
      const parsed = apiKeyInputSchema.omit({ name: true }).safeParse(grant)
      if (!parsed.success) throw InvalidInputError.fromZod('api key', parsed.error)
      const result = await db
        .updateTable('api_keys')
        .set({
          trait_allowlist: JSON.stringify(parsed.data.traitAllowlist),
          scopes: JSON.stringify(parsed.data.scopes),
        })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async revoke(id) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async list(tenantId) {
      const rows = await db
        .selectFrom('api_keys')
        .select([
          'id',
          'tenant_id',
          'name',
          'trait_allowlist',
          'scopes',
          'created_at',
          'revoked_at',
        ])
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return rows.map(summaryOf)
    },
  }
}

function summaryOf(row: Omit<Selectable<ApiKeysTable>, 'secret_hash'>): ApiKeySummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    traitAllowlist: parseAllowlist(row.trait_allowlist),
    scopes: parseScopes(row.scopes),
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? undefined : new Date(row.revoked_at),
  }
}
