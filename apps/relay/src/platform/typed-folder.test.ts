import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { DatabaseLeftBehindError, typedFolder } from './typed-folder.ts'

const folder = (name: string) => mkdtempSync(join(tmpdir(), `typed-folder-${name}-`))

describe('typedFolder: relative paths from where the command was typed', () => {
  it('is INIT_CWD when pnpm ran the command elsewhere, and nothing without it', () => {
    const pkg = folder('pkg')
    const typed = folder('typed')
    expect(typedFolder({ INIT_CWD: typed }, pkg)).toBe(typed)
    expect(typedFolder({ INIT_CWD: pkg }, pkg)).toBeUndefined()
    expect(typedFolder({}, pkg)).toBeUndefined()
  })

  it('refuses to leave behind a relative database the relay has been using', () => {
    const pkg = folder('pkg')
    const typed = folder('typed')
    writeFileSync(join(pkg, 'relay.db'), '')
    for (const env of [
      {},
      { DATABASE_URL: 'file:relay.db' },
      { DATABASE_URL: 'FILE:relay.db' },
      { DATABASE_URL: 'relay.db' },
      { DATABASE_URL: './relay.db' },
    ]) {
      const error = (() => {
        try {
          return typedFolder({ INIT_CWD: typed, ...env }, pkg)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(DatabaseLeftBehindError)
      expect((error as Error).message).toContain(`DATABASE_URL=file:${join(pkg, 'relay.db')}`)
    }
  })

  it('moves when the database is in the typed folder too, or is not a relative file', () => {
    const pkg = folder('pkg')
    const typed = folder('typed')
    writeFileSync(join(pkg, 'relay.db'), '')
    expect(
      typedFolder({ INIT_CWD: typed, DATABASE_URL: `file:${join(pkg, 'relay.db')}` }, pkg)
    ).toBe(typed)
    expect(typedFolder({ INIT_CWD: typed, DATABASE_URL: 'postgres://db/relay' }, pkg)).toBe(typed)
    expect(typedFolder({ INIT_CWD: typed, DATABASE_URL: ':memory:' }, pkg)).toBe(typed)
    expect(typedFolder({ INIT_CWD: typed, DATABASE_URL_FILE: '/run/secrets/db' }, pkg)).toBe(typed)
    writeFileSync(join(typed, 'relay.db'), '')
    expect(typedFolder({ INIT_CWD: typed }, pkg)).toBe(typed)
  })
})
