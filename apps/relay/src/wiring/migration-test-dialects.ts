/**
 * What a migration's test needs on both dialects: a fresh database of each (SQLite in memory,
 * Postgres as PGlite) and a Migrator over the relay's migrations, to stop at the one before the
 * migration under test, fill in rows as the code before it wrote them, and go up and down.
 */
import { Migrator, type Kysely } from 'kysely'

import { openDatabase } from '../store/database.ts'
import { openPgliteDatabase } from '../store/pglite-dialect.ts'
import type { Schema } from '../store/schema.ts'
import { relayMigrations } from './relay-store.ts'

/** For `describe.each`: each dialect's name and how to open an empty database of it. */
export const MIGRATION_TEST_DIALECTS: readonly [string, () => Kysely<Schema>][] = [
  ['SQLite', () => openDatabase(':memory:')],
  ['Postgres (PGlite)', () => openPgliteDatabase()],
]

/** A Migrator over every migration the relay runs. */
export const relayMigrator = (db: Kysely<Schema>): Migrator =>
  new Migrator({ db, provider: { getMigrations: () => Promise.resolve({ ...relayMigrations }) } })
