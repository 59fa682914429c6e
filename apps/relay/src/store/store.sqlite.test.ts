/**
 * The store suite on embedded SQLite (libsql): in memory, and in a file, where WAL and the
 * on-disk round trip matter. Plus what only SQLite needs: the pragmas and the binding guards.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { openDatabase } from './database.ts'
import { createRelayStore, migrateRelayDatabase, relayMigrations } from '../wiring/relay-store.ts'
import { registerStoreSuite } from './store.suite.ts'
import { ACME_TOKEN, AUDIT_KEY, ENCRYPTION_KEY, acme } from './suite/context.ts'

const dir = mkdtempSync(join(tmpdir(), 'relay-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

registerStoreSuite('store on SQLite :memory:', { open: () => openDatabase(':memory:') }, (use) => {
  it('binds booleans as 0/1 and dates as epoch ms instead of crashing libsql', async () => {
    const result = await sql<{ yes: number; no: number; at: number }>`
      select ${true} as yes, ${false} as no, ${new Date(1_234)} as at`.execute(use().db)
    expect(result.rows).toEqual([{ yes: 1, no: 0, at: 1_234 }])
  })

  it('enforces foreign keys on the connection', async () => {
    const result = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(use().db)
    expect(result.rows).toEqual([{ foreign_keys: 1 }])
  })
})

registerStoreSuite(
  'store on a SQLite file',
  { open: () => openDatabase(`file:${join(dir, 'suite.db')}`) },
  (use) => {
    it('runs in WAL mode', async () => {
      const result = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(use().db)
      expect(result.rows).toEqual([{ journal_mode: 'wal' }])
    })
  }
)

describe('a SQLite file across restarts', () => {
  it('keeps tenants and applied migrations between openings', async () => {
    const secretBox = await createSecretBox(ENCRYPTION_KEY)
    const hasher = await createHasher(AUDIT_KEY)
    const path = join(dir, 'restart.db')

    const first = openDatabase(path)
    try {
      expect(await migrateRelayDatabase(first)).toEqual(Object.keys(relayMigrations))
      await createRelayStore({ db: first, secretBox, hasher }).tenants.upsert(acme())
    } finally {
      await first.destroy()
    }

    const second = openDatabase(`file:${path}`)
    try {
      expect(await migrateRelayDatabase(second)).toEqual([])
      const store = createRelayStore({ db: second, secretBox, hasher })
      expect((await store.tenants.get('acme'))?.intilery.authToken).toBe(ACME_TOKEN)
    } finally {
      await second.destroy()
    }
  })
})
