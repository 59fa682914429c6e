/**
 * @module hosts/pipedrive/install/setup-failures
 * Wrong API keys tried through one setup link, counted in the database so the limit holds
 * across relay instances and restarts: with an in-memory count, a link behind a load balancer
 * of three instances would allow three times the guesses. The link itself is not stored, only a
 * SHA-256 of it (it is a bearer credential until it expires); rows go once their link has expired.
 */
import type { Kysely, Migration } from 'kysely'

import type { UntypedDb } from '../../../store/migrations.ts'
import type { Schema } from '../../../store/schema.ts'

export interface PipedriveSetupFailuresTable {
  link_hash: string
  failures: number
  /** Epoch ms after which the link no longer verifies, so the row can go. */
  expires_at: number
}

type Tables = { pipedrive_setup_failures: PipedriveSetupFailuresTable }

export const setupFailuresMigration: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('pipedrive_setup_failures')
      .addColumn('link_hash', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('pipedrive_setup_failures').execute()
  },
}

export interface SetupFailureStore {
  /** Wrong keys tried through this link so far. */
  count(link: string): Promise<number>
  /**
   * One more attempt that may be wrong, counted before the key is checked, so that parallel
   * attempts (on several instances) cannot all pass a check made before any was counted.
   * @returns the count now.
   */
  add(link: string): Promise<number>
  /** The attempt counted by `add` was a right key after all. */
  forgive(link: string): Promise<void>
}

async function linkHash(link: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(link))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export function createSetupFailureStore(deps: {
  readonly db: Kysely<Schema>
  readonly now: () => number
  /** How long a link lives: its count is kept that long after its first failure. */
  readonly keepMs: number
}): SetupFailureStore {
  const db = deps.db.withTables<Tables>()
  return {
    async count(link) {
      const row = await db
        .selectFrom('pipedrive_setup_failures')
        .select('failures')
        .where('link_hash', '=', await linkHash(link))
        .where('expires_at', '>', deps.now())
        .executeTakeFirst()
      return Number(row?.failures ?? 0)
    },
    async add(link) {
      const expiresAt = deps.now() + deps.keepMs
      await db
        .deleteFrom('pipedrive_setup_failures')
        .where('expires_at', '<=', deps.now())
        .execute()
      // One statement, so two instances counting at once both count.
      const row = await db
        .insertInto('pipedrive_setup_failures')
        .values({ link_hash: await linkHash(link), failures: 1, expires_at: expiresAt })
        .onConflict((conflict) =>
          conflict
            .column('link_hash')
            .doUpdateSet((eb) => ({ failures: eb('pipedrive_setup_failures.failures', '+', 1) }))
        )
        .returning('failures')
        .executeTakeFirstOrThrow()
      return Number(row.failures)
    },
    async forgive(link) {
      await db
        .updateTable('pipedrive_setup_failures')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('link_hash', '=', await linkHash(link))
        .where('failures', '>', 0)
        .execute()
    },
  }
}
