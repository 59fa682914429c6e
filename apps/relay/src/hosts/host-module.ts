/**
 * @module hosts/host-module
 * What a host app (Zendesk, Pipedrive, a later HubSpot…) tells the rest of the relay about itself.
 * `app.ts`, the CLI, the tenants file, the config, the store's migrations and the OpenAPI document
 * learn about hosts only through this interface and the list in hosts/registry.ts, so adding a host
 * is a folder under hosts/ and one line there.
 *
 * The interface is plain data and functions rather than a class hierarchy: hosts share no
 * behaviour, only the places they plug into.
 */
import type { Hono } from 'hono'
import type { z } from 'zod'

import type { DisplayFor } from '../customers/panel-display.ts'
import type { ReadAuditor } from '../platform/http/audit.ts'
import type { Hs256Check } from '../platform/auth/hs256.ts'
import type {
  ApiKeyVerifier,
  ChoiceMemoryStore,
  Tenant,
  TenantDirectory,
  UpstreamReads,
} from '../ports.ts'
import type { MigrationSet } from '../store/migrations.ts'
import type { SealedColumn } from '../store/sealed-columns.ts'
import type { Executor } from '../store/schema.ts'
import type { TenantStore } from '../store/tenant-store.ts'
import type { HostLinkRules, LinkInput, TenantLink } from '../store/tenant-schema.ts'
import type { SecretBox } from '../platform/crypto/secret-box.ts'
import type { HostIdentityResolver, OutboxWriter } from '../writeback/outbox-port.ts'

/** What a host may do with tenant links outside a request (CLI commands, setup pages). */
export type HostTenantAccess = Pick<TenantStore, 'findByLink' | 'link' | 'rotateLinkSecret'>

/** What every host's routes may use from the app around them. */
export interface HostAppDeps {
  readonly tenants: TenantDirectory
  readonly apiKeys: ApiKeyVerifier
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  readonly auditor: ReadAuditor
  /** The tenant's display for the customer context answer (customers/panel-display.ts). */
  readonly displayFor?: DisplayFor | undefined
  /** The agents' remembered choices among several matches (customers/choice-routes.ts). */
  readonly choices?: ChoiceMemoryStore | undefined
  /** Hosts allowed to frame the relay's pages (RELAY_FRAME_ANCESTORS). */
  readonly frameAncestors: readonly string[]
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
  /** Write-back's durable outbox, for the hosts' webhooks (writeback/outbox-port.ts). */
  readonly outbox?: OutboxWriter | undefined
}

/**
 * Routes of any Env: each host's routes set variables of their own (Pipedrive's viewer), and
 * createApp only mounts them, so it need not know their types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HostRoutes = Hono<any, any, any>

/**
 * A host ready to serve: mounted by createApp under `/<name>`. Its routes are declared with
 * documentedRoutes() (platform/openapi), which is how they reach the OpenAPI document.
 */
export interface HostApp {
  readonly name: string
  routes(app: HostAppDeps): HostRoutes
}

/** A secret in a tenants file: inline (demos), or from an environment variable or a file. */
export type SecretRef = string | { readonly env: string } | { readonly file: string }
/** Opens a SecretRef; `where` names the field in error messages. */
export type SecretResolver = (ref: SecretRef, where: string) => string

/** A host's part of a tenant declaration (tenants file, `relay tenants add`, the store's input). */
export interface HostTenantFields<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** The fields, validated, as `tenants.upsert` takes them (e.g. `zendesk: [{subdomain, …}]`). */
  readonly shape: Shape
  /** The same fields in a tenants file, where each secret is a SecretRef (`secret`). */
  fileShape(secret: z.ZodType<SecretRef>): z.ZodRawShape
  /** A tenants file's fields (as fileShape parsed them) with their secrets opened. */
  fromFile(
    fields: Record<string, unknown>,
    resolve: SecretResolver,
    where: string
  ): z.input<z.ZodObject<Shape>>
  toLinks(fields: z.output<z.ZodObject<Shape>>): LinkInput[]
  /** The fields back from this host's links (secrets opened), for `tenants.get`. */
  fromLinks(links: readonly TenantLink[]): z.output<z.ZodObject<Shape>>
  /** What an operator may see of them (`tenants list`): never a secret. */
  summary(accountIds: readonly string[]): Record<string, unknown>
  /**
   * Keeps what the fields hold beyond links in the host's own tables (e.g. Zendesk's webhook
   * signing secrets), once the tenant and its links are stored. What the fields leave out stays
   * as those tables have it.
   */
  saveOwn?(
    tenantId: string,
    fields: z.output<z.ZodObject<Shape>>,
    tables: HostTables
  ): Promise<void>
}

/** Flags of `relay` commands, as node:util parseArgs reads them. */
export type CliOptions = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly multiple?: boolean }>
>
export type CliValues = Readonly<Record<string, string | boolean | string[] | undefined>>

/** The database and crypto a host's own tables need (as its stores take them). */
export type HostTables = Pick<HostStartContext, 'db' | 'secretBox' | 'now'>

export interface HostCliContext {
  readonly values: CliValues
  readonly tenants: HostTenantAccess
  /** For commands that keep state in the host's own tables (Zendesk's webhook signing secrets). */
  readonly tables: HostTables
  /** The relay's settings as relay-config read them (e.g. `publicUrl`: RELAY_PUBLIC_URL). */
  readonly config: Readonly<Record<string, unknown>>
  /** A secret from `--<envFlag> VAR` or `--<fileFlag> path`; never a plain argument. */
  readonly secret: (envFlag: string, fileFlag: string) => string
  /** The command's output (stdout). */
  readonly out: (text: string) => void
  /** Warnings and failures (stderr). */
  readonly err: (text: string) => void
}

export interface HostCliCommand {
  readonly usage: string
  run(context: HostCliContext): Promise<number>
  /**
   * The account of this host (its link) the command changes, from its flags: the CLI warns when
   * that account's tenant is declared in RELAY_TENANTS_FILE, which would undo the change.
   */
  changedAccount?(values: CliValues): string | undefined
}

export interface HostCli {
  readonly options: CliOptions
  /** The lines this host adds to `relay tenants add`'s usage. */
  readonly addUsage: string
  /** This host's tenant fields from `relay tenants add` flags. */
  tenantFields(context: HostCliContext): Record<string, unknown>
  /** Commands of this host's own, by `group command`, with their usage lines. */
  readonly commands?: Readonly<Record<string, HostCliCommand>>
}

/** A host's settings from the environment (read once by relay-config). */
export interface HostConfig<Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly shape: Shape
  /** The environment variable of each setting (each may also come from `NAME_FILE`). */
  readonly env: { readonly [K in keyof Shape]: string }
  /** Settings named, never shown, in error messages. */
  readonly secrets: readonly (keyof Shape)[]
  /** Rules across settings; returns what to fix, or undefined. */
  check?(
    config: z.output<z.ZodObject<Shape>> & { readonly publicUrl?: string | undefined }
  ): string | undefined
}

/** What a host gets to build its app on Node (server.ts). */
export interface HostStartContext {
  readonly config: Readonly<Record<string, unknown>>
  readonly db: Executor
  readonly secretBox: SecretBox
  readonly tenants: HostTenantAccess
  readonly now: () => number
  /** Overrides for stand-ins (the demo's and tests' wiring), by host name. */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined
  /**
   * Calls `listener` whenever tenants, links or their secrets changed (through any instance or
   * the CLI): a host's own caches of them forget then. Absent where nothing watches (tests).
   */
  readonly onTenantsChanged?: ((listener: () => void) => void) | undefined
}

export interface HostModule<
  TenantShape extends z.ZodRawShape = z.ZodRawShape,
  ConfigShape extends z.ZodRawShape = z.ZodRawShape,
> {
  /** Lower case: the route prefix `/<name>`, the tenant-link host and the audit channel. */
  readonly name: string
  readonly links: HostLinkRules
  readonly tenantFields: HostTenantFields<TenantShape>
  readonly cli: HostCli
  readonly config: HostConfig<ConfigShape>
  /** Tables of its own; names share one sequence with every other module's (store/migrations). */
  readonly migrations: MigrationSet
  /**
   * The sealed columns of its own tables (e.g. OAuth tokens), so that checking and rotating the
   * encryption key (`relay encryption rotate`) reach them too.
   */
  readonly sealed?: readonly SealedColumn[]
  /**
   * Opens this host's SourceIdentity.hostRef when the outbox delivers (e.g. a Pipedrive person id
   * to emails through the installation's token).
   */
  identityResolver?(context: HostStartContext): HostIdentityResolver
  /** The host's app on Node from its settings; it refuses every request when not configured. */
  start(context: HostStartContext): HostApp
}
