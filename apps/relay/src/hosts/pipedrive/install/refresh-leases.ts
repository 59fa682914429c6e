/**
 * @module hosts/pipedrive/install/refresh-leases
 * Who refreshes an installation's Pipedrive token, across relay instances: the first to take the
 * installation's lease in the shared database refreshes, the others wait for the token it stores
 * (token-keeper.ts). A lease rather than Postgres's advisory locks: the same two statements work
 * on SQLite and Postgres, and a lease whose holder died simply runs out.
 */
import type { Kysely, Migration } from 'kysely'

import type { UntypedDb } from '../../../store/migrations.ts'
import type { Schema } from '../../../store/schema.ts'

export interface PipedriveRefreshLeasesTable {
  install_key: string
  /** The holder's random id. */
  holder: string
  /** Epoch ms when the lease runs out if its holder never gives it back. */
  until: number
}

type Tables = { pipedrive_refresh_leases: PipedriveRefreshLeasesTable }

export const refreshLeasesMigration: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('pipedrive_refresh_leases')
      .addColumn('install_key', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('until', 'bigint', (c) => c.notNull())
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('pipedrive_refresh_leases').execute()
  },
}

export interface RefreshLeases {
  /** How long a lease lasts if its holder never gives it back. */
  readonly leaseMs: number
  /** @returns a release function when this instance now refreshes `key`; undefined when another does. */
  take(key: string): Promise<(() => Promise<void>) | undefined>
}

export function createRefreshLeases(deps: {
  readonly db: Kysely<Schema>
  readonly now: () => number
  /** Longer than a refresh can take (the Pipedrive call's timeout and a save). */
  readonly leaseMs: number
}): RefreshLeases {
  const db = deps.db.withTables<Tables>()
  return {
    leaseMs: deps.leaseMs,
    async take(key) {
      const holder = crypto.randomUUID()
      const now = deps.now()
      // One statement: a free or run-out lease becomes ours; a live one stays its holder's.
      const row = await db
        .insertInto('pipedrive_refresh_leases')
        .values({ install_key: key, holder, until: now + deps.leaseMs })
        .onConflict((conflict) =>
          conflict
            .column('install_key')
            .doUpdateSet({ holder, until: now + deps.leaseMs })
            .where('pipedrive_refresh_leases.until', '<=', now)
        )
        .returning('holder')
        .executeTakeFirst()
      if (row?.holder !== holder) return undefined
      return async () => {
        await db
          .deleteFrom('pipedrive_refresh_leases')
          .where('install_key', '=', key)
          .where('holder', '=', holder)
          .execute()
      }
    },
  }
}
