/**
 * @module cli/db-commands
 * `relay db migrate` and `relay db backup --to <file>`: what an operator runs around an upgrade.
 * Neither needs the encryption key to open anything, so they run before (and without) the store's
 * key check: a backup is exactly what one wants before trying a new key.
 */
import { closeSync, openSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'

import { sql } from 'kysely'

import { openDatabase, parseDatabaseUrl } from '../store/database.ts'
import type { RelayConfig } from '../wiring/relay-config.ts'
import { migrateRelayDatabase } from '../wiring/relay-store.ts'
import type { CliIo, Values } from './cli-args.ts'
import { need } from './cli-args.ts'

/** A db command that cannot do what was asked here (not a wrong call: exit code 1). */
export class DbCommandError extends Error {
  override readonly name = 'DbCommandError'
}

interface DbCommandContext {
  readonly config: RelayConfig
  readonly values: Values
  readonly io: CliIo
}

export const dbCommands: Readonly<Record<string, (context: DbCommandContext) => Promise<number>>> =
  {
    async 'db migrate'({ config, io }) {
      const db = openDatabase(config.databaseUrl)
      try {
        const applied = await migrateRelayDatabase(db)
        io.out(
          applied.length === 0
            ? 'the database is up to date\n'
            : applied.map((name) => `applied ${name}\n`).join('')
        )
        return 0
      } finally {
        await db.destroy()
      }
    },

    async 'db backup'({ config, values, io }) {
      // pnpm runs scripts in the package's folder; INIT_CWD is where the operator typed the command.
      const to = resolve(io.env.INIT_CWD ?? process.cwd(), need(values, 'to'))
      const target = parseDatabaseUrl(config.databaseUrl)
      if (target.kind === 'postgres')
        throw new DbCommandError(
          'DATABASE_URL is Postgres: back it up with pg_dump (e.g. pg_dump --format=custom)'
        )
      if (target.path === ':memory:')
        throw new DbCommandError('DATABASE_URL is an in-memory database: there is nothing to keep')
      // The copy holds sealed secrets and the audit log: created empty, readable by its owner only
      // (VACUUM INTO fills an empty file and keeps its mode), and never over an existing file.
      try {
        closeSync(openSync(to, 'wx', 0o600))
      } catch (error) {
        if ((error as { code?: unknown }).code === 'EEXIST')
          throw new DbCommandError(`${to} exists; choose a new file`)
        throw error
      }
      const db = openDatabase(config.databaseUrl)
      try {
        // VACUUM INTO writes a consistent copy while the relay keeps running (WAL readers and a
        // writer carry on); copying the file could catch a write half-way, or miss the WAL file.
        await sql`VACUUM INTO ${to}`.execute(db)
      } catch (error) {
        rmSync(to, { force: true })
        throw error
      } finally {
        await db.destroy()
      }
      io.out(`backed up ${target.path} to ${to} (${statSync(to).size} bytes)\n`)
      io.err(
        'the backup holds secrets sealed under RELAY_ENCRYPTION_KEY: keep the key backed up too, but apart from it\n'
      )
      return 0
    },
  }
