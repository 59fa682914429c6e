/**
 * @module hosts/pipedrive/pipedrive-migrations
 * The Pipedrive app's tables (installations, used OAuth states), and the move of its company
 * links, which lived in their own table (created by 0001_initial), into tenant_links.
 */
import { sql, type Migration } from 'kysely'

import type { MigrationSet, UntypedDb } from '../../store/migrations.ts'
import { setupFailuresMigration } from './install/setup-failures.ts'
import { refreshLeasesMigration } from './install/refresh-leases.ts'

type AnyDb = UntypedDb

/**
 * Pipedrive OAuth installations, one per (company, user) as Pipedrive installs per user. No foreign
 * key to tenants: a company is installed before (or without) being linked to a tenant.
 */
const pipedriveInstallations: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('pipedrive_installations')
      .addColumn('company_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('api_domain', 'text', (c) => c.notNull())
      .addColumn('access_token_sealed', 'text', (c) => c.notNull())
      .addColumn('refresh_token_sealed', 'text', (c) => c.notNull())
      .addColumn('access_expires_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pipedrive_installations_pk', ['company_id', 'user_id'])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('pipedrive_installations').execute()
  },
}

/**
 * Whether a user has shared the app's panels with the whole company (Pipedrive's visibility POST):
 * only then may a non-installer's shared panel read through that user's installation.
 */
const pipedriveSharing: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('pipedrive_installations')
      .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('pipedrive_installations').dropColumn('shared').execute()
  },
}

/** Company links join the generic table; they had no time of their own, so they take the tenant's. */
const pipedriveLinks: Migration = {
  async up(db: AnyDb) {
    await db
      .insertInto('tenant_links')
      .columns(['host', 'account_id', 'tenant_id', 'secret_sealed', 'created_at'])
      .expression(
        db
          .selectFrom('pipedrive_companies as c')
          .innerJoin('tenants as t', 't.id', 'c.tenant_id')
          .select([
            sql.lit('pipedrive').as('host'),
            'c.company_id',
            'c.tenant_id',
            sql.lit(null).as('secret_sealed'),
            't.created_at',
          ])
      )
      .execute()
    await db.schema.dropTable('pipedrive_companies').execute()
  },
  async down(db: AnyDb) {
    await db.schema
      .createTable('pipedrive_companies')
      .addColumn('company_id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .execute()
    await db
      .insertInto('pipedrive_companies')
      .columns(['company_id', 'tenant_id'])
      .expression(
        db
          .selectFrom('tenant_links')
          .select(['account_id', 'tenant_id'])
          .where('host', '=', 'pipedrive')
      )
      .execute()
    await db.deleteFrom('tenant_links').where('host', '=', 'pipedrive').execute()
  },
}

/** OAuth states the callback accepted, so each is accepted once (install/used-states.ts). */
const pipedriveOAuthStates: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('pipedrive_oauth_states')
      .addColumn('nonce', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('pipedrive_oauth_states_expires_idx')
      .on('pipedrive_oauth_states')
      .column('expires_at')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('pipedrive_oauth_states').execute()
  },
}

/** Each company's write-back webhooks and their Basic credentials (webhooks/webhook-subscriptions.ts). */
const pipedriveWebhooks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('pipedrive_webhook_subscriptions')
      .addColumn('company_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('auth_user', 'text', (c) => c.unique())
      .addColumn('auth_password_hash', 'text')
      .addColumn('previous_auth_user', 'text')
      .addColumn('previous_auth_password_hash', 'text')
      .addColumn('previous_valid_until', 'bigint')
      .addColumn('webhook_ids', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('failure', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('pipedrive_webhook_previous_user_idx')
      .on('pipedrive_webhook_subscriptions')
      .column('previous_auth_user')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('pipedrive_webhook_subscriptions').execute()
  },
}

export const pipedriveMigrations: MigrationSet = {
  '0003_pipedrive_installations': pipedriveInstallations,
  '0004_pipedrive_sharing': pipedriveSharing,
  '0007_pipedrive_links': pipedriveLinks,
  '0008_pipedrive_oauth_states': pipedriveOAuthStates,
  '0014_pipedrive_webhooks': pipedriveWebhooks,
  '0018_pipedrive_setup_failures': setupFailuresMigration,
  '0019_pipedrive_refresh_leases': refreshLeasesMigration,
}
