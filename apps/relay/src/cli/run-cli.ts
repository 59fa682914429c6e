/**
 * @module cli/run-cli
 * The `relay` command: `tenants add|update|rotate-token|load|list|remove|presentation|writeback`
 * (and each host's commands, e.g. Zendesk's `tenants rotate-secret`), `keys create|import|list|revoke`,
 * `outbox status|list|retry|purge`,
 * `encryption rotate`, `audit export --since <date>`. stdout carries only the output (listings
 * as a table, or one JSON array with `--json`); warnings and failures go to stderr.
 */
import type { HostCliCommand, HostCliContext } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { ExportInterruptedError, INTERRUPTED_EXIT_CODE } from '../export/export-errors.ts'
import { UnknownTenantError, WrongAuditKeyError, WrongEncryptionKeyError } from '../store/errors.ts'
import { relayConfigFromEnv } from '../wiring/relay-config.ts'
import { parseCliArgs, secretFrom, stdinFor, type CliIo } from './cli-args.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { dbCommands } from './db-commands.ts'
import { declaredTenantWarning } from './declared-tenants.ts'
import { encryptionCommands, NEW_KEY_ENV } from './encryption-commands.ts'
import { EXPORT_USAGE, exportCommand } from './export-command.ts'
import { keyCommands } from './key-commands.ts'
import { noSuchTenant } from './known-tenant.ts'
import { SITES_USAGE, siteCommands } from './site-commands.ts'
import { presentationCommand, PRESENTATION_USAGE } from './presentation-commands.ts'
import { withStore } from './open-store.ts'
import { outboxCommands, OUTBOX_USAGE } from './outbox-commands.ts'
import { tenantCommands, type CommandContext } from './tenant-commands.ts'
import { unknownCommand } from './unknown-command.ts'

export type { CliIo }
export { CliUsageError }

/** Each host's own commands by `group command`, with the name of the host they belong to. */
const hostCommands: Readonly<Record<string, HostCliCommand & { readonly host: string }>> =
  Object.fromEntries(
    hostModules.flatMap((host) =>
      Object.entries(host.cli.commands ?? {}).map(([name, command]) => [
        name,
        { ...command, host: host.name },
      ])
    )
  )

/** The commands that hash under RELAY_AUDIT_KEY (API keys), which may store its check. */
const HASHES_KEYS = new Set(['keys create', 'keys import', 'tenants load'])

/** The commands that take an argument after their name (a file, a sub-command). */
const TAKES_ARGUMENT = new Set(['tenants load', 'tenants presentation'])

/** Commands that change the tenant `--id` names, which a tenants file would put back. */
const CHANGES_TENANT = new Set(['tenants update', 'tenants rotate-token', 'tenants remove'])

const SECRET = '(--token-env <VAR> | --token-file <path|->)'

export const USAGE = `usage:
  relay tenants add --id <id> --name <name> --base-url <url> --client-id <id> --account-id <id> --brand-id <id>
                    ${SECRET}
${hostModules.map((host) => `                    ${host.cli.addUsage}\n`).join('')}                    (refuses an id that exists; change a tenant with update)
  relay tenants update --id <id> [--name <name>] [--base-url <url>] [--client-id <id>] [--account-id <id>] [--brand-id <id>]
${hostModules.map((host) => `                    ${host.cli.addUsage}\n`).join('')}                    (changes only the flags given; host accounts given are added)
  relay tenants rotate-token --id <id> ${SECRET}
  relay tenants load <tenants.yaml|json>
  relay tenants list [--json]
  relay tenants remove --id <id> --yes            (deletes its keys, sites and write-back messages)
  relay tenants writeback --tenant <id> (--on | --off) [--tracking-url <https://…/v1/batch|default>]
${PRESENTATION_USAGE}
${Object.values(hostCommands)
  .map((command) => `  ${command.usage}\n`)
  .join(
    ''
  )}  relay keys create --tenant <id> --name <name> (--traits <a,b,c> | --all-traits) [--scopes profiles,recommendations]
                    (scopes default to profiles; recommendations also reads /v1/profiles/…/recommendations/… and /v1/personalize’s)
  relay keys import --tenant <id> --name <name> (--traits <a,b,c> | --all-traits) [--scopes …] (--key-env <VAR> | --key-file <path|->)
  relay keys list --tenant <id> [--json]
  relay keys revoke --id <key id>
${SITES_USAGE}
${OUTBOX_USAGE}
${EXPORT_USAGE}
  relay encryption rotate [--new-key-env <VAR> | --new-key-file <path|->]   (default: ${NEW_KEY_ENV})
  relay audit export --since <ISO date>            (NDJSON on stdout)
  relay db migrate                                 (start-up does it too; prints what it applied)
  relay db backup --to <new file>                  (SQLite: a consistent copy, the relay may run)
Secrets never go on the command line: they come from an environment variable, a file, or
standard input (-). Listings print a table, or one JSON array with --json.
Settings come from the environment: RELAY_ENCRYPTION_KEY, RELAY_AUDIT_KEY, DATABASE_URL (see README).
Exit codes: 0 done, 1 failed, 2 wrong call, 3 RELAY_ENCRYPTION_KEY or RELAY_AUDIT_KEY is not the database's.
`

const commands: Readonly<Record<string, (context: CommandContext) => Promise<number>>> = {
  ...tenantCommands,
  'tenants presentation': presentationCommand,
  ...keyCommands,
  ...siteCommands,
  ...outboxCommands,
  ...encryptionCommands,
}

/** Every `group command` the CLI runs, for naming what a mistyped one may have meant. */
const KNOWN_COMMANDS = [
  ...Object.keys(commands),
  ...Object.keys(hostCommands),
  ...Object.keys(dbCommands),
  'export',
]

/**
 * Runs one command.
 * @returns the exit code.
 * @throws CliUsageError for a wrong call; WrongEncryptionKeyError; the store's typed errors.
 *   `exitCodeOf` maps them.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(argv)
  const [group, command, arg, extra] = positionals
  if (values.help === true || group === 'help') {
    io.out(USAGE)
    return 0
  }
  // Anything more is a mistake, which silently ignored would look like a flag that took effect.
  // Not repeated back: a word out of place is often a key or token pasted without its flag.
  const misplaced = (name: string) =>
    new CliUsageError(
      `${name} takes no argument there (not printed: it may be a secret); a value goes after its flag, and a secret comes from an --…-env or --…-file flag`
    )
  if (group === 'export') {
    if (command !== undefined) throw misplaced('export')
    return exportCommand(values, io, relayConfigFromEnv(io.env), argv)
  }
  if (group === undefined) throw new CliUsageError('missing command')
  if (command === undefined) throw unknownCommand(group, command, KNOWN_COMMANDS)
  const name = `${group} ${command}`
  const hostCommand = hostCommands[name]
  const run = commands[name]
  const dbCommand = dbCommands[name]
  // Before the check of what follows: the name is repeated in that refusal, so it must be known.
  if (hostCommand === undefined && run === undefined && dbCommand === undefined)
    throw unknownCommand(group, command, KNOWN_COMMANDS)
  if ((TAKES_ARGUMENT.has(name) ? extra : (arg ?? extra)) !== undefined) throw misplaced(name)
  const config = relayConfigFromEnv(io.env)
  if (dbCommand !== undefined) return dbCommand({ config, values, io })
  const stdin = await stdinFor(values, io)
  const secret = (envFlag: string, fileFlag: string) =>
    secretFrom(values, io, stdin, envFlag, fileFlag)
  return withStore(
    config,
    async (store, tables) => {
      const host: HostCliContext = {
        values,
        tenants: store.tenants,
        tables,
        config,
        secret,
        out: io.out,
        err: io.err,
      }
      const warnIfDeclared = (tenantId: string | undefined) => {
        const warning =
          tenantId === undefined ? undefined : declaredTenantWarning(config.tenantsFile, tenantId)
        if (warning !== undefined) io.err(warning)
      }
      if (hostCommand !== undefined) {
        const code = await hostCommand.run(host)
        const account = hostCommand.changedAccount?.(values)
        if (code === 0 && account !== undefined)
          warnIfDeclared((await store.tenants.findByLink(hostCommand.host, account))?.tenant.id)
        return code
      }
      const context = { values, arg, io, store, host, secret, encryptionKey: config.encryptionKey }
      const code = await (run as NonNullable<typeof run>)(context)
      if (code === 0 && CHANGES_TENANT.has(name)) warnIfDeclared(values.id)
      if (code === 0 && name === 'tenants presentation' && arg !== 'show')
        warnIfDeclared(values.tenant)
      if (code === 0 && name === 'tenants writeback') warnIfDeclared(values.tenant)
      return code
    },
    { pinAuditKey: HASHES_KEYS.has(name) }
  )
}

/** What `relay: …` says of a failure: the store's refusal of an unknown tenant names it. */
export function messageOf(error: unknown): string {
  if (error instanceof UnknownTenantError) return noSuchTenant(error.tenantId)
  return error instanceof Error ? error.message : String(error)
}

/**
 * The usage to print after a wrong call: the lines of the command group it names (`relay outbox
 * …` for `relay outbox list --state x`), else all of it. Forty lines for one mistyped flag would
 * bury the line that matters.
 */
export function usageFor(argv: readonly string[]): string {
  const group = argv.find((arg) => !arg.startsWith('-'))
  // An entry is a `  relay …` line with the deeper-indented lines after it.
  const entries = USAGE.split(/\n(?= {2}relay )/)
  const mine = entries.filter((entry) => entry.startsWith(`  relay ${group} `))
  if (group === undefined || mine.length === 0) return USAGE
  const last = mine.length - 1
  // The last entry of the usage carries the closing notes: keep only its command lines.
  mine[last] = (mine[last] ?? '').split(/\n(?![ ]{3,})/)[0] ?? ''
  return `usage:\n${mine.map((entry) => entry.replace(/^usage:\n/, '')).join('\n')}\n(relay --help lists every command)\n`
}

/** The exit code for a failure (`relay: <message>` on stderr, never a stack). */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliUsageError || (error instanceof TypeError && 'code' in error)) return 2
  if (error instanceof WrongEncryptionKeyError || error instanceof WrongAuditKeyError) return 3
  if (error instanceof ExportInterruptedError) return INTERRUPTED_EXIT_CODE
  return 1
}
