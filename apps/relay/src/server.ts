/**
 * @module server
 * The relay on Node: opens and migrates the store, loads the tenants file, builds one upstream
 * guard per tenant credential, and serves createApp on HOST:PORT. Everything Node-specific (SQLite,
 * the socket, pino) is here; the app itself stays runtime-agnostic.
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import pino from 'pino'

import { createApp } from './app.ts'
import { hostModules } from './hosts/registry.ts'
import { createNodeHasher } from './platform/crypto/node-hasher.ts'
import { nodeHs256 } from './platform/crypto/node-hs256.ts'
import { createSecretBox } from './platform/crypto/secret-box.ts'
import { cachedTenantDirectory } from './platform/http/tenant-cache.ts'
import type { ApiKeyVerifier, Tenant, UpstreamReads } from './ports.ts'
import { openDatabase } from './store/database.ts'
import { createUpstream } from './upstream/index.ts'
import { applyTenants } from './wiring/apply-tenants.ts'
import type { RelayConfig } from './wiring/relay-config.ts'
import { createRelayStore, migrateRelayDatabase } from './wiring/relay-store.ts'
import { loadTenantsFile } from './wiring/tenants-file.ts'

export interface StartRelayOptions {
  readonly config: RelayConfig
  readonly env: Readonly<Record<string, string | undefined>>
  /** Wraps the store's key check; the demo uses it to accept its documented demo key. */
  readonly apiKeys?: (store: ApiKeyVerifier) => ApiKeyVerifier
  /**
   * Stand-ins' wiring, by host name, passed to that host's start (e.g. the demo's own build of the
   * Pipedrive panel page: `{ pipedrive: { panelPage } }`).
   */
  readonly hostOverrides?: Readonly<Record<string, unknown>>
}

export interface RunningRelay {
  readonly url: string
  stop(): Promise<void>
}

export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const { config } = options
  const logger = pino({ level: config.logLevel, base: { service: 'relay' } })
  const db = openDatabase(config.databaseUrl, {
    onBackgroundError: (error) =>
      logger.error({ err: { name: error.name } }, 'database connection error'),
  })
  await migrateRelayDatabase(db)
  const hasher = createNodeHasher(config.auditKey)
  const secretBox = await createSecretBox(config.encryptionKey)
  const store = createRelayStore({ db, secretBox, hasher })
  if (config.tenantsFile !== undefined) {
    await applyTenants(store, loadTenantsFile(config.tenantsFile, options.env))
  }
  // One guard per credential, so every read of a tenant shares its cache, bucket and breaker.
  const upstreams = new Map<string, UpstreamReads>()
  // The tenant cache hands out one object per tenant for a while; this skips re-keying it per read.
  const upstreamOfTenant = new WeakMap<Tenant, UpstreamReads>()
  const upstreamFor = (tenant: Tenant): UpstreamReads => {
    const known = upstreamOfTenant.get(tenant)
    if (known !== undefined) return known
    // Keyed by the whole credential: a rotated token gets a fresh guard, never the old one's cache.
    const key = JSON.stringify([tenant.id, tenant.intilery])
    let upstream = upstreams.get(key)
    if (upstream === undefined) {
      upstream = createUpstream(tenant.intilery, { maxCacheChars: config.cacheMb * 1024 * 1024 })
      upstreams.set(key, upstream)
    }
    upstreamOfTenant.set(tenant, upstream)
    return upstream
  }
  // Readiness asks each distinct Intilery host for an answer; any HTTP status means reachable.
  const upstreamProbe = async () => {
    const hosts = new Set(
      (await store.tenants.list()).map((t) => new URL(t.intilery.baseUrl).origin)
    )
    await Promise.all(
      [...hosts].map((origin) =>
        fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(2_000) })
      )
    )
  }
  const hosts = hostModules.map((host) =>
    host.start({
      config,
      db,
      secretBox,
      tenants: store.tenants,
      now: Date.now,
      overrides: options.hostOverrides,
    })
  )
  const app = createApp({
    tenants: cachedTenantDirectory(store.tenants),
    apiKeys: options.apiKeys?.(store.apiKeys) ?? store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor,
    upstreamProbe,
    hasher,
    hs256: nodeHs256,
    hosts,
    config,
    log: (entry) => logger.info(entry, 'request'),
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(started)
    )
  })
  const url = `http://${config.host}:${(server.address() as AddressInfo).port}`
  logger.info({ url }, 'relay listening')
  return {
    url,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      await store.close()
    },
  }
}
