/**
 * Migrations 0005-0007 move the tenant links of a relay that predates host modules (Zendesk
 * installs and Pipedrive companies in tables of their own) into tenant_links, on SQLite and on
 * Postgres (PGlite): every row arrives, each Zendesk secret still opens, and the old tables go.
 */
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox, type SecretBox } from '../platform/crypto/secret-box.ts'
import type { Schema } from '../store/schema.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../store/suite/context.ts'
import { createRelayStore, migrateRelayDatabase } from './relay-store.ts'
import { MIGRATION_TEST_DIALECTS, relayMigrator } from './migration-test-dialects.ts'

const LAST_BEFORE_LINKS = '0004_pipedrive_sharing'
const CREATED = Date.UTC(2026, 5, 1)
const SECRET = 'zendesk-secret-LEGACY-do-not-store-in-clear'

// The database as 0004 left it: raw SQL, because today's schema has no such tables.
async function seedLegacyRows(db: Kysely<Schema>, secretBox: SecretBox): Promise<void> {
  // The sealing context the relay used for Zendesk secrets before links were generic.
  const sealed = await secretBox.seal(SECRET, 'tenant:acme:zendesk:acme-eu:secret')
  await sql`insert into tenants (id, name, intilery_base_url, intilery_client_id,
    intilery_account_id, intilery_brand_id, intilery_token_sealed, created_at, updated_at)
    values ('acme', 'Acme', 'https://api.intilery.example', 'c', 'a', 'b',
    ${await secretBox.seal('intilery-token', 'tenant:acme:intilery-token')},
    ${CREATED}, ${CREATED})`.execute(db)
  await sql`insert into zendesk_installs (subdomain, tenant_id, shared_secret_sealed, created_at)
    values ('acme-eu', 'acme', ${sealed}, ${CREATED + 1})`.execute(db)
  await sql`insert into pipedrive_companies (company_id, tenant_id)
    values ('1001', 'acme'), ('1002', 'acme')`.execute(db)
}

describe.each(MIGRATION_TEST_DIALECTS)('tenant links migration on %s', (_name, open) => {
  it('moves Zendesk installs and Pipedrive companies into tenant_links, secrets intact', async () => {
    const db = open()
    try {
      const migrator = relayMigrator(db)
      const { error } = await migrator.migrateTo(LAST_BEFORE_LINKS)
      expect(error).toBeUndefined()
      const secretBox = await createSecretBox(ENCRYPTION_KEY)
      await seedLegacyRows(db, secretBox)

      // Later migrations run too; these three move the links.
      expect((await migrateRelayDatabase(db)).slice(0, 3)).toEqual([
        '0005_tenant_links',
        '0006_zendesk_links',
        '0007_pipedrive_links',
      ])

      const rows = await db
        .selectFrom('tenant_links')
        .select(['host', 'account_id', 'tenant_id', 'created_at'])
        .orderBy('host')
        .orderBy('account_id')
        .execute()
      expect(rows).toEqual([
        { host: 'pipedrive', account_id: '1001', tenant_id: 'acme', created_at: CREATED },
        { host: 'pipedrive', account_id: '1002', tenant_id: 'acme', created_at: CREATED },
        { host: 'zendesk', account_id: 'acme-eu', tenant_id: 'acme', created_at: CREATED + 1 },
      ])
      const tables = (await db.introspection.getTables()).map((table) => table.name)
      expect(tables).not.toContain('zendesk_installs')
      expect(tables).not.toContain('pipedrive_companies')

      const store = createRelayStore({ db, secretBox, hasher: await createHasher(AUDIT_KEY) })
      const zendesk = await store.tenants.findByLink('zendesk', 'ACME-EU')
      expect(zendesk?.tenant.id).toBe('acme')
      expect(zendesk?.secret).toBe(SECRET)
      expect((await store.tenants.findByLink('pipedrive', '1002'))?.tenant.id).toBe('acme')
      expect(await store.tenants.get('acme')).toMatchObject({
        zendesk: [{ subdomain: 'acme-eu', sharedSecret: SECRET }],
        pipedriveCompanyIds: ['1001', '1002'],
      })
    } finally {
      await db.destroy()
    }
  }, 120_000)

  it('moves them back when migrated down, so a rollback keeps every link', async () => {
    const db = open()
    try {
      const migrator = relayMigrator(db)
      await migrator.migrateTo(LAST_BEFORE_LINKS)
      await seedLegacyRows(db, await createSecretBox(ENCRYPTION_KEY))
      await migrateRelayDatabase(db)

      const { error } = await migrator.migrateTo(LAST_BEFORE_LINKS)
      expect(error).toBeUndefined()
      const installs = await sql<{
        subdomain: string
      }>`select subdomain from zendesk_installs`.execute(db)
      expect(installs.rows).toEqual([{ subdomain: 'acme-eu' }])
      const companies = await sql<{
        company_id: string
      }>`select company_id from pipedrive_companies order by company_id`.execute(db)
      expect(companies.rows).toEqual([{ company_id: '1001' }, { company_id: '1002' }])
    } finally {
      await db.destroy()
    }
  }, 120_000)
})
