/**
 * @module store/remembered-choices
 * Which customer an agent chose for a requester whose identity (an email) several Intilery
 * customers share, per tenant, host app and installation scope. The relay keeps it because the
 * app iframe's own storage is third-party storage that most browsers refuse
 * (docs/zendesk-theme-and-choices.md).
 *
 * The requester is kept only as the relay's keyed hash (the audit log's, platform/crypto/hmac.ts)
 * of its normalised ref: the table can answer "what was chosen for this requester" when asked with
 * the requester, and never says who the requesters were.
 */
import { MAX_PROFILE_ID_LENGTH } from '@intilery-connect/core'
import { sql } from 'kysely'
import { z } from 'zod'

import type { Hasher } from '../platform/crypto/hmac.ts'
import type { ChoiceKey, ChoiceMemoryStore } from '../ports.ts'
import { InvalidInputError, StoreIntegrityError } from './errors.ts'
import type { Executor } from './schema.ts'

/** Whose choice (ports.ts): the tenant, the host app, where it runs, the requester's ref. */
export type { ChoiceKey }

export interface RememberedChoices extends ChoiceMemoryStore {
  /** @throws StoreIntegrityError for a stored id this store would not have written */
  get(key: ChoiceKey): Promise<string | undefined>
  /**
   * @returns false when there is no such tenant (nothing is written).
   * @throws InvalidInputError for a key or id out of bounds
   */
  set(key: ChoiceKey, profileId: string): Promise<boolean>
  /** @returns whether a choice was remembered. */
  clear(key: ChoiceKey): Promise<boolean>
}

/** Far beyond any real scope (`acme:360001234567`, `1001:person:42`): a bound, not a format. */
export const MAX_CHOICE_SCOPE_LENGTH = 200

const keySchema = z.object({
  tenantId: z.string().min(1).max(200),
  host: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a host module’s name'),
  scope: z.string().min(1).max(MAX_CHOICE_SCOPE_LENGTH),
  requester: z
    .string()
    .min(3)
    .max(MAX_PROFILE_ID_LENGTH + 20),
})
const profileIdSchema = z.string().min(1).max(MAX_PROFILE_ID_LENGTH)

function checkedKey(key: ChoiceKey): ChoiceKey {
  const parsed = keySchema.safeParse(key)
  if (!parsed.success) throw InvalidInputError.fromZod('remembered choice', parsed.error)
  return parsed.data
}

export function createRememberedChoices({
  db,
  hasher,
  now,
}: {
  readonly db: Executor
  readonly hasher: Hasher
  readonly now: () => number
}): RememberedChoices {
  const where = async (key: ChoiceKey) => {
    const { tenantId, host, scope, requester } = checkedKey(key)
    return { tenantId, host, scope, requesterHmac: await hasher(`choice:${requester}`) }
  }

  return {
    async get(key) {
      const k = await where(key)
      const row = await db
        .selectFrom('remembered_choices')
        .select('profile_id')
        .where('tenant_id', '=', k.tenantId)
        .where('host', '=', k.host)
        .where('scope', '=', k.scope)
        .where('requester_hmac', '=', k.requesterHmac)
        .executeTakeFirst()
      if (row === undefined) return undefined
      const id = profileIdSchema.safeParse(row.profile_id)
      if (!id.success) throw new StoreIntegrityError('remembered_choices', 'profile_id')
      return id.data
    },

    async set(key, profileId) {
      const k = await where(key)
      const id = profileIdSchema.safeParse(profileId)
      if (!id.success) throw InvalidInputError.fromZod('remembered choice', id.error)
      const updatedAt = now()
      // One statement, selected from the tenant's own row: a tenant removed meanwhile gets no row
      // (rather than a foreign-key failure to tell apart from every other driver error).
      const result = await db
        .insertInto('remembered_choices')
        .columns(['tenant_id', 'host', 'scope', 'requester_hmac', 'profile_id', 'updated_at'])
        .expression(
          db
            .selectFrom('tenants')
            .select([
              'id',
              // Cast: Postgres gives an untyped parameter in a select list the type text.
              sql<string>`cast(${k.host} as text)`.as('host'),
              sql<string>`cast(${k.scope} as text)`.as('scope'),
              sql<string>`cast(${k.requesterHmac} as text)`.as('requester_hmac'),
              sql<string>`cast(${id.data} as text)`.as('profile_id'),
              sql<number>`cast(${updatedAt} as bigint)`.as('updated_at'),
            ])
            .where('id', '=', k.tenantId)
        )
        .onConflict((conflict) =>
          conflict
            .columns(['tenant_id', 'host', 'scope', 'requester_hmac'])
            .doUpdateSet({ profile_id: id.data, updated_at: updatedAt })
        )
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
    },

    async clear(key) {
      const k = await where(key)
      const result = await db
        .deleteFrom('remembered_choices')
        .where('tenant_id', '=', k.tenantId)
        .where('host', '=', k.host)
        .where('scope', '=', k.scope)
        .where('requester_hmac', '=', k.requesterHmac)
        .executeTakeFirst()
      return result.numDeletedRows > 0n
    },
  }
}
