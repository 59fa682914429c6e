/**
 * @module store/libsql-dialect
 * Embedded SQLite through `libsql` (a better-sqlite3-compatible binding whose npm package ships a
 * prebuilt binary: nothing compiles at install time) under Kysely's own SqliteDialect. What is
 * added around it, each for a failure measured on this stack (docs/decisions/relay-storage.md):
 *  - parameters are mapped before binding: libsql aborts the whole process on a boolean and throws
 *    on a Date;
 *  - the adapter claims transactional DDL (SQLite has it; Kysely says it has not), so a failing
 *    migration is rolled back instead of left half-applied;
 *  - each connection gets WAL, foreign keys and a busy timeout;
 *  - every transaction takes the write lock when it begins (BEGIN IMMEDIATE), see
 *    ImmediateSqliteDriver, and a connection that met a busy failure is replaced (bindingSafe).
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import Database from 'libsql'
import { LRUCache } from 'lru-cache'
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely'

import { errorCode } from '../platform/error-code.ts'

/** SQLite has no boolean or date type: store what the portable schema stores, 0/1 and epoch ms. */
export function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.getTime()
  return value
}

const bindable = (parameters: readonly unknown[]) => parameters.map(toSqliteValue)

/** Distinct statements kept prepared per connection (the relay issues a few dozen shapes). */
const PREPARED_STATEMENTS = 200

/** SQLite's busy family (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …): another connection holds a lock. */
const isBusy = (error: unknown) => errorCode(error)?.startsWith('SQLITE_BUSY') === true

/**
 * The slice of Kysely's SqliteDatabase over libsql, with every parameter made bindable. Statements
 * are kept prepared by their SQL text: Kysely prepares on every query, and for the audit INSERT of
 * every read, preparing cost as much as running.
 *
 * A statement that fails with SQLITE_BUSY is left unreset by libsql (0.5.29 has no reset, and
 * resets only when the same statement runs again), and SQLite counts it as still running: the
 * connection's later writes then report success but are not committed, and are rolled back when
 * that statement is finally reset (measured; a webhook acknowledged as stored would be lost). So
 * after a busy failure the connection is replaced by a fresh one. That is safe because a busy
 * failure only happens outside a transaction (ImmediateSqliteDriver takes the write lock at BEGIN):
 * the old connection holds no write of ours, only a read snapshot until it is collected.
 * `reopen` is undefined for `:memory:`, which no other connection can share, so is never busy.
 */
function bindingSafe(
  first: Database.Database,
  reopen: (() => Database.Database) | undefined
): SqliteDatabase {
  /** Undefined after a replacement that could not open: the next statement tries again. */
  let database: Database.Database | undefined = first
  let prepared = new LRUCache<string, Database.Statement>({ max: PREPARED_STATEMENTS })

  function replaceConnection() {
    // Inside a transaction the rest of it would run, uncommitted-as-one, on the new connection;
    // with IMMEDIATE that cannot be a busy failure in WAL, so it is left to the rollback.
    if (reopen === undefined || database === undefined || database.inTransaction) return
    const stale = database
    prepared = new LRUCache({ max: PREPARED_STATEMENTS })
    try {
      database = reopen()
    } catch {
      // Not the stale one meanwhile: connection() opens a new one (or throws why it cannot).
      database = undefined
    }
    try {
      stale.close()
    } catch {
      // Its statements keep it open until they are collected; there is nothing more to do.
    }
  }

  function connection(): Database.Database {
    // Undefined only after a replacement, so only when `reopen` is there.
    database ??= reopen === undefined ? first : reopen()
    return database
  }

  function failed(error: unknown): never {
    if (isBusy(error)) replaceConnection()
    throw error
  }

  function guarded<T>(run: () => T): T {
    try {
      return run()
    } catch (error) {
      return failed(error)
    }
  }

  function* guardedRows<T>(rows: IterableIterator<T>): IterableIterator<T> {
    try {
      yield* rows
    } catch (error) {
      failed(error)
    }
  }

  return {
    close: () => database?.close(),
    prepare(sql): SqliteStatement {
      let statement = prepared.get(sql)
      if (statement === undefined) {
        statement = connection().prepare(sql)
        prepared.set(sql, statement)
      }
      const reusable = statement
      return {
        get reader() {
          return reusable.reader
        },
        all: (parameters) => guarded(() => reusable.all(bindable(parameters))),
        run: (parameters) => guarded(() => reusable.run(bindable(parameters))),
        iterate: (parameters) => guardedRows(guarded(() => reusable.iterate(bindable(parameters)))),
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

/**
 * Kysely begins SQLite transactions DEFERRED: the first read takes a snapshot and the first write
 * then upgrades it to the write lock. When another connection (the CLI beside a running relay, a
 * second relay on the same file) commits in between, that upgrade cannot wait and fails with
 * SQLITE_BUSY_SNAPSHOT; and libsql leaves the failed statement unreset in our prepared-statement
 * cache, where it keeps the stale snapshot open, so every later write on the connection failed
 * the same way until a restart (every sidebar read's audit row included). Taking the write lock
 * at BEGIN waits for the other writer instead (busy_timeout), and a wait that runs out fails the
 * BEGIN alone, which holds nothing afterwards (both measured on libsql 0.5.29).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class LibsqlDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter()
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
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

/**
 * @param path a file path, or `:memory:` for a private database that lives as long as the handle.
 * @param walCheckpoints `elsewhere`: this connection never checkpoints (database.ts).
 */
export function createLibsqlDialect(
  path: string,
  walCheckpoints: 'commit' | 'elsewhere' = 'commit'
): SqliteDialect {
  const open = () => {
    const database = openFile(path)
    // First: switching to WAL itself waits for a lock held by another connection.
    database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
    // WAL lets readers carry on while one writer writes, and survives a crash without a
    // rollback journal; NORMAL sync is safe under WAL. `:memory:` ignores journal_mode.
    database.exec('PRAGMA journal_mode = WAL')
    database.exec('PRAGMA synchronous = NORMAL')
    // Off by default in SQLite, per connection: without it ON DELETE CASCADE silently does
    // nothing and installs of a deleted tenant would linger.
    database.exec('PRAGMA foreign_keys = ON')
    // A checkpoint copies the log into the file and syncs it: 10-50 ms on the thread whose commit
    // set it off, measured as most of the sidebar's slowest reads while write-back drained.
    if (walCheckpoints === 'elsewhere') database.exec('PRAGMA wal_autocheckpoint = 0')
    return database
  }
  return new LibsqlDialect({
    database: () => Promise.resolve(bindingSafe(open(), path === ':memory:' ? undefined : open)),
  })
}
