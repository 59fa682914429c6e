/**
 * @module store/database-url
 * What a DATABASE_URL names, without opening it: apart from database.ts so that the relay's entry
 * points can read it (platform/typed-folder.ts) before loading any database driver.
 */
import { fileURLToPath } from 'node:url'

import { DatabaseUrlError } from './errors.ts'

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }

/**
 * Reads a database URL: `postgres://` / `postgresql://` for Postgres; `file:<path>`,
 * `file:///abs/path`, `:memory:` or a plain path for SQLite; nothing at all for an in-memory
 * SQLite database (tests, throwaway runs).
 * @throws DatabaseUrlError for any other scheme (`libsql://`, `mysql://`, `http://`, …).
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const text = url?.trim() ?? ''
  if (text === '' || text === ':memory:') return { kind: 'sqlite', path: ':memory:' }
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', connectionString: text }
  if (/^file:/i.test(text)) return { kind: 'sqlite', path: sqlitePathOf(text) }
  // Two or more letters then `:` is some other URL scheme, not a file name to create; a single
  // letter then `:` is a Windows drive, which is a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(text)) throw new DatabaseUrlError('unknown scheme')
  return { kind: 'sqlite', path: text }
}

function sqlitePathOf(fileUrl: string): string {
  if (fileUrl.includes('?') || fileUrl.includes('#')) {
    // libsql takes a path, not a URI: `?mode=ro` would become part of the file name.
    throw new DatabaseUrlError('file: URLs take no query or fragment')
  }
  if (/^file:\/\//i.test(fileUrl)) {
    try {
      return fileURLToPath(fileUrl)
    } catch {
      // Node's reason is not repeated: it may quote the URL.
      throw new DatabaseUrlError('a file: URL must name a local path (no host)')
    }
  }
  const path = fileUrl.slice('file:'.length)
  if (path === '') throw new DatabaseUrlError('file: URL without a path')
  return path
}
