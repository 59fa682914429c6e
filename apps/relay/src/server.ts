/**
 * @module server
 * The relay on Node: opens and migrates the store, loads the tenants file, builds one upstream
 * guard per tenant credential, and serves createApp on HOST:PORT. Everything Node-specific (SQLite,
 * the socket, pino) is here; the app itself stays runtime-agnostic.
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import pino from 'pino'

import { createApp } from './app.ts'
import { hostModules } from './hosts/registry.ts'
import { createNodeHasher } from './platform/crypto/node-hasher.ts'
import { nodeHs256 } from './platform/crypto/node-hs256.ts'
import { createNodeSecretBox } from './platform/crypto/node-secret-box.ts'
import { cachedTenantDirectory } from './platform/http/tenant-cache.ts'
import { loggableError } from './platform/loggable-error.ts'
import { visitorLimitOf } from './public-api/visitor/visitor-config.ts'
import { cachedSites } from './wiring/cached-sites.ts'
import { createPromMetrics } from './platform/metrics/prom-metrics.ts'
import type { ApiKeyVerifier } from './ports.ts'
import { openDatabase, parseDatabaseUrl } from './store/database.ts'
import { createUpstream } from './upstream/index.ts'
import { applyTenants } from './wiring/apply-tenants.ts'
import type { RelayConfig } from './wiring/relay-config.ts'
import { createRelayStore, migrateRelayDatabase } from './wiring/relay-store.ts'
import { startOutboxThread } from './writeback/thread/outbox-thread-client.ts'
import { loadTenantsFile } from './wiring/tenants-file.ts'
import { startSharedUpstream } from './wiring/shared-upstream.ts'
import { watchChanges } from './wiring/change-watch.ts'
import { listenError } from './wiring/listen-error.ts'
import { createUpstreamPool } from './wiring/upstream-pool.ts'
import { startWritebackWorker } from './wiring/writeback-worker.ts'
import { cachedPresentations } from './wiring/cached-presentations.ts'

/** The start-up log's message for each kind of tenants-file warning (apply-tenants.ts). */
const STARTUP_WARNINGS = {
  revoked: 'declared API key is revoked',
  'other-tenant': 'declared API key belongs to another tenant',
  'site-retired': 'declared site is no longer in the tenants file: removed',
} as const

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
  /** Where the JSON log lines go (tests read them); stdout by default. */
  readonly logDestination?: pino.DestinationStream
  /**
   * The outbox thread's entry (main.ts passes it): with an SQLite file, the claims' picks and the
   * log's checkpoints then run on that thread (writeback/thread/). Without it they run here.
   */
  readonly outboxThreadEntry?: URL | undefined
}

export interface RunningRelay {
  readonly url: string
  stop(): Promise<void>
}

export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const { config } = options
  const logOptions = { level: config.logLevel, base: { service: 'relay' } }
  const logger =
    options.logDestination === undefined
      ? pino(logOptions)
      : pino(logOptions, options.logDestination)
  const threadOn = outboxThreadTarget(options)
  const db = openDatabase(config.databaseUrl, {
    onBackgroundError: (error) =>
      logger.error({ err: loggableError(error) }, 'database connection error'),
    walCheckpoints: threadOn === undefined ? 'commit' : 'elsewhere',
  })
  await migrateRelayDatabase(db)
  const hasher = createNodeHasher(config.auditKey)
  const secretBox = createNodeSecretBox(config.encryptionKey)
  const outboxThread =
    threadOn === undefined
      ? undefined
      : startOutboxThread({
          ...threadOn,
          encryptionKey: config.encryptionKey,
          checkpointHere: async () => {
            await sql`pragma wal_checkpoint(PASSIVE)`.execute(db)
          },
          onError: (error) => logger.error({ err: loggableError(error) }, 'outbox thread failed'),
        })
  const store = createRelayStore({ db, secretBox, hasher, pickOutbox: outboxThread?.pick })
  let tenantsApplied: number | undefined
  try {
    // Before anything is sealed: a wrong key must not add secrets beside the ones it cannot open.
    await store.encryption.check()
    // And before any key is hashed: under another audit key every API key would be refused.
    await store.auditKey.check()
    if (config.tenantsFile !== undefined) {
      const applied = await applyTenants(store, loadTenantsFile(config.tenantsFile, options.env))
      tenantsApplied = applied.length
      for (const { kind, ...about } of applied.flatMap((tenant) => tenant.warnings))
        logger.warn(about, STARTUP_WARNINGS[kind])
    }
  } catch (error) {
    await outboxThread?.close()
    await store.close()
    throw error
  }
  const shared = await startSharedUpstream(config, { secretBox, hasher }, logger)
  // One guard per credential, so every read of a tenant shares its cache, bucket and breaker.
  const upstreams = createUpstreamPool((credentials) =>
    createUpstream(credentials, { maxCacheChars: config.cacheMb * 1024 * 1024 }, shared?.deps)
  )
  // Readiness asks each distinct Intilery host for an answer (any HTTP status means reachable),
  // and says it of every tenant on that host.
  const upstreamProbe = async () => {
    const answers = new Map<string, Promise<boolean>>()
    const reachable = (origin: string) => {
      let answer = answers.get(origin)
      if (answer === undefined) {
        answer = fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(2_000) }).then(
          async (response) => {
            await response.body?.cancel()
            return true
          },
          () => false
        )
        answers.set(origin, answer)
      }
      return answer
    }
    return Promise.all(
      (await store.tenants.list()).map(async (t) => ({
        tenantId: t.id,
        reachable: await reachable(new URL(t.intilery.baseUrl).origin),
      }))
    )
  }
  // Tenants changed through another instance or the CLI: every cache of them forgets.
  const tenantDirectory = cachedTenantDirectory(store.tenants)
  const presentations = cachedPresentations(store.presentations, Date.now)
  const sites = cachedSites(store.sites, Date.now)
  const tenantListeners: (() => void)[] = [tenantDirectory.clear, presentations.clear, sites.clear]
  const changeWatch = watchChanges({
    read: () => store.changes.version('tenants'),
    onChange: () => {
      for (const listener of tenantListeners) listener()
    },
  })
  const hostContext = {
    config,
    db,
    secretBox,
    tenants: store.tenants,
    now: Date.now,
    overrides: options.hostOverrides,
    onTenantsChanged: (listener: () => void) => void tenantListeners.push(listener),
  }
  const hosts = hostModules.map((host) => host.start(hostContext))
  const metrics = createPromMetrics({
    upstreams: upstreams.status,
    outbox: () => store.outboxAdmin.backlog(),
  })
  const app = createApp({
    tenants: tenantDirectory,
    apiKeys: options.apiKeys?.(store.apiKeys) ?? store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor: upstreams.upstreamFor,
    presentations: presentations.reader,
    choices: store.choices,
    upstreams: upstreams.status,
    metrics,
    upstreamProbe,
    sharedBudget: shared?.budget.mode,
    hasher,
    hs256: nodeHs256,
    hosts,
    config,
    outbox: store.outbox,
    sites: sites.sites,
    visitorLimit: visitorLimitOf(config),
    visitorLimitsShared: shared?.budget,
    log: ({ level, ...entry }) => logger[level](entry, 'request'),
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: app.fetch,
        hostname: config.host,
        port: config.port,
        serverOptions: {
          // Headers and body within one bound (Node requires headersTimeout <= requestTimeout).
          requestTimeout: config.requestTimeoutMs,
          headersTimeout: config.requestTimeoutMs,
          keepAliveTimeout: config.keepAliveTimeoutMs,
          // Node checks those timeouts only this often (30 s by default), so check well within one.
          connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.requestTimeoutMs / 4)),
        },
      },
      () => resolve(started)
    )
    // Unheard, a busy port would kill the process with Node's stack trace instead of one line.
    started.once('error', (error) => reject(listenError(error, config.host, config.port)))
  }).catch(async (error: unknown) => {
    changeWatch.stop()
    await shared?.close()
    await outboxThread?.close()
    await store.close()
    throw error
  })
  const url = `http://${config.host}:${(server.address() as AddressInfo).port}`
  const worker = startWritebackWorker({
    config,
    store,
    upstreams,
    hostContext,
    logger,
    onSettled: (tenantId, counts) => metrics.observeWriteback(tenantId, counts),
  })
  logger.info({ url, tenantsApplied, outboxThread: outboxThread !== undefined }, 'relay listening')
  return {
    url,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      // Before the store closes: what it has in flight is given back to the outbox.
      await worker?.stop()
      await outboxThread?.close()
      changeWatch.stop()
      await shared?.close()
      await store.close()
      logger.info('relay stopped')
    },
  }
}

/**
 * Where the outbox thread runs, when main.ts gave its entry, this instance delivers, and the store
 * is an SQLite file (writeback/thread/): it picks the claims' rows and checkpoints the log.
 */
function outboxThreadTarget(
  options: StartRelayOptions
): { readonly entry: URL; readonly databaseUrl: string } | undefined {
  const { config, outboxThreadEntry } = options
  if (outboxThreadEntry === undefined || config.writebackWorker === 'off') return undefined
  const target = parseDatabaseUrl(config.databaseUrl)
  if (target.kind !== 'sqlite' || target.path === ':memory:') return undefined
  return { entry: outboxThreadEntry, databaseUrl: config.databaseUrl }
}
