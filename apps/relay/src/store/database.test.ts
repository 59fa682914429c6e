import { describe, expect, it } from 'vitest'

import { openDatabase, parseDatabaseUrl } from './database.ts'
import { DatabaseUrlError } from './errors.ts'

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, ':memory:'],
    ['', ':memory:'],
    [':memory:', ':memory:'],
    ['relay.db', 'relay.db'],
    ['./data/relay.db', './data/relay.db'],
    ['/var/lib/relay/relay.db', '/var/lib/relay/relay.db'],
    ['file:relay.db', 'relay.db'],
    ['file:./data/relay.db', './data/relay.db'],
    ['file:///var/lib/relay/relay.db', '/var/lib/relay/relay.db'],
    ['FILE:relay.db', 'relay.db'],
  ])('%s is SQLite at %s', (url, path) => {
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'sqlite', path })
  })

  it.each(['postgres://relay:pw@db:5432/relay', 'postgresql://db/relay?sslmode=require'])(
    '%s is Postgres',
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', connectionString: url })
    }
  )

  it.each([
    'mysql://root:hunter2@db/relay',
    'libsql://relay.turso.io',
    'https://example.com/relay.db',
    'file:relay.db?mode=ro',
    'file:',
    'file://remote-host/relay.db',
  ])('refuses %s without echoing it', (url) => {
    const error = (() => {
      try {
        parseDatabaseUrl(url)
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(DatabaseUrlError)
    expect((error as DatabaseUrlError).message).not.toContain('hunter2')
    expect((error as DatabaseUrlError).code).toBe('misconfigured')
  })

  it('opens Postgres lazily: nothing connects until the first query', async () => {
    const db = openDatabase('postgres://nobody@127.0.0.1:1/none')
    await db.destroy()
  })
})
