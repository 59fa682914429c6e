/**
 * @module wiring/tenant-declarations
 * A tenant as operators declare it (tenants file, `relay tenants add`, tests): its Intilery
 * credentials and each host's own fields (`zendesk: [{ subdomain, sharedSecret }]`,
 * `pipedriveCompanyIds`…). Each registered host turns its fields into tenant links for the store
 * and back, so the store itself stays host-free.
 */
import { z } from 'zod'

import type { HostTables } from '../hosts/host-module.ts'
import { hostModules } from '../hosts/registry.ts'
import { InvalidInputError } from '../store/errors.ts'
import type { TenantStore } from '../store/tenant-store.ts'
import {
  baseTenantShape,
  type Tenant,
  type TenantInput,
  type TenantLink,
  type TenantPatch,
  type TenantSummary,
} from '../store/tenant-schema.ts'
import type { HostsTenantFields, HostsTenantInput } from './host-types.ts'

/** Each host's tenant fields (`zendesk`, `pipedriveCompanyIds`…), as one shape. */
const hostFieldsShape = Object.assign(
  {},
  ...hostModules.map((host) => host.tenantFields.shape)
) as object

const declarationSchema = z.strictObject({ ...baseTenantShape, ...hostFieldsShape })

const patchSchema = z.strictObject(hostFieldsShape)

/** What `tenants.upsert` takes (before trimming and lower-casing). */
export type TenantDeclaration = z.input<z.ZodObject<typeof baseTenantShape>> & HostsTenantInput
/** What `tenants.update` takes: fields to change, and host accounts to link (e.g. `zendesk: […]`). */
export type TenantDeclarationPatch = Omit<TenantPatch, 'links'> & HostsTenantInput
/** A tenant with its secrets opened and each host's fields: never for a response or a log. */
export type DeclaredTenant = Omit<Tenant, 'links'> & HostsTenantFields
/** A tenant as listed, with each host's summary (`zendeskSubdomains`…): no secrets. */
export type DeclaredTenantSummary = Omit<TenantSummary, 'links'> & Readonly<Record<string, unknown>>

/**
 * @throws InvalidInputError naming the field (e.g. `zendesk.0.subdomain`); nothing is written.
 */
export function toTenantInput(declaration: TenantDeclaration): TenantInput {
  const parsed = declarationSchema.safeParse(declaration)
  if (!parsed.success) throw InvalidInputError.fromZod('tenant', parsed.error)
  const fields = parsed.data as Record<string, unknown>
  const { id, name, intilery, presentation, recordUrl, writeback } = parsed.data
  return {
    id,
    name,
    intilery,
    ...(writeback === undefined ? {} : { writeback }),
    ...(presentation === undefined ? {} : { presentation }),
    ...(recordUrl === undefined ? {} : { recordUrl }),
    links: hostModules.flatMap((host) => host.tenantFields.toLinks(fields as never)),
  }
}

/**
 * @throws InvalidInputError naming the host field; nothing is written.
 */
export function toTenantPatch({
  name,
  intilery,
  ...hostFields
}: TenantDeclarationPatch): TenantPatch {
  const parsed = patchSchema.safeParse(hostFields)
  if (!parsed.success) throw InvalidInputError.fromZod('tenant', parsed.error)
  const fields = parsed.data as Record<string, unknown>
  return {
    ...(name === undefined ? {} : { name }),
    ...(intilery === undefined ? {} : { intilery }),
    links: hostModules.flatMap((host) => host.tenantFields.toLinks(fields as never)),
  }
}

const linksOf = (links: readonly TenantLink[], host: string) =>
  links.filter((link) => link.host === host)

export function toDeclaredTenant({ links, ...tenant }: Tenant): DeclaredTenant {
  const fields = hostModules.map((host) => host.tenantFields.fromLinks(linksOf(links, host.name)))
  return Object.assign({}, tenant, ...fields) as DeclaredTenant
}

export function toDeclaredSummary({ links, ...summary }: TenantSummary): DeclaredTenantSummary {
  const fields = hostModules.map((host) =>
    host.tenantFields.summary(linksOf(links, host.name).map((link) => link.accountId))
  )
  return Object.assign({}, summary, ...fields) as DeclaredTenantSummary
}

/** The tenant store as declarations see it; lookups by link pass through unchanged. */
export interface DeclaredTenantStore extends Omit<
  TenantStore,
  'upsert' | 'create' | 'update' | 'get' | 'list'
> {
  /** @see TenantStore.upsert; input errors name the declaration's fields. */
  upsert(declaration: TenantDeclaration): Promise<{ readonly created: boolean }>
  /** @see TenantStore.create */
  create(declaration: TenantDeclaration): Promise<void>
  /** @see TenantStore.update; the host fields given are links to add. */
  update(id: string, patch: TenantDeclarationPatch): Promise<boolean>
  get(id: string): Promise<DeclaredTenant | undefined>
  list(): Promise<DeclaredTenantSummary[]>
  /** Every tenant with its links as the store keeps them (host, account id): for listings. */
  listLinks(): Promise<TenantSummary[]>
}

/**
 * Each host's own tables get their part of a declaration (HostTenantFields.saveOwn), after the
 * tenant and its links are stored: a host's rows may refer to the tenant.
 */
async function saveHostsOwn(
  tenantId: string,
  declaration: object,
  tables: HostTables | undefined
): Promise<void> {
  if (tables === undefined) return
  for (const { tenantFields } of hostModules) {
    if (tenantFields.saveOwn === undefined) continue
    const fields = z.object(tenantFields.shape).parse(declaration)
    await tenantFields.saveOwn(tenantId, fields as never, tables)
  }
}

/** @param tables the host tables' database and crypto; without them, hosts keep only links. */
export function declaredTenantStore(store: TenantStore, tables?: HostTables): DeclaredTenantStore {
  return {
    upsert: async (declaration) => {
      const result = await store.upsert(toTenantInput(declaration))
      await saveHostsOwn(declaration.id, declaration, tables)
      return result
    },
    create: async (declaration) => {
      await store.create(toTenantInput(declaration))
      await saveHostsOwn(declaration.id, declaration, tables)
    },
    update: async (id, patch) => {
      const updated = await store.update(id, toTenantPatch(patch))
      if (updated) await saveHostsOwn(id, patch, tables)
      return updated
    },
    rotateIntileryToken: (id, token) => store.rotateIntileryToken(id, token),
    setWriteback: (id, change) => store.setWriteback(id, change),
    get: async (id) => {
      const tenant = await store.get(id)
      return tenant === undefined ? undefined : toDeclaredTenant(tenant)
    },
    list: async () => (await store.list()).map(toDeclaredSummary),
    listLinks: () => store.list(),
    remove: (id) => store.remove(id),
    findByLink: (host, accountId) => store.findByLink(host, accountId),
    link: (host, tenantId, accountId) => store.link(host, tenantId, accountId),
    rotateLinkSecret: (host, accountId, secret) => store.rotateLinkSecret(host, accountId, secret),
  }
}
