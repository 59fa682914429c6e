/**
 * @module ports
 * What the HTTP layer needs from the rest of the relay, as small interfaces: the store and the
 * upstream guard satisfy them, and tests pass in-memory fakes. Keeps createApp runtime-agnostic.
 */
import type {
  Audiences,
  EventsQuery,
  ListLookup,
  Meta,
  Presentation,
  ProfileRef,
  SingleLookup,
  Traits,
} from '@intilery-connect/core'

import type { UpstreamCredentials } from './upstream/cache-key.ts'
import type { EventsPageValue, Guarded, ReadOptions, UpstreamStats } from './upstream/types.ts'

export type { EventsPageValue, Guarded, ReadOptions, UpstreamStats }

/** Served from cache because Intilery cannot be reached (not merely refreshing in the background). */
export const servedStale = (read: Guarded<unknown>): boolean => read.stale && read.upstreamFailing

/** Where and as whom the relay reads a tenant's Intilery data (the guard's own credentials). */
export type IntileryCredentials = UpstreamCredentials

export interface Tenant {
  readonly id: string
  readonly name: string
  readonly intilery: IntileryCredentials
}

export interface TenantDirectory {
  get(id: string): Promise<Tenant | undefined>
  /**
   * The tenant a host account (a Zendesk subdomain, a Pipedrive company…) is linked to, and the
   * link's secret when the host keeps one (Zendesk's shared secret).
   */
  findByLink(
    host: string,
    accountId: string
  ): Promise<{ readonly tenant: Tenant; readonly secret: string | undefined } | undefined>
}

/**
 * The agents' remembered choices among customers sharing an identity (store/remembered-choices.ts):
 * keyed by tenant, host, installation scope and the requester's normalised ref, which the store
 * keeps only as a keyed hash.
 */
export interface ChoiceMemoryStore {
  get(key: ChoiceKey): Promise<string | undefined>
  /** @returns false when the tenant is gone. */
  set(key: ChoiceKey, profileId: string): Promise<boolean>
  clear(key: ChoiceKey): Promise<boolean>
}
export interface ChoiceKey {
  readonly tenantId: string
  readonly host: string
  readonly scope: string
  /** `email:sam@example.com`: core's formatProfileRef of the normalised ref. */
  readonly requester: string
}

/** A tenant's presentation settings as stored (store/tenant-presentation.ts); not secret. */
export interface PresentationReader {
  /** @returns undefined when there is no such tenant. */
  get(tenantId: string): Promise<
    | {
        readonly presentation?: Presentation | undefined
        /** The tenant's own record link template, when it set one. */
        readonly recordUrl?: string | undefined
      }
    | undefined
  >
}

export interface ApiKeyGrant {
  readonly id: string
  readonly tenantId: string
  readonly name: string
  /** Trait names a key may read, or '*' for all. */
  readonly traitAllowlist: readonly string[] | '*'
  /** What else it may call (store/api-key-store.ts: `profiles`, `recommendations`). */
  readonly scopes: readonly string[]
}

export interface ApiKeyVerifier {
  verify(key: string): Promise<ApiKeyGrant | undefined>
}

/** A host module's name (`zendesk`, `pipedrive`…), `api` for API keys or `cli`. */
export type AuditChannel = string

export interface AuditEntry {
  readonly tenantId: string
  readonly channel: AuditChannel
  readonly caller: string
  /** HMAC of the looked-up ref: the audit log never holds the id itself. */
  readonly refHmac: string
  readonly idType: string
  readonly outcome: 'ok' | 'not_found' | 'error' | 'denied'
  readonly status: number
  readonly requestId: string
  readonly upstreamRequestId?: string | undefined
  readonly latencyMs: number
}

export interface AuditSink {
  record(entry: AuditEntry): Promise<void>
}

/** One profile for an id, every profile sharing it for an email. */
export type AnyLookup<T> = SingleLookup<T> | ListLookup<T>

/** A lookup's profiles, one or several alike. */
export const profilesOf = <T>(lookup: AnyLookup<T>): readonly T[] =>
  lookup.kind === 'list' ? lookup.profiles : [lookup.profile]

/**
 * The slice of the upstream guard the routes use (see src/upstream). Its values come from core's
 * client, which checked every upstream answer against its zod schema: the trust boundary is there,
 * so the routes do not check them again.
 */
export interface UpstreamReads {
  traits(ref: ProfileRef, opts?: ReadOptions): Promise<Guarded<AnyLookup<Traits>>>
  meta(ref: ProfileRef, opts?: ReadOptions): Promise<Guarded<AnyLookup<Meta>>>
  audiences(ref: ProfileRef, opts?: ReadOptions): Promise<Guarded<AnyLookup<Audiences>>>
  firstEventsPage(
    ref: ProfileRef,
    query: EventsQuery,
    opts?: ReadOptions
  ): Promise<Guarded<EventsPageValue>>
}

export interface Readiness {
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>
}

/** One tenant's upstream guard as an operator sees it: readiness and metrics read these. */
export interface TenantUpstreamStatus {
  readonly tenantId: string
  readonly stats: UpstreamStats
}

/** Every tenant read since start, each once (bounded by the configured tenants). */
export type UpstreamMonitor = () => readonly TenantUpstreamStatus[]
