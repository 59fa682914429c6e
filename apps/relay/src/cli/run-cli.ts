/**
 * @module cli/run-cli
 * `relay tenants add|list|remove|load` (and each host's commands, e.g. Zendesk's
 * `tenants rotate-secret`), `relay keys create|list|revoke`,
 * `relay audit export --since <date>`. Secrets are never taken as plain arguments (they would land
 * in shell history and `ps`): they come from an environment variable or a file named by a flag.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import type { CliOptions, HostCliContext } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { applyTenants } from '../wiring/apply-tenants.ts'
import { relayConfigFromEnv } from '../wiring/relay-config.ts'
import type { TenantDeclaration } from '../wiring/tenant-declarations.ts'
import { loadTenantsFile } from '../wiring/tenants-file.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { withStore } from './open-store.ts'

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

const hostCommands = Object.assign(
  {},
  ...hostModules.map((host) => host.cli.commands ?? {})
) as NonNullable<(typeof hostModules)[number]['cli']['commands']>

export const USAGE = `usage:
  relay tenants add --id <id> --name <name> --base-url <url> --client-id <id> --account-id <id> --brand-id <id>
                    (--token-env <VAR> | --token-file <path>)
${hostModules.map((host) => `                    ${host.cli.addUsage}\n`).join('')}  relay tenants load <tenants.yaml|json>
  relay tenants list
  relay tenants remove --id <id>
${Object.values(hostCommands)
  .map((command) => `  ${command.usage}\n`)
  .join('')}  relay keys create --tenant <id> --name <name> (--traits <a,b,c> | --all-traits)
  relay keys import --tenant <id> --name <name> (--traits <a,b,c> | --all-traits) (--key-env <VAR> | --key-file <path>)
  relay keys list --tenant <id>
  relay keys revoke --id <key id>
  relay audit export --since <ISO date>            (NDJSON on stdout)
Settings come from the environment: RELAY_ENCRYPTION_KEY, RELAY_AUDIT_KEY, DATABASE_URL (see README).`

export { CliUsageError }

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  id: { type: 'string' },
  name: { type: 'string' },
  'base-url': { type: 'string' },
  'client-id': { type: 'string' },
  'account-id': { type: 'string' },
  'brand-id': { type: 'string' },
  'token-env': { type: 'string' },
  'token-file': { type: 'string' },
  tenant: { type: 'string' },
  traits: { type: 'string' },
  'all-traits': { type: 'boolean' },
  since: { type: 'string' },
  'key-env': { type: 'string' },
  'key-file': { type: 'string' },
  // Each host's own flags (e.g. --zendesk-subdomain), prefixed with its name.
  ...(Object.assign({}, ...hostModules.map((host) => host.cli.options)) as CliOptions),
} as const

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values']

function need(values: Values, name: keyof Values): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new CliUsageError(`--${name} is required`)
  return value
}

function secretFrom(values: Values, env: CliIo['env'], envFlag: string, fileFlag: string): string {
  const name = (values as Record<string, unknown>)[envFlag]
  const file = (values as Record<string, unknown>)[fileFlag]
  if (typeof name === 'string') {
    const value = env[name]
    if (value === undefined || value === '')
      throw new CliUsageError(`environment variable ${name} (from --${envFlag}) is not set`)
    return value
  }
  if (typeof file === 'string') return readFileSync(file, 'utf8').trim()
  throw new CliUsageError(`give --${envFlag} <VAR> or --${fileFlag} <path>`)
}

/** `--all-traits`, or the comma-separated `--traits` list. */
function allowlistFrom(values: Values): string[] | '*' {
  if (values['all-traits'] === true) return '*'
  return need(values, 'traits')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  const [group, command, arg] = positionals
  if (values.help === true || group === 'help') {
    io.out(USAGE)
    return 0
  }
  if (group === undefined || command === undefined) throw new CliUsageError('missing command')
  const config = relayConfigFromEnv(io.env)
  return withStore(config, async (store) => {
    const hostContext: HostCliContext = {
      values,
      tenants: store.tenants,
      secret: (envFlag, fileFlag) => secretFrom(values, io.env, envFlag, fileFlag),
      out: io.out,
    }
    const hostCommand = hostCommands[`${group} ${command}`]
    if (hostCommand !== undefined) return hostCommand.run(hostContext)
    switch (`${group} ${command}`) {
      case 'tenants add': {
        const declaration = {
          ...Object.assign({}, ...hostModules.map((host) => host.cli.tenantFields(hostContext))),
          id: need(values, 'id'),
          name: need(values, 'name'),
          intilery: {
            baseUrl: need(values, 'base-url'),
            clientId: need(values, 'client-id'),
            accountId: need(values, 'account-id'),
            brandId: need(values, 'brand-id'),
            authToken: secretFrom(values, io.env, 'token-env', 'token-file'),
          },
        } as TenantDeclaration
        const { created } = await store.tenants.upsert(declaration)
        io.out(`${created ? 'added' : 'updated'} tenant ${need(values, 'id')}\n`)
        return 0
      }
      case 'tenants load': {
        if (arg === undefined) throw new CliUsageError('give the tenants file to load')
        for (const { id, created, keysImported } of await applyTenants(
          store,
          loadTenantsFile(arg, io.env)
        )) {
          io.out(
            `${created ? 'added' : 'updated'} tenant ${id}${keysImported > 0 ? ` (${keysImported} API keys imported)` : ''}\n`
          )
        }
        return 0
      }
      case 'tenants list': {
        for (const t of await store.tenants.listLinks()) {
          const linked = hostModules.map((host) => {
            const ids = t.links.filter((l) => l.host === host.name).map((l) => l.accountId)
            return `\t${host.name}: ${ids.join(',') || '-'}`
          })
          io.out(
            `${t.id}\t${t.name}\t${t.intilery.baseUrl} ${t.intilery.clientId}/${t.intilery.accountId}/${t.intilery.brandId}${linked.join('')}\n`
          )
        }
        return 0
      }
      case 'tenants remove': {
        const removed = await store.tenants.remove(need(values, 'id'))
        io.out(
          removed ? `removed tenant ${need(values, 'id')}\n` : `no tenant ${need(values, 'id')}\n`
        )
        return removed ? 0 : 1
      }
      case 'keys create': {
        const traits = allowlistFrom(values)
        const { id, key } = await store.apiKeys.create(need(values, 'tenant'), {
          name: need(values, 'name'),
          traitAllowlist: traits,
        })
        io.out(`key id ${id}\n${key}\nThis key is shown once; store it now.\n`)
        return 0
      }
      case 'keys import': {
        const traits = allowlistFrom(values)
        const key = secretFrom(values, io.env, 'key-env', 'key-file')
        const { id } = await store.apiKeys.import(need(values, 'tenant'), {
          key,
          name: need(values, 'name'),
          traitAllowlist: traits,
        })
        io.out(`imported key ${id}\n`)
        return 0
      }
      case 'keys list': {
        for (const k of await store.apiKeys.list(need(values, 'tenant')))
          io.out(`${JSON.stringify(k)}\n`)
        return 0
      }
      case 'keys revoke': {
        const revoked = await store.apiKeys.revoke(need(values, 'id'))
        io.out(
          revoked ? `revoked key ${need(values, 'id')}\n` : `no active key ${need(values, 'id')}\n`
        )
        return revoked ? 0 : 1
      }
      case 'audit export': {
        const since = new Date(need(values, 'since'))
        if (Number.isNaN(since.getTime()))
          throw new CliUsageError('--since must be a date, e.g. 2026-11-01')
        for await (const entry of store.audit.export(since)) io.out(`${JSON.stringify(entry)}\n`)
        return 0
      }
      default:
        throw new CliUsageError(`unknown command: ${group} ${command}`)
    }
  })
}
