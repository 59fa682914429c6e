/**
 * @module cli/tenant-commands
 * `relay tenants add|update|rotate-token|load|list|remove|writeback`. `add` only creates: replacing a tenant
 * by accident would drop its host links, so changing one is `update` (only the flags given) and
 * `rotate-token` (its Intilery token).
 */
import { hostModules } from '../hosts/registry.ts'
import type { HostCliContext } from '../hosts/host-module.ts'
import { InvalidInputError, TenantExistsError } from '../store/errors.ts'
import type { WritebackChange } from '../store/tenant-updates.ts'
import { trackingUrlFor } from '../writeback/tracking-url.ts'
import { applyTenants, describeWarning } from '../wiring/apply-tenants.ts'
import type { RelayStore } from '../wiring/relay-store.ts'
import { toDeclaredSummary, type TenantDeclaration } from '../wiring/tenant-declarations.ts'
import { loadTenantsFile } from '../wiring/tenants-file.ts'
import { hostOptions, need, type CliIo, type Values } from './cli-args.ts'
import { printListing } from './cli-table.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { noSuchTenant } from './known-tenant.ts'

export interface CommandContext {
  readonly values: Values
  /** The positional argument after the command (`relay tenants load <file>`). */
  readonly arg: string | undefined
  readonly io: CliIo
  readonly store: RelayStore
  readonly host: HostCliContext
  /** A secret from `--<envFlag>` / `--<fileFlag>` (see cli-args). */
  readonly secret: (envFlag: string, fileFlag: string) => string
  /** RELAY_ENCRYPTION_KEY as configured (`encryption rotate` refuses it as the new key). */
  readonly encryptionKey: string
}

type Command = (context: CommandContext) => Promise<number>

/** `1 site`, `3 sites`. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/** Each host's tenant fields from its flags (an empty list of links when none were given). */
const hostFields = (host: HostCliContext) =>
  Object.assign({}, ...hostModules.map((module) => module.cli.tenantFields(host))) as object

const INTILERY_FLAGS = {
  baseUrl: 'base-url',
  clientId: 'client-id',
  accountId: 'account-id',
  brandId: 'brand-id',
} as const

const given = (values: Values, name: keyof Values) => values[name] !== undefined

/** `--tracking-url default`: back to the endpoint beside the tenant's Profile API. */
const DEFAULT_URL = 'default'

export const tenantCommands: Readonly<Record<string, Command>> = {
  async 'tenants add'({ values, io, store, host, secret }) {
    const id = need(values, 'id')
    const declaration = {
      ...hostFields(host),
      id,
      name: need(values, 'name'),
      intilery: {
        baseUrl: need(values, 'base-url'),
        clientId: need(values, 'client-id'),
        accountId: need(values, 'account-id'),
        brandId: need(values, 'brand-id'),
        authToken: secret('token-env', 'token-file'),
      },
    } as TenantDeclaration
    try {
      await store.tenants.create(declaration)
    } catch (error) {
      if (!(error instanceof TenantExistsError)) throw error
      io.err(
        `relay: tenant ${id} exists already; change it with relay tenants update --id ${id} (only the flags given) or relay tenants rotate-token --id ${id}\n`
      )
      return 1
    }
    io.out(`added tenant ${id}\n`)
    return 0
  },

  async 'tenants update'({ values, io, store, host }) {
    const id = need(values, 'id')
    if (given(values, 'token-env') || given(values, 'token-file'))
      throw new CliUsageError('the Intilery token changes with relay tenants rotate-token')
    const intilery = Object.fromEntries(
      Object.entries(INTILERY_FLAGS)
        .filter(([, flag]) => given(values, flag))
        .map(([field, flag]) => [field, need(values, flag)])
    )
    const changes = ['name', ...Object.values(INTILERY_FLAGS), ...Object.keys(hostOptions)].filter(
      (flag) => given(values, flag as keyof Values)
    )
    if (changes.length === 0) throw new CliUsageError('nothing to update: give the flags to change')
    const updated = await store.tenants.update(id, {
      ...hostFields(host),
      ...(given(values, 'name') ? { name: need(values, 'name') } : {}),
      ...(Object.keys(intilery).length > 0 ? { intilery } : {}),
    })
    if (!updated) {
      io.err(`relay: ${noSuchTenant(id)}\n`)
      return 1
    }
    io.out(`updated tenant ${id}: ${changes.map((flag) => `--${flag}`).join(' ')}\n`)
    return 0
  },

  async 'tenants rotate-token'({ values, io, store, secret }) {
    const id = need(values, 'id')
    const rotated = await store.tenants.rotateIntileryToken(id, secret('token-env', 'token-file'))
    if (!rotated) {
      io.err(`relay: ${noSuchTenant(id)}\n`)
      return 1
    }
    io.out(`rotated the Intilery token of tenant ${id}\n`)
    return 0
  },

  async 'tenants load'({ arg, io, store }) {
    if (arg === undefined) throw new CliUsageError('give the tenants file to load')
    for (const { id, created, keysImported, warnings } of await applyTenants(
      store,
      loadTenantsFile(arg, io.env)
    )) {
      io.out(
        `${created ? 'added' : 'updated'} tenant ${id}${keysImported > 0 ? ` (${keysImported} API keys imported)` : ''}\n`
      )
      for (const warning of warnings) io.err(`relay: warning: ${describeWarning(warning)}\n`)
    }
    return 0
  },

  async 'tenants list'({ values, io, store }) {
    printListing(io, values.json === true, {
      columns: [
        'ID',
        'NAME',
        'INTILERY',
        'CLIENT/ACCOUNT/BRAND',
        ...hostModules.map((h) => h.name.toUpperCase()),
        'WRITE-BACK',
      ],
      items: await store.tenants.listLinks(),
      row: (t) => [
        t.id,
        t.name,
        t.intilery.baseUrl,
        `${t.intilery.clientId}/${t.intilery.accountId}/${t.intilery.brandId}`,
        ...hostModules.map((h) =>
          t.links
            .filter((link) => link.host === h.name)
            .map((link) => link.accountId)
            .join(',')
        ),
        t.writeback.enabled
          ? `on${t.writeback.trackingUrl === undefined ? '' : ` ${t.writeback.trackingUrl}`}`
          : 'off',
      ],
      // As a tenants file names the host fields (`zendeskSubdomains`, `pipedriveCompanyIds`…).
      json: (t) => toDeclaredSummary(t),
    })
    return 0
  },

  async 'tenants writeback'({ values, io, store }) {
    const id = need(values, 'tenant')
    const url = values['tracking-url']
    if (values.on === true && values.off === true)
      throw new CliUsageError('give --on or --off, not both')
    if (values.on !== true && values.off !== true && url === undefined)
      throw new CliUsageError('give --on or --off, and/or --tracking-url <https://…|default>')
    const change: WritebackChange = {
      ...(values.on === true ? { enabled: true } : values.off === true ? { enabled: false } : {}),
      ...(url === undefined ? {} : { trackingUrl: url === DEFAULT_URL ? null : url }),
    }
    try {
      if (!(await store.tenants.setWriteback(id, change))) {
        io.err(`relay: ${noSuchTenant(id)}\n`)
        return 1
      }
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      io.err(`relay: ${error.message}; nothing was changed\n`)
      return 1
    }
    const tenant = (await store.tenants.listLinks()).find((t) => t.id === id)
    if (tenant === undefined) return 1
    const target = trackingUrlFor(tenant.intilery, tenant.writeback)
    io.out(
      tenant.writeback.enabled
        ? `write-back is on for tenant ${id}: the host apps’ events go to ${target}\n`
        : `write-back is off for tenant ${id}: nothing is stored or sent (tracking URL ${target})\n`
    )
    return 0
  },

  async 'tenants remove'({ values, io, store }) {
    const id = need(values, 'id')
    if ((await store.tenants.get(id)) === undefined) {
      io.err(`relay: ${noSuchTenant(id)}\n`)
      return 1
    }
    // What goes with it, said before anything is deleted: the keys its callers hold stop working
    // and undelivered events are lost.
    const [keys, sites, backlog] = await Promise.all([
      store.apiKeys.list(id),
      store.sites.list(id),
      store.outboxAdmin.backlog(),
    ])
    const waiting = backlog.find((t) => t.tenantId === id)
    const what =
      `its Intilery token, host links and settings, ` +
      `${count(keys.filter((k) => k.revokedAt === undefined).length, 'active API key')}, ` +
      `${count(sites.length, 'site')} and ` +
      `${count((waiting?.pending ?? 0) + (waiting?.dead ?? 0), 'undelivered write-back message')}`
    if (values.yes !== true)
      throw new CliUsageError(`removing tenant ${id} deletes ${what}: add --yes to go ahead`)
    if (!(await store.tenants.remove(id))) {
      io.err(`relay: ${noSuchTenant(id)}\n`)
      return 1
    }
    io.out(`removed tenant ${id}: ${what}\n`)
    return 0
  },
}
