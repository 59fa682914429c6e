/**
 * @module store/relay-store
 * The relay's persistent state behind one object: tenants, API keys and the audit log over one
 * Kysely database (SQLite or Postgres, see database.ts). Run `migrateToLatest(db)` first. Nothing
 * is cached here, on purpose: a revoked key or a removed tenant stops working on the next request,
 * on every instance sharing the database.
 */
import { sql, type Kysely } from 'kysely'

import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import { createApiKeyStore, type ApiKeyStore } from './api-key-store.ts'
import { createAuditLog, type AuditLog } from './audit-log.ts'
import {
  createPipedriveInstallationStore,
  type PipedriveInstallationStore,
} from '../hosts/pipedrive/install/installation-store.ts'
import type { Schema } from './schema.ts'
import { createTenantStore, type TenantStore } from './tenant-store.ts'

export interface RelayStoreOptions {
  readonly db: Kysely<Schema>
  /** Seals Intilery tokens and Zendesk shared secrets at rest. */
  readonly secretBox: SecretBox
  /** Hashes API key secrets (the same keyed hash as the audit log's ref HMACs). */
  readonly hasher: Hasher
  /** Epoch milliseconds; tests pin it. */
  readonly now?: (() => number) | undefined
}

export interface RelayStore {
  readonly tenants: TenantStore
  readonly apiKeys: ApiKeyStore
  readonly audit: AuditLog
  readonly pipedriveInstallations: PipedriveInstallationStore
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
}: RelayStoreOptions): RelayStore {
  return {
    tenants: createTenantStore({ db, secretBox, now }),
    apiKeys: createApiKeyStore({ db, hasher, now }),
    audit: createAuditLog({ db, now }),
    pipedriveInstallations: createPipedriveInstallationStore({ db, secretBox, now }),
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
} from './api-key-store.ts'
export type {
  AuditChannel,
  AuditEntry,
  AuditLog,
  AuditOutcome,
  AuditRecordInput,
} from './audit-log.ts'
export type { TenantStore } from './tenant-store.ts'
export type { Tenant, TenantInput, TenantSummary } from './tenant-schema.ts'
export { tenantInputSchema } from './tenant-schema.ts'
