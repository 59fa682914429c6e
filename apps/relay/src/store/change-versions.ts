/**
 * @module store/change-versions
 * A counter per kind of change, bumped after every write of that kind, so that each relay
 * instance can tell in one small query that its caches are out of date (wiring/change-watch.ts).
 * Several instances share one database; a tenant removed, a link's secret rotated or an Intilery
 * token replaced through one of them (or through the `relay` CLI) reaches every other instance at
 * its next look, not when its caches expire.
 *
 * A counter rather than notifications: it works the same on SQLite and Postgres, needs no other
 * server, and a missed look is caught up by the next one.
 */
import { sql, type Migration } from 'kysely'

import type { UntypedDb } from './migrations.ts'
import type { Executor } from './schema.ts'

export type ChangeKind = 'tenants'

export interface ChangeVersionsTable {
  kind: string
  version: number
}

export const changeVersionsMigration: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('change_versions')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute()
    await db.insertInto('change_versions').values({ kind: 'tenants', version: 0 }).execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('change_versions').execute()
  },
}

const table = (db: Executor) => db.withTables<{ change_versions: ChangeVersionsTable }>()

/** One more change of `kind`. */
export async function bumpVersion(db: Executor, kind: ChangeKind): Promise<void> {
  await table(db)
    .updateTable('change_versions')
    .set({ version: sql<number>`version + 1` })
    .where('kind', '=', kind)
    .execute()
}

/** The count of `kind`'s changes so far (0 before any). */
export async function readVersion(db: Executor, kind: ChangeKind): Promise<number> {
  const row = await table(db)
    .selectFrom('change_versions')
    .select('version')
    .where('kind', '=', kind)
    .executeTakeFirst()
  return Number(row?.version ?? 0)
}
