/**
 * The store's behaviour, written once and run on every dialect (store.sqlite.test.ts,
 * store.pglite.test.ts). Each call opens one database, migrates it, and reuses it for all tests,
 * emptying the tables in between: PGlite costs seconds and ~0.8 GB per instance.
 */
import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import type { ApiKeyVerifier, AuditSink, Readiness, TenantDirectory } from '../ports.ts'
import {
  createRelayStore,
  migrateRelayDatabase,
  relayMigrations,
  type RelayStore,
} from '../wiring/relay-store.ts'
import type { Schema } from './schema.ts'
import { registerApiKeyTests } from './suite/api-keys.suite.ts'
import { registerSiteTests } from './suite/sites.suite.ts'
import { registerAuditTests } from './suite/audit.suite.ts'
import { registerEncryptionTests } from './suite/encryption.suite.ts'
import { registerAuditKeyTests } from './suite/audit-key.suite.ts'
import {
  AUDIT_KEY,
  ENCRYPTION_KEY,
  START_MS,
  acme,
  countLinks,
  countRows,
  emptyTables,
  type SuiteContext,
} from './suite/context.ts'
import { registerPipedriveTests } from '../hosts/pipedrive/install/installation-store.suite.ts'
import { registerZendeskWebhookTests } from '../hosts/zendesk/webhooks/webhook-store.suite.ts'
import { registerPresentationTests } from './suite/presentation.suite.ts'
import { registerRememberedChoiceTests } from './suite/remembered-choices.suite.ts'
import { registerTenantTests } from './suite/tenants.suite.ts'
import { registerOutboxTests } from '../writeback/outbox-store.suite.ts'

export interface StoreSuiteTarget {
  /** Opens the database: called once, in beforeAll. The suite destroys it in afterAll. */
  readonly open: () => Kysely<Schema>
  /** For beforeAll/afterAll: PGlite's cold start takes seconds. */
  readonly hookTimeoutMs?: number
}

/** The store as the HTTP layer sees it: this fails to compile if the two drift apart. */
export function asPorts(store: RelayStore): {
  tenants: TenantDirectory
  apiKeys: ApiKeyVerifier
  audit: AuditSink
  readiness: Readiness
} {
  return { tenants: store.tenants, apiKeys: store.apiKeys, audit: store.audit, readiness: store }
}

/**
 * @param dialectTests tests only this dialect needs, run against the same database.
 */
export function registerStoreSuite(
  name: string,
  target: StoreSuiteTarget,
  dialectTests?: (use: () => SuiteContext) => void
): void {
  describe(name, () => {
    let context: SuiteContext | undefined
    let firstMigration: string[] = []
    const use = () => {
      if (context === undefined) throw new Error('beforeAll has not opened the database')
      return context
    }
    const timeout = target.hookTimeoutMs ?? 30_000

    beforeAll(async () => {
      const db = target.open()
      firstMigration = await migrateRelayDatabase(db)
      const secretBox = await createSecretBox(ENCRYPTION_KEY)
      const hasher = await createHasher(AUDIT_KEY)
      const clock = { ms: START_MS }
      const store = createRelayStore({ db, secretBox, hasher, now: () => clock.ms })
      context = { db, store, secretBox, hasher, clock }
    }, timeout)

    beforeEach(async () => {
      const { db, clock } = use()
      clock.ms = START_MS
      await emptyTables(db)
    }, timeout)

    afterAll(async () => {
      await context?.store.close()
    }, timeout)

    describe('migrations', () => {
      it('ran every migration on the empty database, and a second run is a no-op', async () => {
        expect(firstMigration).toEqual(Object.keys(relayMigrations))
        expect(await migrateRelayDatabase(use().db)).toEqual([])
        expect(await migrateRelayDatabase(use().db)).toEqual([])
      })

      it('rolls back a failing migration whole: no half-built schema is left', async () => {
        const { db } = use()
        const migrator = new Migrator({
          db,
          migrationTableName: 'suite_migration',
          migrationLockTableName: 'suite_migration_lock',
          provider: {
            getMigrations: () =>
              Promise.resolve({
                '0001_broken': {
                  async up(trx: Kysely<unknown>) {
                    await trx.schema.createTable('half_built').addColumn('x', 'text').execute()
                    throw new Error('fails after its first statement')
                  },
                },
              }),
          },
        })
        try {
          const { error } = await migrator.migrateToLatest()
          expect(error).toBeInstanceOf(Error)
          const tables = (await db.introspection.getTables()).map((table) => table.name)
          expect(tables).not.toContain('half_built')
          expect(tables).toContain('tenants')
        } finally {
          await db.schema.dropTable('half_built').ifExists().execute()
          await db.schema.dropTable('suite_migration').ifExists().execute()
          await db.schema.dropTable('suite_migration_lock').ifExists().execute()
        }
      })
    })

    it('ping answers', async () => {
      await expect(use().store.ping()).resolves.toBeUndefined()
    })

    registerTenantTests(use)
    registerPresentationTests(use)
    registerRememberedChoiceTests(use)
    registerApiKeyTests(use)
    registerSiteTests(use)
    registerAuditTests(use)
    registerPipedriveTests(use)
    registerZendeskWebhookTests(use)
    registerEncryptionTests(use)
    registerAuditKeyTests(use)
    registerOutboxTests(use)

    describe('referential integrity', () => {
      it('removing a tenant removes its installs, companies and keys, and keeps its audit trail', async () => {
        const { db, store } = use()
        await store.tenants.upsert(acme())
        await store.apiKeys.create('acme', { name: 'a', traitAllowlist: '*' })
        await store.apiKeys.create('acme', { name: 'b', traitAllowlist: ['email'] })
        await store.audit.record(auditEntry('acme'))
        expect(await countLinks(db, 'zendesk', 'acme')).toBe(2)
        expect(await countLinks(db, 'pipedrive', 'acme')).toBe(1)
        expect(await countRows(db, 'api_keys', 'acme')).toBe(2)

        expect(await store.tenants.remove('acme')).toBe(true)

        expect(await countLinks(db, 'zendesk', 'acme')).toBe(0)
        expect(await countLinks(db, 'pipedrive', 'acme')).toBe(0)
        expect(await countRows(db, 'api_keys', 'acme')).toBe(0)
        expect(await countRows(db, 'audit_log', 'acme')).toBe(1)
      })

      it('the database refuses child rows for a tenant that does not exist', async () => {
        const { db } = use()
        await expect(
          db
            .insertInto('tenant_links')
            .values({
              host: 'zendesk',
              account_id: 'ghost',
              tenant_id: 'ghost',
              secret_sealed: 'x',
              created_at: 1,
            })
            .execute()
        ).rejects.toThrow()
        await expect(
          db
            .insertInto('api_keys')
            .values({
              id: 'ghost-key-id',
              tenant_id: 'ghost',
              name: 'x',
              secret_hash: 'x',
              trait_allowlist: '"*"',
              created_at: 1,
              revoked_at: null,
            })
            .execute()
        ).rejects.toThrow()
        expect(await countLinks(db, 'zendesk', 'ghost')).toBe(0)
      })
    })

    it('serves concurrent callers without deadlocking on the shared connection', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      const work = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? store.tenants.upsert(acme({ name: `Acme ${i}` }))
          : store.apiKeys.create('acme', { name: `key ${i}`, traitAllowlist: '*' })
      )
      await Promise.all([...work, store.tenants.list(), store.audit.record(auditEntry('acme'))])
      expect((await store.apiKeys.list('acme')).length).toBe(10)
      expect((await store.tenants.get('acme'))?.name).toMatch(/^Acme \d+$/)
      expect(await sql<{ one: number }>`select 1 as one`.execute(use().db)).toMatchObject({
        rows: [{ one: 1 }],
      })
    })

    dialectTests?.(use)
  })
}

function auditEntry(tenantId: string) {
  return {
    tenantId,
    channel: 'zendesk',
    caller: 'agent-7',
    refHmac: 'hmac',
    idType: 'email',
    outcome: 'ok',
    status: 200,
    requestId: 'req-1',
    latencyMs: 12,
  } as const
}
