/**
 * @module store/libsql-dialect
 * Embedded SQLite through `libsql` (a better-sqlite3-compatible binding whose npm package ships a
 * prebuilt binary: nothing compiles at install time) under Kysely's own SqliteDialect. Three
 * things are added around it, each for a failure measured on this stack (docs/decisions/
 * relay-storage.md):
 *  - parameters are mapped before binding: libsql aborts the whole process on a boolean and throws
 *    on a Date;
 *  - the adapter claims transactional DDL (SQLite has it; Kysely says it has not), so a failing
 *    migration is rolled back instead of left half-applied;
 *  - each connection gets WAL, foreign keys and a busy timeout.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import Database from 'libsql'
import { LRUCache } from 'lru-cache'
import { SqliteAdapter, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'

/** SQLite has no boolean or date type: store what the portable schema stores, 0/1 and epoch ms. */
export function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.getTime()
  return value
}

const bindable = (parameters: readonly unknown[]) => parameters.map(toSqliteValue)

/** Distinct statements kept prepared per connection (the relay issues a few dozen shapes). */
const PREPARED_STATEMENTS = 200

/**
 * The slice of Kysely's SqliteDatabase over libsql, with every parameter made bindable. Statements
 * are kept prepared by their SQL text: Kysely prepares on every query, and for the audit INSERT of
 * every read, preparing cost as much as running.
 */
function bindingSafe(database: Database.Database): SqliteDatabase {
  const prepared = new LRUCache<string, Database.Statement>({ max: PREPARED_STATEMENTS })
  return {
    close: () => database.close(),
    prepare(sql): SqliteStatement {
      let statement = prepared.get(sql)
      if (statement === undefined) {
        statement = database.prepare(sql)
        prepared.set(sql, statement)
      }
      const reusable = statement
      return {
        get reader() {
          return reusable.reader
        },
        all: (parameters) => reusable.all(bindable(parameters)),
        run: (parameters) => reusable.run(bindable(parameters)),
        iterate: (parameters) => reusable.iterate(bindable(parameters)),
      }
    },
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  // SQLite runs CREATE/ALTER/DROP inside transactions; Kysely's default (false) makes the Migrator
  // run each migration without one, so a failure halfway leaves the schema half-built.
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class LibsqlDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}

/**
 * How long a writer waits for another process's write lock (the CLI beside a running relay) before
 * failing with SQLITE_BUSY. The wait is synchronous, so it is kept short.
 */
const BUSY_TIMEOUT_MS = 2_000

/**
 * SQLite creates the file but not its folder, and libsql then says only that it could not open
 * the file (error 14): the folder is what an operator has to create, so say so.
 */
function openFile(path: string): Database.Database {
  try {
    return new Database(path)
  } catch (error) {
    const folder = dirname(resolve(path))
    if (path !== ':memory:' && !existsSync(folder))
      throw new Error(
        `cannot open the SQLite database ${path}: the folder ${folder} does not exist`,
        {
          cause: error,
        }
      )
    throw error
  }
}

/** @param path a file path, or `:memory:` for a private database that lives as long as the handle. */
export function createLibsqlDialect(path: string): SqliteDialect {
  return new LibsqlDialect({
    database: () => {
      const database = openFile(path)
      // WAL lets readers carry on while one writer writes, and survives a crash without a
      // rollback journal; NORMAL sync is safe under WAL. `:memory:` ignores journal_mode.
      database.exec('PRAGMA journal_mode = WAL')
      database.exec('PRAGMA synchronous = NORMAL')
      // Off by default in SQLite, per connection: without it ON DELETE CASCADE silently does
      // nothing and installs of a deleted tenant would linger.
      database.exec('PRAGMA foreign_keys = ON')
      database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
      return Promise.resolve(bindingSafe(database))
    },
  })
}
