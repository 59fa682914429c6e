/**
 * What every part of the store suite shares: the database under test (one per dialect variant,
 * reused across tests and emptied between them), a store over it, the crypto it was built with,
 * and a clock the tests move by hand.
 */
import type { Kysely } from 'kysely'

import { toBase64Url } from '../../platform/crypto/encoding.ts'
import type { Hasher } from '../../platform/crypto/hmac.ts'
import type { SecretBox } from '../../platform/crypto/secret-box.ts'
import type { RelayStore, TenantInput } from '../../wiring/relay-store.ts'
import type { PipedriveTables } from '../../hosts/pipedrive/install/installation-store.ts'
import type { Schema } from '../schema.ts'
import type { KeyChecksTable } from '../audit-key-check.ts'

export interface SuiteContext {
  readonly db: Kysely<Schema>
  readonly store: RelayStore
  readonly secretBox: SecretBox
  readonly hasher: Hasher
  /** What the store's `now()` returns; tests assign it. */
  readonly clock: { ms: number }
}

/** Called inside tests and hooks: the context exists once the suite's beforeAll has run. */
export type UseContext = () => SuiteContext

export const ENCRYPTION_KEY = toBase64Url(new Uint8Array(32).fill(7))
export const AUDIT_KEY = 'audit-key-for-tests-only-0123456789abcdef'
export const START_MS = Date.UTC(2027, 0, 1)

/** Plaintexts distinctive enough that finding them in a raw row cannot be a coincidence. */
export const ACME_TOKEN = 'intilery-token-ACME-do-not-store-in-clear'
export const ACME_SECRET = 'zendesk-secret-ACME-do-not-store-in-clear'
export const ACME_EU_SECRET = 'zendesk-secret-ACME-EU-do-not-store-in-clear'

export function acme(overrides: Partial<TenantInput> = {}): TenantInput {
  return {
    id: 'acme',
    name: 'Acme Ltd',
    intilery: {
      baseUrl: 'https://api.intilery.example',
      clientId: 'client-acme',
      accountId: 'account-acme',
      brandId: 'brand-acme',
      authToken: ACME_TOKEN,
    },
    zendesk: [
      { subdomain: 'acme', sharedSecret: ACME_SECRET },
      { subdomain: 'acme-eu', sharedSecret: ACME_EU_SECRET },
    ],
    pipedriveCompanyIds: ['1001'],
    ...overrides,
  }
}

export function globex(overrides: Partial<TenantInput> = {}): TenantInput {
  return {
    id: 'globex',
    name: 'Globex',
    intilery: {
      baseUrl: 'http://localhost:4010',
      clientId: 'client-globex',
      accountId: 'account-globex',
      brandId: 'brand-globex',
      authToken: 'intilery-token-GLOBEX',
    },
    zendesk: [{ subdomain: 'globex', sharedSecret: 'zendesk-secret-GLOBEX' }],
    pipedriveCompanyIds: ['2002'],
    ...overrides,
  }
}

/** Children first, although cascades would do it: the audit log has no foreign key. */
export async function emptyTables(db: Kysely<Schema>): Promise<void> {
  await db.deleteFrom('audit_log').execute()
  await db.deleteFrom('remembered_choices').execute()
  await db.withTables<PipedriveTables>().deleteFrom('pipedrive_installations').execute()
  await db.deleteFrom('api_keys').execute()
  await db.deleteFrom('personalization_sites').execute()
  await db.deleteFrom('tenant_links').execute()
  await db.deleteFrom('tenants').execute()
  await db.withTables<{ key_checks: KeyChecksTable }>().deleteFrom('key_checks').execute()
}

export async function countRows(
  db: Kysely<Schema>,
  table: 'api_keys' | 'audit_log',
  tenantId: string
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
  // Asserted as a number: a string here means the int8 parser is missing (Postgres).
  return row.n
}

/** How many accounts of one host are linked to a tenant. */
export async function countLinks(
  db: Kysely<Schema>,
  host: string,
  tenantId: string
): Promise<number> {
  const row = await db
    .selectFrom('tenant_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('host', '=', host)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow()
  return row.n
}
