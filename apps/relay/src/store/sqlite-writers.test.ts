/**
 * Two connections writing one SQLite file, as the CLI does beside a running relay (or a second
 * relay on the same file): the relay's transactions must wait for the other writer, not fail,
 * and above all must not leave the relay's connection unable to write (libsql-dialect.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql, type Kysely } from 'kysely'
import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openDatabase } from './database.ts'

let dir: string
let relay: Kysely<unknown>
let other: Database.Database

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-writers-'))
  const path = join(dir, 'relay.db')
  relay = openDatabase(path) as unknown as Kysely<unknown>
  await sql`create table counts (name text primary key, n integer not null)`.execute(relay)
  await sql`insert into counts values ('relay', 0), ('other', 0)`.execute(relay)
  // The other process's connection, waiting briefly for a lock (this test runs on one thread).
  other = new Database(path)
  other.exec('PRAGMA busy_timeout = 50')
})

afterEach(async () => {
  other.close()
  await relay.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** What the other connection's write came to: committed, or the SQLite error code. */
function otherWrites(): string {
  try {
    other.prepare(`update counts set n = n + 1 where name = 'other'`).run()
    return 'committed'
  } catch (error) {
    return (error as { code?: string }).code ?? String(error)
  }
}

const relayCount = async (db: Kysely<unknown>) =>
  (await sql<{ n: number }>`select n from counts where name = 'relay'`.execute(db)).rows[0]?.n

describe('the relay and another writer on one SQLite file', () => {
  it('a transaction that reads, then writes, holds the write lock from its start and commits', async () => {
    let meanwhile = ''
    await relay.transaction().execute(async (trx) => {
      await relayCount(trx)
      meanwhile = otherWrites()
      await sql`update counts set n = n + 1 where name = 'relay'`.execute(trx)
    })
    // The other writer waited for the transaction (and here gave up), instead of slipping in
    // between the read and the write, which failed the transaction's write.
    expect(meanwhile).toBe('SQLITE_BUSY')
    expect(await relayCount(relay)).toBe(1)
  })

  it("after a write that found the file locked, the relay's next writes are committed, and hold no lock", async () => {
    // The other process holds the write lock; the relay's write waits its busy timeout, then fails.
    other.exec('begin immediate')
    other.exec(`update counts set n = n + 1 where name = 'other'`)
    // (A statement of its own: running the same one again would reset it, hiding what is tested.)
    await expect(
      sql`update counts set n = n + 10 where name = 'relay'`.execute(relay)
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    other.exec('commit')

    await sql`update counts set n = n + 1 where name = 'relay'`.execute(relay)
    await relay.transaction().execute(async (trx) => {
      await relayCount(trx)
      await sql`update counts set n = n + 1 where name = 'relay'`.execute(trx)
    })
    // Seen from the other connection: committed, not held in a transaction that a later reset of
    // the failed statement would roll back; and the other writer is not locked out.
    const seen = other.prepare(`select n from counts where name = 'relay'`).get() as { n: number }
    expect(seen.n).toBe(2)
    expect(otherWrites()).toBe('committed')
  })
})
