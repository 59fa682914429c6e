/**
 * @module wiring/relay-store
 * The relay's persistent state behind one object: tenants (as declarations, with every registered
 * host's fields), API keys and the audit log over one Kysely database (SQLite or Postgres, see
 * store/database.ts). Run `migrateRelayDatabase(db)` first. Nothing is cached here, on purpose: a
 * revoked key or a removed tenant stops working on the next request, on every instance sharing
 * the database. Host modules keep their own tables (e.g. Pipedrive's installations) themselves.
 */
import { sql, type Kysely } from 'kysely'

import { hostModules } from '../hosts/registry.ts'
import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { createApiKeyStore, type ApiKeyStore } from '../store/api-key-store.ts'
import { createSiteStore, type SiteStore } from '../store/site-store.ts'
import { createAuditLog, type AuditLog } from '../store/audit-log.ts'
import {
  checkEncryptionKey,
  rotateEncryptionKey,
  type RotatedColumn,
} from '../store/encryption-key.ts'
import {
  joinMigrations,
  migrateToLatest,
  sharedMigrations,
  type MigrationSet,
} from '../store/migrations.ts'
import type { Schema } from '../store/schema.ts'
import { storeSealedColumns, type SealedColumn } from '../store/sealed-columns.ts'
import type { LinkRulebook } from '../store/tenant-schema.ts'
import { createPresentationStore, type PresentationStore } from '../store/tenant-presentation.ts'
import { createRememberedChoices, type RememberedChoices } from '../store/remembered-choices.ts'
import { createTenantStore } from '../store/tenant-store.ts'
import { createOutboxAdmin, type OutboxAdmin } from '../writeback/outbox-admin.ts'
import { outboxSealedColumns } from '../writeback/outbox-sealing.ts'
import {
  createOutboxStore,
  type OutboxPicker,
  type OutboxStore,
} from '../writeback/outbox-store.ts'
import { checkAuditKey } from '../store/audit-key-check.ts'
import { bumpVersion, readVersion, type ChangeKind } from '../store/change-versions.ts'
import { versionedPresentations, versionedTenantStore } from '../store/versioned-tenant-store.ts'
import { versionedSites } from './cached-sites.ts'
import { declaredTenantStore, type DeclaredTenantStore } from './tenant-declarations.ts'

/** Every migration: the host-free ones and each registered host's. */
export const relayMigrations: MigrationSet = joinMigrations([
  sharedMigrations,
  ...hostModules.map((host) => host.migrations),
])

/** @see migrateToLatest */
export const migrateRelayDatabase = (db: Kysely<Schema>): Promise<string[]> =>
  migrateToLatest(db, relayMigrations)

/** Where a profile read may come from: each registered host, API keys, the CLI. */
export const auditChannels: readonly string[] = [
  ...hostModules.map((host) => host.name),
  'api',
  'site',
  'cli',
]

/** Every sealed secret's column: the store's own and each registered host's. */
export const sealedColumns: readonly SealedColumn[] = [
  ...storeSealedColumns,
  ...hostModules.flatMap((host): readonly SealedColumn[] => ('sealed' in host ? host.sealed : [])),
  ...outboxSealedColumns,
]

/** Each registered host's link rules, by name. */
export const linkRulebook: LinkRulebook = new Map(
  hostModules.map((host) => [host.name, host.links])
)

export interface RelayStoreOptions {
  readonly db: Kysely<Schema>
  /** Seals Intilery tokens and host link secrets at rest. */
  readonly secretBox: SecretBox
  /** Hashes API key secrets (the same keyed hash as the audit log's ref HMACs). */
  readonly hasher: Hasher
  /** Epoch milliseconds; tests pin it. */
  readonly now?: (() => number) | undefined
  /** Where the outbox's claims pick their rows (the outbox thread: server.ts); on `db` by default. */
  readonly pickOutbox?: OutboxPicker | undefined
}

export interface RelayStore {
  readonly tenants: DeclaredTenantStore
  /** Each tenant's presentation settings and record link (`relay tenants presentation …`). */
  readonly presentations: PresentationStore
  /** The agents' choices among customers sharing an identity, per installation and requester. */
  readonly choices: RememberedChoices
  readonly apiKeys: ApiKeyStore
  /** Sites whose signed-in visitors read their own data (`relay sites …`). */
  readonly sites: SiteStore
  readonly audit: AuditLog
  /** Write-back's durable outbox: the hosts' webhooks enqueue, the delivery worker sends. */
  readonly outbox: OutboxStore
  /** The outbox as `relay outbox …` sees it. */
  readonly outboxAdmin: OutboxAdmin
  readonly encryption: {
    /**
     * @throws WrongEncryptionKeyError when secrets are stored and the store's key opens none of
     *   them (see store/encryption-key.ts).
     */
    check(): Promise<void>
    /**
     * Re-seals every secret under `to`, all or nothing. The store keeps its old key: close it
     * after, and open the database under the new key.
     */
    rotate(to: SecretBox): Promise<RotatedColumn[]>
  }
  readonly auditKey: {
    /**
     * Compares the audit key with the stored check; with `pin` (the default), stores it when there
     * is none (store/audit-key-check.ts).
     * @throws WrongAuditKeyError
     */
    check(options?: { readonly pin: boolean }): Promise<void>
  }
  /** How many changes of a kind were written so far (store/change-versions.ts). */
  readonly changes: { version(kind: ChangeKind): Promise<number> }
  /** Resolves when the database answers a query; for readiness checks. */
  ping(): Promise<void>
  /** Closes the database (the SQLite handle, the Postgres pool). The store is unusable after. */
  close(): Promise<void>
}

export function createRelayStore({
  db,
  secretBox,
  hasher,
  now = Date.now,
  pickOutbox,
}: RelayStoreOptions): RelayStore {
  return {
    tenants: declaredTenantStore(
      versionedTenantStore(createTenantStore({ db, secretBox, now, rulebook: linkRulebook }), () =>
        bumpVersion(db, 'tenants')
      ),
      { db, secretBox, now }
    ),
    changes: { version: (kind) => readVersion(db, kind) },
    presentations: versionedPresentations(createPresentationStore({ db, now }), () =>
      bumpVersion(db, 'tenants')
    ),
    choices: createRememberedChoices({ db, hasher, now }),
    apiKeys: createApiKeyStore({ db, hasher, now }),
    sites: versionedSites(createSiteStore({ db, secretBox, now }), () =>
      bumpVersion(db, 'tenants')
    ),
    audit: createAuditLog({ db, now, channels: auditChannels }),
    outbox: createOutboxStore({ db, hasher, now, secretBox, pick: pickOutbox }),
    outboxAdmin: createOutboxAdmin({ db, now }),
    auditKey: { check: (options) => checkAuditKey(db, hasher, options ?? { pin: true }) },
    encryption: {
      check: () => checkEncryptionKey(db, secretBox, sealedColumns),
      rotate: (to) => rotateEncryptionKey(db, sealedColumns, secretBox, to),
    },
    async ping() {
      await sql`select 1`.execute(db)
    },
    close: () => db.destroy(),
  }
}

export type {
  ApiKeyGrant,
  ApiKeyInput,
  ApiKeyStore,
  ApiKeySummary,
  TraitAllowlist,
} from '../store/api-key-store.ts'
export type {
  AuditChannel,
  AuditEntry,
  AuditLog,
  AuditOutcome,
  AuditRecordInput,
} from '../store/audit-log.ts'
export type {
  DeclaredTenant as Tenant,
  DeclaredTenantStore as TenantStore,
  DeclaredTenantSummary as TenantSummary,
  TenantDeclaration as TenantInput,
} from './tenant-declarations.ts'
