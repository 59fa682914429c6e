/** Opens the configured store for one CLI command (migrating it first) and closes it after. */
import type { RelayConfig } from '../platform/config/relay-config.ts'
import { createNodeHasher } from '../platform/crypto/node-hasher.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { openDatabase } from '../store/database.ts'
import { migrateToLatest } from '../store/migrations.ts'
import { createRelayStore, type RelayStore } from '../store/relay-store.ts'

export async function withStore<T>(
  config: RelayConfig,
  run: (store: RelayStore) => Promise<T>
): Promise<T> {
  const db = openDatabase(config.databaseUrl)
  await migrateToLatest(db)
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
