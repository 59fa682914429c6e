/**
 * @module store/migrations
 * One migration set for SQLite and Postgres. Migrations live in code, not files on disk, so a
 * bundled or `tsx`-run relay finds them without a folder layout. Rules that keep them portable:
 * only types both engines read the same way (text, integer, bigint), no `alterColumn` (SQLite
 * cannot), ids and timestamps supplied by the relay rather than database defaults.
 *
 * Migrations are append-only: once released, a migration is never edited; a change is a new one.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

import { writebackMigrations } from '../writeback/outbox-migrations.ts'
import { changeVersionsMigration } from './change-versions.ts'
import { keyChecksMigration } from './audit-key-check.ts'
import { MigrationError } from './errors.ts'
import type { Schema } from './schema.ts'

// Migrations see the database as it was when they were written, not as Schema says it is today.
type AnyDb = Kysely<unknown>

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('intilery_base_url', 'text', (c) => c.notNull())
      .addColumn('intilery_client_id', 'text', (c) => c.notNull())
      .addColumn('intilery_account_id', 'text', (c) => c.notNull())
      .addColumn('intilery_brand_id', 'text', (c) => c.notNull())
      .addColumn('intilery_token_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()

    // Child rows cascade with their tenant: removing a tenant must revoke every way in to it.
    await db.schema
      .createTable('zendesk_installs')
      .addColumn('subdomain', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('shared_secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('zendesk_installs_tenant_idx')
      .on('zendesk_installs')
      .column('tenant_id')
      .execute()

    await db.schema
      .createTable('pipedrive_companies')
      .addColumn('company_id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .execute()
    await db.schema
      .createIndex('pipedrive_companies_tenant_idx')
      .on('pipedrive_companies')
      .column('tenant_id')
      .execute()

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('trait_allowlist', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute()
    await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute()

    // No foreign key to tenants: the audit trail must outlive the tenant it is about.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('caller', 'text', (c) => c.notNull())
      .addColumn('ref_hmac', 'text', (c) => c.notNull())
      .addColumn('id_type', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('upstream_request_id', 'text')
      .addColumn('latency_ms', 'integer', (c) => c.notNull())
      .execute()
    // Exports page by (at, id): `id` breaks ties between entries of the same millisecond, and
    // having it in the index lets each page be one index range scan.
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute()
  },

  async down(db: AnyDb) {
    for (const table of [
      'audit_log',
      'api_keys',
      'pipedrive_companies',
      'zendesk_installs',
      'tenants',
    ]) {
      await db.schema.dropTable(table).execute()
    }
  },
}

/** Imported keys (any format) are found by the HMAC of the whole key, so that column is indexed. */
const importedKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('api_keys_secret_hash_idx')
      .on('api_keys')
      .column('secret_hash')
      .unique()
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('api_keys_secret_hash_idx').execute()
  },
}

/**
 * Host accounts linked to tenants, for every host in one table: adding a host adds no table here.
 * Each host module moves its own earlier table's rows in (hosts/<host>/*-migrations.ts).
 */
const tenantLinks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('tenant_links')
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      // Links cascade with their tenant: removing a tenant must revoke every way in to it.
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('secret_sealed', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('tenant_links_pk', ['host', 'account_id'])
      .execute()
    await db.schema
      .createIndex('tenant_links_tenant_idx')
      .on('tenant_links')
      .column('tenant_id')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('tenant_links').execute()
  },
}

/**
 * How a tenant's customers are shown in the host apps (issue #13): nullable, so every existing
 * tenant keeps the defaults. Plain JSON text, not sealed: it holds labels and trait keys, no secret.
 */
const tenantPresentation: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('tenants').addColumn('presentation_json', 'text').execute()
    await db.schema.alterTable('tenants').addColumn('record_url', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('tenants').dropColumn('record_url').execute()
    await db.schema.alterTable('tenants').dropColumn('presentation_json').execute()
  },
}

/**
 * The agent's remembered choice among customers sharing an identity (issue #13): kept by the relay,
 * since the app iframe's own storage is third-party storage most browsers refuse. Rows cascade with
 * their tenant; the requester is an HMAC, never an email or user id.
 */
const rememberedChoices: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('remembered_choices')
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('requester_hmac', 'text', (c) => c.notNull())
      .addColumn('profile_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('remembered_choices_pk', [
        'tenant_id',
        'host',
        'scope',
        'requester_hmac',
      ])
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('remembered_choices').execute()
  },
}

/**
 * API keys' scopes (issue #16): nullable, so every existing key keeps `profiles`, the only thing a
 * key could do before (api-key-store.ts reads null so).
 */
const apiKeyScopes: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('api_keys').addColumn('scopes', 'text').execute()
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('api_keys').dropColumn('scopes').execute()
  },
}

/** Sites whose visitors read their own data (issue #16); rows cascade with their tenant. */
const personalizationSites: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('personalization_sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('origins', 'text', (c) => c.notNull())
      .addColumn('traits', 'text', (c) => c.notNull())
      .addColumn('audiences', 'text', (c) => c.notNull())
      .addColumn('recommendations', 'integer', (c) => c.notNull())
      .addColumn('signing_secret_sealed', 'text', (c) => c.notNull())
      // 1 for a site the tenants file declares: the file retires it by leaving it out.
      .addColumn('declared', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('personalization_sites_tenant_idx')
      .on('personalization_sites')
      .column('tenant_id')
      .execute()
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('personalization_sites').execute()
  },
}

/**
 * The host-free migrations. Host modules add theirs (hosts/registry.ts joins them); names sort
 * lexically across all of them, which is the order Kysely runs them in, so a new migration takes
 * the next free number whichever module it belongs to. 0001 predates host modules and still
 * creates the first hosts' tables; their own migrations moved those rows into tenant_links.
 */
export const sharedMigrations: Readonly<Record<string, Migration>> = joinMigrations([
  {
    '0001_initial': initial,
    '0002_imported_keys': importedKeys,
    '0005_tenant_links': tenantLinks,
    '0009_tenant_presentation': tenantPresentation,
    '0010_remembered_choices': rememberedChoices,
    '0017_change_versions': changeVersionsMigration,
    '0020_api_key_scopes': apiKeyScopes,
    '0021_personalization_sites': personalizationSites,
    '0026_key_checks': keyChecksMigration,
  },
  writebackMigrations,
])

export type MigrationSet = Readonly<Record<string, Migration>>

/**
 * The database as a migration that moves rows sees it: any table, untyped, because it was written
 * against tables that today's schema no longer has (and must keep working after they are gone).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UntypedDb = Kysely<any>

/** @throws Error when two modules name a migration the same: one would silently not run. */
export function joinMigrations(sets: readonly MigrationSet[]): MigrationSet {
  const all = new Map<string, Migration>()
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (all.has(name)) throw new Error(`Two migrations are named ${name}`)
      all.set(name, migration)
    }
  }
  // In the order Kysely runs them, so listing them says what will run.
  return Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function createMigrator(db: Kysely<Schema>, migrations: MigrationSet): Migrator {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) }
  return new Migrator({ db, provider })
}

/**
 * Applies every pending migration, each in a transaction on both dialects (see libsql-dialect.ts
 * for SQLite). Several relay instances starting together are serialised by Kysely's migration lock.
 * @returns the names of the migrations that ran; empty when the database was already current.
 * @throws MigrationError naming the failing migration, with the driver's error as `cause`.
 */
export async function migrateToLatest(
  db: Kysely<Schema>,
  migrations: MigrationSet
): Promise<string[]> {
  const { error, results = [] } = await createMigrator(db, migrations).migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')
    throw new MigrationError(failed?.migrationName, error)
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
