/**
 * The relay with its Pipedrive app, served on a real port (the sandbox's Pipedrive calls its
 * callback URL), over the real store (SQLite in memory), the real `pipedrive` client against the
 * sandbox's Pipedrive, and the Intilery sandbox. One demo tenant owns company 1001; installs are
 * made through the real code exchange. The clock is the harness's, shared with the sandbox's
 * Pipedrive, so tests can move both past a token's expiry.
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import {
  DEMO_COMPANY,
  startPipedrive,
  startSandbox,
  type RunningPipedrive,
  type Scheduler,
} from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll } from 'vitest'

import { createApp } from '../src/app.ts'
import { createPipedriveInstallationStore } from '../src/hosts/pipedrive/install/installation-store.ts'
import { createUsedStateStore } from '../src/hosts/pipedrive/install/used-states.ts'
import { createSetupFailureStore } from '../src/hosts/pipedrive/install/setup-failures.ts'
import { SETUP_TICKET_SECONDS } from '../src/hosts/pipedrive/install/setup-routes.ts'
import { nodePipedriveDeps } from '../src/hosts/pipedrive/node-pipedrive-deps.ts'
import { createWebhookSubscriptionStore } from '../src/hosts/pipedrive/webhooks/webhook-subscriptions.ts'
import { pipedriveApp } from '../src/hosts/pipedrive/pipedrive-host.ts'
import {
  pipedriveConfig,
  pipedriveSettings,
  type PipedriveConfig,
} from '../src/hosts/pipedrive/pipedrive-settings.ts'
import { zendeskApp } from '../src/hosts/zendesk/zendesk-host.ts'
import { relayConfigSchema } from '../src/platform/config/relay-config.ts'
import type { RequestLogWriter } from '../src/platform/http/request-log.ts'
import type { OutboxWriter } from '../src/writeback/outbox-port.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../src/platform/crypto/secret-box.ts'
import { openDatabase } from '../src/store/database.ts'
import { createRelayStore, migrateRelayDatabase } from '../src/wiring/relay-store.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../src/store/suite/context.ts'
import { recordAdmissions } from './admission-recorder.ts'
import { directUpstream } from './app-harness.ts'

export const CLIENT_ID = 'pd-client-id'
export const CLIENT_SECRET = 'pd-client-secret-0123456789'
export const PANEL_SECRET = 'pd-json-panel-secret-0123'
export const CUSTOM_PANEL_SECRET = 'pd-custom-panel-secret-0123'
export const COMPANY = String(DEMO_COMPANY.id)
export const ADMIN = '2001'
export const REP = '2002'
export const PANEL_HTML =
  '<!doctype html><html><head><style nonce="__CSP_NONCE__">p{}</style></head><body><p>panel</p><script nonce="__CSP_NONCE__">1</script></body></html>'

export interface HarnessOptions {
  /** The JSON panel's HTTP Auth, `user:password`. */
  readonly panelBasicAuth?: string
  /** The built custom panel; undefined plays "not built". */
  readonly panelPage?: string | undefined
  /** The scopes the sandbox's Pipedrive app is configured with (default: the documented ones). */
  readonly pipedriveScope?: string
  /** PIPEDRIVE_API_DOMAINS (default: the sandbox Pipedrive's own origin, which it answers with). */
  readonly pipedriveApiDomains?: string
  /** RELAY_REQUEST_DEADLINE_MS (default 5 s). */
  readonly requestDeadlineMs?: number
  /** PIPEDRIVE_CALL_TIMEOUT_MS (default the relay's). */
  readonly pipedriveCallTimeoutMs?: number
  /** Receives the relay's request log lines. */
  readonly log?: RequestLogWriter
  /** Write-back's outbox (a fake in the webhook tests). */
  readonly outbox?: OutboxWriter
  /** Receives the Pipedrive app's warnings (webhook subscriptions). */
  readonly warn?: (event: string, fields: Readonly<Record<string, string>>) => void
  /** The sandbox Pipedrive's webhook clock and timers. */
  readonly scheduler?: Scheduler
}

export async function startPipedriveHarness(options: HarnessOptions = {}) {
  const clock = { ms: Date.now() }
  const now = () => clock.ms
  const sandbox = await startSandbox({ port: 0 })
  // The relay's URL must exist before the sandbox's Pipedrive (its redirect URL) and the app.
  let handler: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: (r) => handler(r), hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started)
    )
  })
  const relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const pipedrive: RunningPipedrive = await startPipedrive({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: `${relayUrl}/pipedrive/oauth/callback`,
    now,
    scope: options.pipedriveScope,
    scheduler: options.scheduler,
  })
  const config: PipedriveConfig = relayConfigSchema.extend(pipedriveConfig.shape).parse({
    encryptionKey: ENCRYPTION_KEY,
    auditKey: AUDIT_KEY,
    publicUrl: relayUrl,
    pipedriveClientId: CLIENT_ID,
    pipedriveClientSecret: CLIENT_SECRET,
    pipedrivePanelJwtSecret: PANEL_SECRET,
    pipedriveCustomPanelJwtSecret: CUSTOM_PANEL_SECRET,
    pipedrivePanelBasicAuth: options.panelBasicAuth,
    pipedriveOAuthUrl: pipedrive.url,
    pipedriveApiDomains: options.pipedriveApiDomains ?? pipedrive.url,
    pipedriveCallTimeoutMs: options.pipedriveCallTimeoutMs,
  })
  const settings = pipedriveSettings(config)
  if (settings === undefined) throw new Error('harness: Pipedrive settings incomplete')
  const db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const hasher = await createHasher(AUDIT_KEY)
  const secretBox = await createSecretBox(ENCRYPTION_KEY)
  const store = createRelayStore({ db, secretBox, hasher, now })
  const installations = createPipedriveInstallationStore({ db, secretBox, now })
  const demoTenant = (pipedriveCompanyIds: string[]) => ({
    id: 'demo',
    name: 'Demo workspace',
    intilery: {
      baseUrl: sandbox.url,
      clientId: sandbox.config.clientId,
      accountId: sandbox.config.accountId,
      brandId: sandbox.config.brandId,
      authToken: sandbox.config.authToken,
    },
    zendesk: [],
    pipedriveCompanyIds,
  })
  await store.tenants.upsert(demoTenant([COMPANY]))
  const deps = nodePipedriveDeps({
    settings,
    installations,
    oauthStates: createUsedStateStore({ db, now }),
    setupFailures: createSetupFailureStore({ db, now: now, keepMs: SETUP_TICKET_SECONDS * 1000 }),
    webhookSubscriptions: createWebhookSubscriptionStore({ db, now }),
    warn: options.warn,
    tenants: store.tenants,
    panelPage: () => ('panelPage' in options ? options.panelPage : PANEL_HTML),
    now,
  })
  const admissions = recordAdmissions(directUpstream(sandbox))
  const upstream = admissions.upstream
  const app = createApp({
    tenants: store.tenants,
    apiKeys: store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor: () => upstream,
    choices: store.choices,
    hasher,
    hosts: [zendeskApp(), pipedriveApp(deps)],
    config: {
      allowedOrigins: [],
      frameAncestors: ['http://127.0.0.1:4700'],
      requestDeadlineMs: options.requestDeadlineMs ?? 5_000,
    },
    now,
    log: options.log,
    outbox: options.outbox,
  })
  handler = app.fetch

  /** Installs the app for a user the way Pipedrive's consent does, through the real exchange. */
  const install = async (userId = ADMIN) => {
    const code = pipedrive.grants.issueCode(DEMO_COMPANY.id, Number(userId), settings.redirectUri)
    const tokens = await deps.api.oauth.exchangeCode(code)
    await installations.save(COMPANY, userId, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessExpiresAt: now() + tokens.expires_in * 1000,
      apiDomain: tokens.api_domain,
    })
  }

  /** A token as Pipedrive signs it: `{ userId, companyId }` (numbers), iat and exp. */
  const token = (
    claims: Record<string, unknown> = {},
    secret: string = PANEL_SECRET,
    lifetimeSeconds = 300
  ) => {
    const iat = Math.floor(now() / 1000)
    return sign(
      {
        userId: Number(ADMIN),
        companyId: Number(COMPANY),
        iat,
        exp: iat + lifetimeSeconds,
        ...claims,
      },
      secret,
      'HS256'
    )
  }

  /** The JSON panel request Pipedrive sends for a detail view. */
  const panelUrl = async (
    resource: string,
    id: number,
    overrides: Record<string, string | undefined> = {}
  ) => {
    const query: Record<string, string | undefined> = {
      resource,
      view: 'details',
      userId: ADMIN,
      companyId: COMPANY,
      selectedIds: String(id),
      isShared: 'false',
      token: await token(),
      ...overrides,
    }
    const params = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)
    )
    return `${relayUrl}/pipedrive/v1/panel?${params.toString()}`
  }

  return {
    /** Unlinks (false) or links (true) company 1001 and the demo tenant. */
    linkCompany: (linked: boolean) => store.tenants.upsert(demoTenant(linked ? [COMPANY] : [])),
    relayUrl,
    app,
    store,
    /** The Pipedrive host's own table. */
    installations,
    settings,
    deps,
    pipedrive,
    sandbox,
    clock,
    install,
    token,
    panelUrl,
    /** Each admission group the relay's reads were made in, as they were made (admission-recorder.ts). */
    admissionGroups: admissions.groups,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      await Promise.all([pipedrive.stop(), sandbox.stop(), store.close()])
    },
  }
}

export type PipedriveHarness = Awaited<ReturnType<typeof startPipedriveHarness>>

/**
 * One harness for a test file, started before its tests (with the app installed for `installed`
 * users) and stopped after them; call the returned function inside tests.
 */
export function useHarness(
  installed: readonly string[] = [],
  options: HarnessOptions = {}
): () => PipedriveHarness {
  let harness: PipedriveHarness | undefined
  beforeAll(async () => {
    harness = await startPipedriveHarness(options)
    for (const userId of installed) await harness.install(userId)
  })
  afterAll(() => harness?.stop())
  return () => {
    if (harness === undefined) throw new Error('the harness is used outside a test')
    return harness
  }
}
