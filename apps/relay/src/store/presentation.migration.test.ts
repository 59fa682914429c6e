/**
 * Migration 0009 adds each tenant's presentation settings and record link as nullable columns, on
 * SQLite and on Postgres (PGlite): tenants written before it keep working with the defaults, the
 * new settings round-trip, and migrating down removes the columns and keeps the tenant.
 */
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { createRelayStore, migrateRelayDatabase } from '../wiring/relay-store.ts'
import type { Schema } from './schema.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from './suite/context.ts'
import { PRESENTATION } from './suite/presentation.suite.ts'
import { MIGRATION_TEST_DIALECTS, relayMigrator } from '../wiring/migration-test-dialects.ts'

const BEFORE = '0008_pipedrive_oauth_states'
const CREATED = Date.UTC(2026, 5, 1)

const columnsOf = async (db: Kysely<Schema>) =>
  (await db.introspection.getTables())
    .find((table) => table.name === 'tenants')
    ?.columns.map((column) => column.name) ?? []

describe.each(MIGRATION_TEST_DIALECTS)('tenant presentation migration on %s', (_name, open) => {
  it('adds nullable columns that leave existing tenants on the defaults, and goes back down', async () => {
    const db = open()
    try {
      const migrator = relayMigrator(db)
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      const secretBox = await createSecretBox(ENCRYPTION_KEY)
      // A tenant as the relay wrote it before 0009 (raw SQL: today's schema has more columns).
      await sql`insert into tenants (id, name, intilery_base_url, intilery_client_id,
        intilery_account_id, intilery_brand_id, intilery_token_sealed, created_at, updated_at)
        values ('acme', 'Acme', 'https://api.intilery.example', 'c', 'a', 'b',
        ${await secretBox.seal('intilery-token', 'tenant:acme:intilery-token')},
        ${CREATED}, ${CREATED})`.execute(db)
      expect(await columnsOf(db)).not.toContain('presentation_json')

      expect(await migrateRelayDatabase(db)).toContain('0009_tenant_presentation')
      expect(await columnsOf(db)).toEqual(
        expect.arrayContaining(['presentation_json', 'record_url'])
      )
      const store = createRelayStore({ db, secretBox, hasher: await createHasher(AUDIT_KEY) })
      expect(await store.presentations.get('acme')).toEqual({})
      expect(await store.presentations.set('acme', { presentation: PRESENTATION })).toBe(true)
      expect(await store.presentations.get('acme')).toEqual({ presentation: PRESENTATION })

      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      expect(await columnsOf(db)).not.toContain('presentation_json')
      expect(await columnsOf(db)).not.toContain('record_url')
      expect((await store.tenants.get('acme'))?.intilery.authToken).toBe('intilery-token')
    } finally {
      await db.destroy()
    }
  }, 120_000)
})
