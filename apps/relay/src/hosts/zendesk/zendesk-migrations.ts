/**
 * @module hosts/zendesk/zendesk-migrations
 * Zendesk installs lived in their own table (created by 0001_initial) until links became generic:
 * this moves them into tenant_links. Their sealed secrets move as they are, because the sealing
 * context (`tenant:<id>:zendesk:<subdomain>:secret`) is the same string for a `zendesk` link.
 * Then the write-back webhook's tables (webhooks/webhook-migrations.ts).
 */
import { sql, type Migration } from 'kysely'

import type { MigrationSet, UntypedDb } from '../../store/migrations.ts'
import { zendeskWebhookTables } from './webhooks/webhook-migrations.ts'

type AnyDb = UntypedDb

const zendeskLinks: Migration = {
  async up(db: AnyDb) {
    await db
      .insertInto('tenant_links')
      .columns(['host', 'account_id', 'tenant_id', 'secret_sealed', 'created_at'])
      .expression(
        db
          .selectFrom('zendesk_installs')
          .select([
            sql.lit('zendesk').as('host'),
            'subdomain',
            'tenant_id',
            'shared_secret_sealed',
            'created_at',
          ])
      )
      .execute()
    await db.schema.dropTable('zendesk_installs').execute()
  },
  async down(db: AnyDb) {
    await db.schema
      .createTable('zendesk_installs')
      .addColumn('subdomain', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('shared_secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()
    await db
      .insertInto('zendesk_installs')
      .columns(['subdomain', 'tenant_id', 'shared_secret_sealed', 'created_at'])
      .expression(
        db
          .selectFrom('tenant_links')
          .select(['account_id', 'tenant_id', 'secret_sealed', 'created_at'])
          .where('host', '=', 'zendesk')
      )
      .execute()
    await db.deleteFrom('tenant_links').where('host', '=', 'zendesk').execute()
  },
}

export const zendeskMigrations: MigrationSet = {
  '0006_zendesk_links': zendeskLinks,
  '0013_zendesk_webhooks': zendeskWebhookTables,
}
