/**
 * @module cli/encryption-commands
 * `relay encryption rotate`: every sealed secret (Intilery tokens, host link secrets, each host's
 * own, e.g. Pipedrive OAuth tokens) opened with RELAY_ENCRYPTION_KEY and sealed again under the new
 * key, in one transaction. Until it commits the old key opens everything; if anything fails,
 * it still does, and nothing changed.
 */
import { createNodeSecretBox } from '../platform/crypto/node-secret-box.ts'
import { SecretBoxError } from '../platform/crypto/secret-box.ts'
import type { CliIo, Values } from './cli-args.ts'
import { formatTable } from './cli-table.ts'
import { CliUsageError } from './cli-usage-error.ts'
import type { CommandContext } from './tenant-commands.ts'

/** Where the new key comes from when no flag names it. */
export const NEW_KEY_ENV = 'RELAY_NEW_ENCRYPTION_KEY'

function newKeyText(values: Values, io: CliIo, secret: CommandContext['secret']): string {
  if (values['new-key-env'] !== undefined || values['new-key-file'] !== undefined)
    return secret('new-key-env', 'new-key-file')
  const fromEnv = io.env[NEW_KEY_ENV]
  if (fromEnv === undefined || fromEnv === '')
    throw new CliUsageError(
      `give the new key in ${NEW_KEY_ENV}, --new-key-env <VAR> or --new-key-file <path|->`
    )
  return fromEnv
}

export const encryptionCommands: Readonly<
  Record<string, (context: CommandContext) => Promise<number>>
> = {
  async 'encryption rotate'({ values, io, store, secret, encryptionKey }) {
    const text = newKeyText(values, io, secret)
    if (text.trim() === encryptionKey.trim())
      throw new CliUsageError('the new key is RELAY_ENCRYPTION_KEY itself')
    let to
    try {
      to = createNodeSecretBox(text)
    } catch (error) {
      if (error instanceof SecretBoxError) throw new CliUsageError(`new key: ${error.message}`)
      throw error
    }
    const counts = await store.encryption.rotate(to)
    const total = counts.reduce((sum, { count }) => sum + count, 0)
    io.out(
      formatTable(
        ['COLUMN', 'SECRETS'],
        counts.map(({ table, column, count }) => [`${table}.${column}`, String(count)])
      )
    )
    io.err(
      `re-sealed ${total} secrets under the new key: set RELAY_ENCRYPTION_KEY to it and restart every relay instance\n`
    )
    return 0
  },
}
