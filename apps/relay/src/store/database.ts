/**
 * @module store/database
 * Opens the relay's database from one URL: embedded SQLite by default (no server to run), Postgres
 * when several relay instances share state. Both give the same Kysely<Schema>, so the store and its
 * migrations are written once. Which file SQLite uses by default (`relay.db` in the working
 * directory) is the configuration's decision, not this module's.
 */
import { Kysely, PostgresDialect, type Dialect } from 'kysely'
import type pg from 'pg'

import { parseDatabaseUrl } from './database-url.ts'
import { createLibsqlDialect } from './libsql-dialect.ts'
import type { Schema } from './schema.ts'

export { parseDatabaseUrl, type DatabaseTarget } from './database-url.ts'

export interface OpenDatabaseOptions {
  /**
   * Postgres only: an idle pooled connection failed (the server restarted, the network dropped).
   * The pool has already discarded it; pass the logger here. Without a listener Node treats the
   * pool's 'error' event as unhandled and the process exits.
   */
  readonly onBackgroundError?: ((error: Error) => void) | undefined
  /** Postgres only: the most connections one relay instance opens (default 10). */
  readonly maxConnections?: number | undefined
  /**
   * SQLite only: who copies the write-ahead log into the database file. `commit` (the default):
   * SQLite itself, in whichever commit crosses its threshold, on that caller's thread. `elsewhere`:
   * never this connection; another one checkpoints (the outbox thread, writeback/thread/).
   */
  readonly walCheckpoints?: 'commit' | 'elsewhere' | undefined
}

/**
 * @param url see parseDatabaseUrl
 * @throws DatabaseUrlError before anything is opened. Connecting happens on the first query.
 */
export function openDatabase(
  url: string | undefined,
  options: OpenDatabaseOptions = {}
): Kysely<Schema> {
  const target = parseDatabaseUrl(url)
  const dialect: Dialect =
    target.kind === 'sqlite'
      ? createLibsqlDialect(target.path, options.walCheckpoints)
      : // pg is loaded only when Postgres is configured: an SQLite relay never pays its memory.
        new PostgresDialect({
          pool: async () => createPool((await import('pg')).default, target, options),
        })
  return new Kysely<Schema>({ dialect })
}

const INT8_OID = 20

/**
 * `pg` returns int8 (our `bigint` timestamps, and `count(*)`) as strings so as not to lose
 * precision past 2^53. Our int8 values are epoch milliseconds and counts, far below that, and the
 * store is written against numbers, as SQLite returns them. Set per pool, not on pg's global
 * parser table, so other users of `pg` in the process are unaffected.
 */
function int8AsNumber(driver: typeof pg): pg.TypeOverrides {
  const types = new driver.TypeOverrides()
  types.setTypeParser(INT8_OID, 'text', Number)
  return types
}

function createPool(
  driver: typeof pg,
  target: { readonly connectionString: string },
  options: OpenDatabaseOptions
): pg.Pool {
  const pool = new driver.Pool({
    connectionString: target.connectionString,
    types: int8AsNumber(driver),
    max: options.maxConnections ?? 10,
  })
  if (options.onBackgroundError !== undefined) pool.on('error', options.onBackgroundError)
  return pool
}
