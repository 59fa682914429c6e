/**
 * Used OAuth states on SQLite and Postgres (PGlite): migration 0008 creates their table and takes
 * it away again; a state is accepted once, expired ones are cleared, and the record outlives the
 * store object (a restarted relay on the same database still refuses the replay).
 */
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'

import type { Schema } from '../../../store/schema.ts'
import { migrateRelayDatabase } from '../../../wiring/relay-store.ts'
import { createUsedStateStore } from './used-states.ts'
import { MIGRATION_TEST_DIALECTS, relayMigrator } from '../../../wiring/migration-test-dialects.ts'

const BEFORE = '0007_pipedrive_links'
const TABLE = 'pipedrive_oauth_states'

const tables = async (db: Kysely<Schema>) =>
  (await db.introspection.getTables()).map((table) => table.name)

describe.each(MIGRATION_TEST_DIALECTS)('used OAuth states on %s', (_name, open) => {
  it('accepts a state once, also after a restart, and forgets it once expired; 0008 migrates up and down', async () => {
    const db = open()
    try {
      const migrator = relayMigrator(db)
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      expect(await tables(db)).not.toContain(TABLE)
      expect(await migrateRelayDatabase(db)).toContain('0008_pipedrive_oauth_states')
      expect(await tables(db)).toContain(TABLE)

      const clock = { ms: 1_000_000 }
      const states = createUsedStateStore({ db, now: () => clock.ms })
      expect(await states.claim('nonce-a', clock.ms + 600_000)).toBe(true)
      expect(await states.claim('nonce-a', clock.ms + 600_000)).toBe(false)
      expect(await states.claim('nonce-b', clock.ms + 600_000)).toBe(true)
      // A new store on the same database: the relay restarted.
      const restarted = createUsedStateStore({ db, now: () => clock.ms })
      expect(await restarted.claim('nonce-a', clock.ms + 600_000)).toBe(false)
      // Once the state has expired its row goes (it could no longer verify anyway).
      clock.ms += 600_001
      expect(await restarted.claim('nonce-c', clock.ms + 600_000)).toBe(true)
      const left = await db
        .withTables<{ pipedrive_oauth_states: { nonce: string; expires_at: number } }>()
        .selectFrom(TABLE)
        .select('nonce')
        .execute()
      expect(left).toEqual([{ nonce: 'nonce-c' }])

      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      expect(await tables(db)).not.toContain(TABLE)
    } finally {
      await db.destroy()
    }
  }, 120_000)
})
