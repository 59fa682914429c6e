/**
 * Opens the configured store for one CLI command (migrating it first) and closes it after. The
 * encryption and audit keys are checked before the command runs: a wrong key must neither fail half-way
 * through nor seal new secrets beside ones it cannot open.
 */
import type { HostTables } from '../hosts/host-module.ts'
import { createNodeHasher } from '../platform/crypto/node-hasher.ts'
import { createNodeSecretBox } from '../platform/crypto/node-secret-box.ts'
import { openDatabase } from '../store/database.ts'
import type { RelayConfig } from '../wiring/relay-config.ts'
import { createRelayStore, migrateRelayDatabase, type RelayStore } from '../wiring/relay-store.ts'

/**
 * @throws WrongEncryptionKeyError when RELAY_ENCRYPTION_KEY opens none of the stored secrets;
 *   WrongAuditKeyError when RELAY_AUDIT_KEY is not the one the database was set up with.
 */
export async function withStore<T>(
  config: RelayConfig,
  run: (store: RelayStore, hostTables: HostTables) => Promise<T>,
  /** Whether the command hashes under RELAY_AUDIT_KEY, and so may store its check. */
  { pinAuditKey = false }: { readonly pinAuditKey?: boolean } = {}
): Promise<T> {
  const db = openDatabase(config.databaseUrl)
  try {
    await migrateRelayDatabase(db)
    const secretBox = createNodeSecretBox(config.encryptionKey)
    const store = createRelayStore({ db, secretBox, hasher: createNodeHasher(config.auditKey) })
    await store.encryption.check()
    await store.auditKey.check({ pin: pinAuditKey })
    return await run(store, { db, secretBox, now: Date.now })
  } finally {
    await db.destroy()
  }
}
