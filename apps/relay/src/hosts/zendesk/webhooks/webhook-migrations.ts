/**
 * @module hosts/zendesk/webhooks/webhook-migrations
 * The Zendesk webhook's tables: each subdomain's signing secret (sealed), and the invocation ids
 * already handled, so a repeated delivery is answered without being stored twice.
 */
import type { Migration } from 'kysely'

import type { UntypedDb } from '../../../store/migrations.ts'

/**
 * Secrets cascade with their tenant (removing a tenant must revoke every way in to it). Keyed by
 * subdomain: one webhook per Zendesk account; the tenant column is checked on every read, so a
 * subdomain moved to another tenant does not take its old secret along.
 *
 * Invocations have no foreign key: they are keyed by the subdomain Zendesk signed for, live a
 * day at most (expires_at, indexed for the pruning) and say nothing about a customer.
 */
export const zendeskWebhookTables: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('zendesk_webhook_secrets')
      .addColumn('subdomain', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('zendesk_webhook_secrets_tenant_idx')
      .on('zendesk_webhook_secrets')
      .column('tenant_id')
      .execute()
    await db.schema
      .createTable('zendesk_webhook_invocations')
      .addColumn('subdomain', 'text', (c) => c.notNull())
      .addColumn('invocation_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('zendesk_webhook_invocations_pk', ['subdomain', 'invocation_id'])
      .execute()
    await db.schema
      .createIndex('zendesk_webhook_invocations_expires_idx')
      .on('zendesk_webhook_invocations')
      .column('expires_at')
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('zendesk_webhook_invocations').execute()
    await db.schema.dropTable('zendesk_webhook_secrets').execute()
  },
}
