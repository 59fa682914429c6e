/**
 * @module platform/typed-folder
 * Relative paths read from where the operator typed the command. pnpm runs a package's scripts in
 * the package's folder (`apps/relay`), and says where the command was typed in INIT_CWD; without
 * this, `relay tenants load tenants.yaml` typed at the repository's root looked in `apps/relay`,
 * and `DATABASE_URL=file:relay.db` put the database there. Run as `node dist/cli.js`, with no
 * INIT_CWD, nothing changes. Both entry points (the server, the CLI) do it, so that they always
 * open the same relative database.
 */
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import process from 'node:process'

import { DEFAULT_DATABASE_URL } from './config/relay-config.ts'
import { parseDatabaseUrl } from '../store/database-url.ts'

/** The relative SQLite file DATABASE_URL names (as the store reads it), else undefined. */
function relativeSqliteFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  // Read from a file, the URL is not known here; the default applies only when neither is set.
  if (env.DATABASE_URL_FILE !== undefined) return undefined
  let target: ReturnType<typeof parseDatabaseUrl>
  try {
    target = parseDatabaseUrl(env.DATABASE_URL ?? DEFAULT_DATABASE_URL)
  } catch {
    return undefined // the configuration's own check says what is wrong with it
  }
  if (target.kind !== 'sqlite' || target.path === ':memory:' || isAbsolute(target.path))
    return undefined
  return target.path
}

/** Refuses a move that would open a new, empty database beside the one the relay has been using. */
export class DatabaseLeftBehindError extends Error {
  constructor(file: string, packageFolder: string, typedFolder: string) {
    super(
      `the database ${relative(typedFolder, join(packageFolder, file))} is where a relative DATABASE_URL pointed before; relative paths are now read from where the command is typed (${typedFolder}): move it (with its -wal and -shm files) there, or set DATABASE_URL=file:${join(packageFolder, file)}`
    )
    this.name = 'DatabaseLeftBehindError'
  }
}

/**
 * The folder to move into: INIT_CWD, when it is another than `here`; undefined to stay.
 * @throws DatabaseLeftBehindError when a relative SQLite database exists in `here` (the package's
 *   folder) and not in the typed one.
 */
export function typedFolder(
  env: Readonly<Record<string, string | undefined>>,
  here: string
): string | undefined {
  const typed = env.INIT_CWD
  if (typed === undefined || typed === '' || typed === here) return undefined
  const file = relativeSqliteFile(env)
  if (file !== undefined && existsSync(join(here, file)) && !existsSync(join(typed, file)))
    throw new DatabaseLeftBehindError(file, here, typed)
  return typed
}

/** Moves into the folder the command was typed in (see typedFolder). */
export function workInTypedFolder(env: Readonly<Record<string, string | undefined>>): void {
  const typed = typedFolder(env, process.cwd())
  if (typed !== undefined) process.chdir(typed)
}
