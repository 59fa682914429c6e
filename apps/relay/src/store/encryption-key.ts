/**
 * @module store/encryption-key
 * Whether the configured encryption key is the one the database's secrets were sealed under, and
 * re-sealing every secret under a new key.
 *
 * The check opens a few sealed values: AES-GCM cannot tell a wrong key from a tampered row, but a
 * key that opens none of several values is the wrong key. Run before any work, it turns "a sealed
 * secret did not open" in the middle of a request (or new secrets sealed under a second key beside
 * the old ones) into one clear refusal at start.
 *
 * The rotation runs in one transaction: every value is opened with the old key and written sealed
 * under the new one, or, if anything fails, nothing is, and the old key still opens everything.
 */
import type { Kysely } from 'kysely'

import { SecretBoxError, type SecretBox } from '../platform/crypto/secret-box.ts'
import { UnopenedSecretError, WrongEncryptionKeyError } from './errors.ts'
import type { UntypedDb } from './migrations.ts'
import type { SealedColumn } from './sealed-columns.ts'
import type { Schema } from './schema.ts'

/** Values sampled per column: one tampered row alone must not read as a wrong key. */
const SAMPLE = 3

export interface RotatedColumn {
  readonly table: string
  readonly column: string
  readonly count: number
}

/** The rows holding a sealed value in one column, with what their context is built from. */
async function sealedRows(
  db: UntypedDb,
  sealed: SealedColumn,
  limit?: number
): Promise<{ fields: Record<string, string>; value: string }[]> {
  const names = [...sealed.key, ...(sealed.contextColumns ?? [])]
  let query = db
    .selectFrom(sealed.table)
    .select([...names, `${sealed.column} as sealed_value`])
    .where(sealed.column, 'is not', null)
  for (const name of sealed.key) query = query.orderBy(name)
  if (limit !== undefined) query = query.limit(limit)
  const rows = (await query.execute()) as Record<string, unknown>[]
  return rows.map((row) => ({
    fields: Object.fromEntries(names.map((name) => [name, String(row[name])])),
    value: String(row.sealed_value),
  }))
}

async function opens(box: SecretBox, value: string, context: string): Promise<boolean> {
  try {
    await box.open(value, context)
    return true
  } catch (error) {
    if (error instanceof SecretBoxError) return false
    throw error
  }
}

/**
 * Resolves when the database holds no secret yet, or when the key opens at least one of them.
 * @throws WrongEncryptionKeyError when secrets are stored and the key opens none of those sampled.
 */
export async function checkEncryptionKey(
  db: Kysely<Schema>,
  box: SecretBox,
  columns: readonly SealedColumn[]
): Promise<void> {
  let sampled = 0
  for (const sealed of columns) {
    for (const row of await sealedRows(db as UntypedDb, sealed, SAMPLE)) {
      if (await opens(box, row.value, sealed.context(row.fields))) return
      sampled += 1
    }
  }
  if (sampled > 0) throw new WrongEncryptionKeyError()
}

/**
 * Re-seals every value of every column under `to`, in one transaction.
 * @returns how many values each column held.
 * @throws WrongEncryptionKeyError when `from` is not the key the secrets are sealed under;
 *   UnopenedSecretError when one value does not open under it; whatever `to` or the database
 *   throws. In every case nothing was written.
 */
export async function rotateEncryptionKey(
  db: Kysely<Schema>,
  columns: readonly SealedColumn[],
  from: SecretBox,
  to: SecretBox
): Promise<RotatedColumn[]> {
  await checkEncryptionKey(db, from, columns)
  return db.transaction().execute(async (trx) => {
    const untyped = trx as UntypedDb
    const counts: RotatedColumn[] = []
    for (const sealed of columns) {
      const rows = await sealedRows(untyped, sealed)
      for (const { fields, value } of rows) {
        const context = sealed.context(fields)
        const rowKey = sealed.key.map((name) => fields[name] ?? '')
        let plaintext: string
        try {
          plaintext = await from.open(value, context)
        } catch (cause) {
          throw new UnopenedSecretError(sealed.table, sealed.column, rowKey, { cause })
        }
        let update = untyped
          .updateTable(sealed.table)
          .set({ [sealed.column]: await to.seal(plaintext, context) })
        for (const name of sealed.key) update = update.where(name, '=', fields[name])
        await update.execute()
      }
      counts.push({ table: sealed.table, column: sealed.column, count: rows.length })
    }
    return counts
  })
}
