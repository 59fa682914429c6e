import { mkdtempSync } from 'node:fs'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { openDatabase, parseDatabaseUrl } from './database.ts'
import { DatabaseUrlError, MigrationError } from './errors.ts'
import { migrateToLatest } from './migrations.ts'

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
})

describe('openDatabase', () => {
  it('opens Postgres lazily: nothing connects until the first query, which does', async () => {
    const listener = await tcpListener()
    try {
      const db = openDatabase(`postgres://relay@127.0.0.1:${listener.port}/relay`)
      // Give an eager connection every chance to show: pg loaded, then a connection of our own
      // made and answered, so any connection started before it has been accepted by now.
      await import('pg')
      await listener.probe()
      expect(listener.accepted()).toBe(1)
      // The listener hangs up on pg's startup message. Driver errors reach the caller as they
      // are (store/errors.ts): the store does not wrap them.
      await expect(db.selectNoFrom(sql<number>`1`.as('one')).execute()).rejects.toThrow(
        'Connection terminated unexpectedly'
      )
      expect(listener.accepted()).toBe(2)
      await db.destroy()
    } finally {
      await listener.close()
    }
  })
})

// Start-up and every CLI command print this message as their one line: it must say what to fix.
describe('a database that does not open', () => {
  it('names the missing folder of a SQLite file', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'relay-db-')), 'missing')
    const db = openDatabase(`file:${folder}/relay.db`)
    await expect(migrateToLatest(db, {})).rejects.toThrow(
      new MigrationError(
        undefined,
        new Error(
          `cannot open the SQLite database ${folder}/relay.db: the folder ${folder} does not exist`
        )
      )
    )
    await db.destroy()
  })

  it('gives the Postgres driver reason, never the URL or its password', async () => {
    const listener = await tcpListener()
    await listener.close() // a port nothing listens on now
    const db = openDatabase(`postgres://relay:hunter2@127.0.0.1:${listener.port}/relay`)
    const failure = await migrateToLatest(db, {}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationError)
    expect((failure as Error).message).toBe(
      `Database migration (setup) failed: connect ECONNREFUSED 127.0.0.1:${listener.port}`
    )
    await db.destroy()
  })

  it('cuts any URL out of a driver message, and reads an AggregateError', () => {
    const quoting = new Error('bad postgres://relay:hunter2@db.example/relay here\nmore')
    expect(new MigrationError('0001_x', quoting).message).toBe(
      'Database migration 0001_x failed: bad (a URL) here'
    )
    const both = new AggregateError([Object.assign(new Error(''), { code: 'ECONNREFUSED' })], '')
    expect(new MigrationError(undefined, both).message).toBe(
      'Database migration (setup) failed: ECONNREFUSED'
    )
  })
})

/**
 * A TCP listener on 127.0.0.1 that counts the connections it accepts. It answers the test's own
 * `ping` with `pong` and hangs up on anything else, such as a Postgres startup message.
 */
async function tcpListener() {
  let accepted = 0
  const open = new Set<Socket>()
  const server = createServer((socket) => {
    accepted += 1
    open.add(socket)
    socket.on('close', () => open.delete(socket))
    socket.once('data', (data) => {
      if (data.toString() === 'ping') socket.end('pong')
      else socket.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    accepted: () => accepted,
    /** Connects, says ping and waits for the pong. */
    probe: () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('ping'))
        socket.once('data', () => {
          socket.destroy()
          resolve()
        })
        socket.once('error', reject)
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of open) socket.destroy()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
