/**
 * @module store/pglite-dialect
 * Postgres in-process (PGlite: Postgres compiled to WASM) so the store suite runs against the
 * Postgres dialect with no server. Kysely 0.28 has no PGlite dialect, and kysely-pglite-dialect
 * pins PGlite <= 0.4, has no savepoints and drops a 0 affected-row count; hence this one.
 *
 * PGlite is a single connection: queries from concurrent callers would interleave inside each
 * other's transactions, so a FIFO mutex hands the connection to one Kysely caller at a time, from
 * acquire to release, exactly as Kysely's SqliteDriver does. For tests: costs ~0.8 GB and a 2-8 s
 * cold start per instance.
 */
import { PGlite, types } from '@electric-sql/pglite'
import {
  CompiledQuery,
  IdentifierNode,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  createQueryId,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

import type { Schema } from './schema.ts'

/** int8 as numbers, as with `pg` in database.ts: our int8 values are epoch ms and counts. */
const QUERY_OPTIONS = { parsers: { [types.INT8]: Number } }
const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

class FifoMutex {
  #locked = false
  readonly #waiting: (() => void)[] = []

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  /** Passes the lock straight to the next waiter, so nobody can jump the queue in between. */
  unlock(): void {
    const next = this.#waiting.shift()
    if (next === undefined) this.#locked = false
    else next()
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters], QUERY_OPTIONS)
    const counted = result.command !== undefined && COUNTED_COMMANDS.has(result.command)
    return {
      rows: result.rows,
      // A count of 0 must stay 0 (not undefined): `revoke` and `remove` report "nothing matched".
      ...(counted ? { numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) } : {}),
    }
  }

  /** PGlite has no cursors: `.stream()` on this dialect fails with this error. */
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The PGlite dialect does not stream; page with keyset queries instead')
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new FifoMutex()
  readonly #connection: PGliteConnection

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite)
  }

  async init(): Promise<void> {
    await this.pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock()
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    const access = settings.accessMode ? ` ${settings.accessMode}` : ''
    await connection.executeQuery(CompiledQuery.raw(`start transaction${isolation}${access}`))
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(c: DatabaseConnection, name: string, compile: Compile) {
    await c.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()))
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string, compile: Compile) {
    await c.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()))
  }

  async releaseSavepoint(c: DatabaseConnection, name: string, compile: Compile) {
    await c.executeQuery(compile(savepointCommand('release', name), createQueryId()))
  }

  releaseConnection(): Promise<void> {
    this.#mutex.unlock()
    return Promise.resolve()
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close()
  }
}

type Compile = QueryCompiler['compileQuery']

/** The savepoint name goes through the compiler as an identifier, so it is quoted, not pasted. */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([
    RawNode.createWithSql(`${command} `),
    IdentifierNode.create(name),
  ])
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter = () => new PostgresAdapter()
  createDriver = () => new PGliteDriver(this.pglite)
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db)
  createQueryCompiler = () => new PostgresQueryCompiler()
}

/**
 * A fresh in-memory Postgres behind Kysely; destroying the Kysely closes it.
 * @param pglite an instance to adopt instead (e.g. one loaded from a `dumpDataDir` snapshot).
 */
export function openPgliteDatabase(pglite: PGlite = new PGlite()): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new PGliteDialect(pglite) })
}
