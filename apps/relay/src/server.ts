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
import type { RelayConfig } from './platform/config/relay-config.ts'
import { applyTenants } from './platform/config/apply-tenants.ts'
import { loadTenantsFile } from './platform/config/tenants-file.ts'
import { createNodeHasher } from './platform/crypto/node-hasher.ts'
import {
  DEFAULT_PANEL_FILE,
  nodePipedriveDeps,
  panelPageFromFile,
} from './hosts/pipedrive/node-pipedrive-deps.ts'
import { pipedriveSettings } from './hosts/pipedrive/pipedrive-settings.ts'
import { nodeHs256 } from './platform/crypto/node-hs256.ts'
import { cachedTenantDirectory } from './platform/http/tenant-cache.ts'
import { createSecretBox } from './platform/crypto/secret-box.ts'
import type { ApiKeyVerifier, Tenant, UpstreamReads } from './ports.ts'
import { openDatabase } from './store/database.ts'
import { migrateToLatest } from './store/migrations.ts'
import { createRelayStore } from './store/relay-store.ts'
import { createUpstream } from './upstream/index.ts'

export interface StartRelayOptions {
  readonly config: RelayConfig
  readonly env: Readonly<Record<string, string | undefined>>
  /** Wraps the store's key check; the demo uses it to accept its documented demo key. */
  readonly apiKeys?: (store: ApiKeyVerifier) => ApiKeyVerifier
  /** The custom panel page, when not read from PIPEDRIVE_PANEL_FILE (the demo builds its own). */
  readonly panelPage?: () => string | undefined
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
  await migrateToLatest(db)
  const hasher = createNodeHasher(config.auditKey)
  const store = createRelayStore({
    db,
    secretBox: await createSecretBox(config.encryptionKey),
    hasher,
  })
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
  const pipedrive = pipedriveSettings(config)
  const app = createApp({
    tenants: cachedTenantDirectory(store.tenants),
    apiKeys: options.apiKeys?.(store.apiKeys) ?? store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor,
    upstreamProbe,
    hasher,
    hs256: nodeHs256,
    pipedrive:
      pipedrive === undefined
        ? undefined
        : nodePipedriveDeps({
            settings: pipedrive,
            store,
            panelPage:
              options.panelPage ??
              panelPageFromFile(config.pipedrivePanelFile ?? DEFAULT_PANEL_FILE),
          }),
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
