/**
 * @module store/audit-key-check
 * Whether RELAY_AUDIT_KEY is the key this database was set up with. Every API key is stored as its
 * HMAC under that key, and the audit log's looked-up ids too: under another key, every API key is
 * refused and the audit trail no longer joins, with nothing said. So the first start stores the
 * key's HMAC of a fixed text (which tells nothing of the key), and every start and CLI command
 * after compares it, as the encryption key is checked (encryption-key.ts).
 */
import type { Migration } from 'kysely'

import type { Hasher } from '../platform/crypto/hmac.ts'
import { WrongAuditKeyError } from './errors.ts'
import type { UntypedDb } from './migrations.ts'
import type { Executor } from './schema.ts'

export interface KeyChecksTable {
  name: string
  value: string
}

export const keyChecksMigration: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('key_checks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('key_checks').execute()
  },
}

const CHECKED_TEXT = 'intilery-connect: the audit key this database was set up with'

/**
 * Compares the key with the stored check; with `pin`, stores it first when there is none (the key
 * in use then is taken as the right one). The relay's start pins, and so do the commands that hash
 * under the key (API keys created or imported): a read-only command run from a shell with another
 * key must not decide the database's key for good.
 * @throws WrongAuditKeyError when the stored check was made under another key.
 */
export async function checkAuditKey(
  db: Executor,
  hasher: Hasher,
  { pin }: { readonly pin: boolean }
): Promise<void> {
  const table = db.withTables<{ key_checks: KeyChecksTable }>()
  const value = await hasher(CHECKED_TEXT)
  // Instances starting together: the first insert wins, and every one compares against it.
  if (pin)
    await table
      .insertInto('key_checks')
      .values({ name: 'audit', value })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute()
  const stored = await table
    .selectFrom('key_checks')
    .select('value')
    .where('name', '=', 'audit')
    .executeTakeFirst()
  if (stored !== undefined && stored.value !== value) throw new WrongAuditKeyError()
}
