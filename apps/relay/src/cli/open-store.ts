/** Opens the configured store for one CLI command (migrating it first) and closes it after. */
import { createNodeHasher } from '../platform/crypto/node-hasher.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { openDatabase } from '../store/database.ts'
import type { RelayConfig } from '../wiring/relay-config.ts'
import { createRelayStore, migrateRelayDatabase, type RelayStore } from '../wiring/relay-store.ts'

export async function withStore<T>(
  config: RelayConfig,
  run: (store: RelayStore) => Promise<T>
): Promise<T> {
  const db = openDatabase(config.databaseUrl)
  await migrateRelayDatabase(db)
  const store = createRelayStore({
    db,
    secretBox: await createSecretBox(config.encryptionKey),
    hasher: createNodeHasher(config.auditKey),
  })
  try {
    return await run(store)
  } finally {
    await store.close()
  }
}
