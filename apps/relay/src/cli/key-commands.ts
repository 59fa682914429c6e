/**
 * @module cli/key-commands
 * `relay keys create|import|list|revoke` and `relay audit export`. A created key is printed once,
 * whole; listings never show a secret or its hash.
 */
import type { ApiKeyScope } from '../store/api-key-store.ts'
import { isApiKeyId } from '../store/api-key-text.ts'
import { allowlistFrom, need, scopesFrom } from './cli-args.ts'
import { printListing } from './cli-table.ts'
import { knownTenant } from './known-tenant.ts'
import { CliUsageError } from './cli-usage-error.ts'
import type { CommandContext } from './tenant-commands.ts'

type Command = (context: CommandContext) => Promise<number>

/** `--scopes` as the store takes it; the store checks the names and says which are valid. */
const scopesInput = (values: CommandContext['values']) => {
  const scopes = scopesFrom(values)
  return scopes === undefined ? {} : { scopes: scopes as ApiKeyScope[] }
}

export const keyCommands: Readonly<Record<string, Command>> = {
  async 'keys create'({ values, io, store }) {
    const traits = allowlistFrom(values)
    const { id, key } = await store.apiKeys.create(await knownTenant(values, store), {
      name: need(values, 'name'),
      traitAllowlist: traits,
      ...scopesInput(values),
    })
    io.out(`key id ${id}\n${key}\n`)
    io.err('This key is shown once; store it now.\n')
    return 0
  },

  async 'keys import'({ values, store, io, secret }) {
    const traits = allowlistFrom(values)
    const { id } = await store.apiKeys.import(await knownTenant(values, store), {
      key: secret('key-env', 'key-file'),
      name: need(values, 'name'),
      traitAllowlist: traits,
      ...scopesInput(values),
    })
    io.out(`imported key ${id}\n`)
    return 0
  },

  async 'keys list'({ values, io, store }) {
    printListing(io, values.json === true, {
      columns: ['ID', 'NAME', 'TRAITS', 'SCOPES', 'CREATED', 'REVOKED'],
      items: await store.apiKeys.list(await knownTenant(values, store)),
      row: (k) => [
        k.id,
        k.name,
        k.traitAllowlist === '*' ? '*' : k.traitAllowlist.join(','),
        k.scopes.join(','),
        k.createdAt.toISOString(),
        k.revokedAt?.toISOString() ?? '',
      ],
      json: (k) => ({ ...k, revokedAt: k.revokedAt ?? null }),
    })
    return 0
  },

  async 'keys revoke'({ values, io, store }) {
    const id = need(values, 'id')
    // A key pasted whole is not an id, and is not repeated back on the terminal.
    if (!isApiKeyId(id))
      throw new CliUsageError(
        '--id takes the key’s id, as relay keys list shows it, not the key itself (not printed here)'
      )
    if (!(await store.apiKeys.revoke(id))) {
      io.err(`relay: no active key ${id} (relay keys list --tenant <id> shows the keys)\n`)
      return 1
    }
    io.out(`revoked key ${id}\n`)
    return 0
  },

  async 'audit export'({ values, io, store }) {
    const since = new Date(need(values, 'since'))
    if (Number.isNaN(since.getTime()))
      throw new CliUsageError('--since must be a date, e.g. 2026-11-01')
    for await (const entry of store.audit.export(since)) io.out(`${JSON.stringify(entry)}\n`)
    return 0
  },
}
