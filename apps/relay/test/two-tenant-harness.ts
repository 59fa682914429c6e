/**
 * Two tenants, `acme` and `globex`, each with its own Intilery (a sandbox with its own brand,
 * token and port) and its own Pipedrive company (a sandbox Pipedrive each), behind one relay over
 * the real store (SQLite in memory), the production tenant cache and one real upstream guard per
 * Intilery credential, as src/server.ts builds them. Nothing routes a read to a sandbox but the
 * tenant's own credentials: a relay that picked the wrong tenant would read the other brand.
 * Which data tells the tenants apart is in two-tenant-data.ts.
 */
import { startPipedrive, startSandbox, type RunningPipedrive } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, expect } from 'vitest'

import { createApp } from '../src/app.ts'
import { createPipedriveClient } from '../src/hosts/pipedrive/api/pipedrive-client.ts'
import { createPipedriveInstallationStore } from '../src/hosts/pipedrive/install/installation-store.ts'
import { createUsedStateStore } from '../src/hosts/pipedrive/install/used-states.ts'
import { createSetupFailureStore } from '../src/hosts/pipedrive/install/setup-failures.ts'
import { SETUP_TICKET_SECONDS } from '../src/hosts/pipedrive/install/setup-routes.ts'
import { nodePipedriveDeps } from '../src/hosts/pipedrive/node-pipedrive-deps.ts'
import { createWebhookSubscriptionStore } from '../src/hosts/pipedrive/webhooks/webhook-subscriptions.ts'
import { pipedriveApp } from '../src/hosts/pipedrive/pipedrive-host.ts'
import { pipedriveConfig, pipedriveSettings } from '../src/hosts/pipedrive/pipedrive-settings.ts'
import { zendeskApp } from '../src/hosts/zendesk/zendesk-host.ts'
import { relayConfigSchema } from '../src/platform/config/relay-config.ts'
import { createHasher } from '../src/platform/crypto/hmac.ts'
import type { RequestLogEntry } from '../src/platform/http/request-log.ts'
import { createSecretBox } from '../src/platform/crypto/secret-box.ts'
import { cachedTenantDirectory } from '../src/platform/http/tenant-cache.ts'
import type { Tenant, UpstreamReads } from '../src/ports.ts'
import { openDatabase } from '../src/store/database.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../src/store/suite/context.ts'
import { createUpstream } from '../src/upstream/index.ts'
import { createRelayStore, migrateRelayDatabase } from '../src/wiring/relay-store.ts'
import {
  CUSTOMERS,
  ONLY_IN,
  OWN,
  SETUP,
  TENANT_NAMES,
  other,
  personsOf,
  seedIntilery,
  type CustomerKey,
  type TenantName,
} from './two-tenant-data.ts'

export * from './two-tenant-data.ts'

const PIPEDRIVE_CLIENT = { clientId: 'pd-client-id', clientSecret: 'pd-client-secret-0123456789' }
export const PANEL_SECRET = 'pd-json-panel-secret-0123'
export const CUSTOM_PANEL_SECRET = 'pd-custom-panel-secret-0123'

export async function startTwoTenantHarness() {
  const sandboxes = {
    acme: await startSandbox({ port: 0, ...SETUP.acme.intilery }),
    // Another seed: even the generated customers and events differ between the two brands.
    globex: await startSandbox({ port: 0, ...SETUP.globex.intilery, seed: 7 }),
  }
  for (const name of TENANT_NAMES) await seedIntilery(name, sandboxes[name])

  // The relay is called in-process (app.request), so its public URL only names the redirect URI.
  const publicUrl = 'http://127.0.0.1:9'
  const redirectUri = `${publicUrl}/pipedrive/oauth/callback`
  const pipedrives: Record<TenantName, RunningPipedrive> = {
    acme: await startPipedrive({
      ...PIPEDRIVE_CLIENT,
      redirectUri,
      extraPersons: personsOf('acme'),
    }),
    globex: await startPipedrive({
      ...PIPEDRIVE_CLIENT,
      redirectUri,
      extraPersons: personsOf('globex'),
    }),
  }
  const settings = pipedriveSettings(
    relayConfigSchema.extend(pipedriveConfig.shape).parse({
      encryptionKey: ENCRYPTION_KEY,
      auditKey: AUDIT_KEY,
      publicUrl,
      pipedriveClientId: PIPEDRIVE_CLIENT.clientId,
      pipedriveClientSecret: PIPEDRIVE_CLIENT.clientSecret,
      pipedrivePanelJwtSecret: PANEL_SECRET,
      pipedriveCustomPanelJwtSecret: CUSTOM_PANEL_SECRET,
      pipedriveOAuthUrl: pipedrives.acme.url,
    })
  )
  if (settings === undefined) throw new Error('two-tenant harness: Pipedrive settings incomplete')

  const db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const hasher = await createHasher(AUDIT_KEY)
  const secretBox = await createSecretBox(ENCRYPTION_KEY)
  const store = createRelayStore({ db, secretBox, hasher })
  const installations = createPipedriveInstallationStore({ db, secretBox, now: Date.now })
  const apiKeys = {} as Record<TenantName, string>
  for (const name of TENANT_NAMES) {
    const { subdomain, zendeskSecret, company } = SETUP[name]
    await store.tenants.upsert({
      id: name,
      name: `${name} workspace`,
      intilery: { baseUrl: sandboxes[name].url, ...SETUP[name].intilery },
      zendesk: [{ subdomain, sharedSecret: zendeskSecret }],
      pipedriveCompanyIds: [company],
    })
    apiKeys[name] = (
      await store.apiKeys.create(name, { name: `${name}/prod`, traitAllowlist: '*' })
    ).key
  }

  const deps = nodePipedriveDeps({
    settings,
    installations,
    oauthStates: createUsedStateStore({ db, now: Date.now }),
    setupFailures: createSetupFailureStore({
      db,
      now: Date.now,
      keepMs: SETUP_TICKET_SECONDS * 1000,
    }),
    webhookSubscriptions: createWebhookSubscriptionStore({ db, now: Date.now }),
    tenants: store.tenants,
    panelPage: () => undefined,
  })
  // Each company installs through its own Pipedrive's code exchange; the relay's configured OAuth
  // server is acme's, so globex's code is exchanged by a client pointed at globex's Pipedrive. (No
  // test runs past the hour an access token lives, so no refresh ever goes to the wrong server.)
  for (const name of TENANT_NAMES) {
    const { company, pipedriveUser } = SETUP[name]
    const pipedrive = pipedrives[name]
    const code = pipedrive.grants.issueCode(Number(company), Number(pipedriveUser), redirectUri)
    const oauth = createPipedriveClient({ ...settings, oauthUrl: pipedrive.url }).oauth
    const tokens = await oauth.exchangeCode(code)
    await installations.save(company, pipedriveUser, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessExpiresAt: Date.now() + tokens.expires_in * 1000,
      apiDomain: tokens.api_domain,
    })
  }

  // As src/server.ts: one guard per tenant credential, reading wherever those credentials point.
  const guards = new Map<string, UpstreamReads>()
  const upstreamFor = (tenant: Tenant): UpstreamReads => {
    const key = JSON.stringify([tenant.id, tenant.intilery])
    let guard = guards.get(key)
    if (guard === undefined) {
      guard = createUpstream(tenant.intilery)
      guards.set(key, guard)
    }
    return guard
  }

  /** The relay's request log lines. */
  const logs: RequestLogEntry[] = []
  const app = createApp({
    tenants: cachedTenantDirectory(store.tenants),
    apiKeys: store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor,
    presentations: store.presentations,
    choices: store.choices,
    log: (entry) => logs.push(entry),
    hasher,
    hosts: [zendeskApp(), pipedriveApp(deps)],
    config: { allowedOrigins: [], frameAncestors: [], requestDeadlineMs: 10_000 },
  })

  const seconds = () => Math.floor(Date.now() / 1000)

  /** A token as Zendesk's proxy signs it for `subdomain`'s install, with `secret`. */
  const zendeskToken = (subdomain: string, secret: string, claims: Record<string, string> = {}) =>
    sign(
      {
        iss: `https://${subdomain}.zendesk.com`,
        sub: 'agent-7',
        iat: seconds(),
        exp: seconds() + 60,
        ...claims,
      },
      secret,
      'HS256'
    )

  /** A token as Pipedrive signs it: `{ userId, companyId }` as numbers. */
  const pipedriveToken = (claims: { companyId: string; userId: string }, secret: string) =>
    sign(
      {
        companyId: Number(claims.companyId),
        userId: Number(claims.userId),
        iat: seconds(),
        exp: seconds() + 300,
      },
      secret,
      'HS256'
    )

  const recordOf = (name: TenantName, key: CustomerKey) => {
    const record = sandboxes[name].store.find({ type: 'userId', value: CUSTOMERS[key].userId })[0]
    if (record === undefined) throw new Error(`${name} has no ${key} customer`)
    return record
  }

  /** Strings only the other tenant's Intilery holds: none may reach this tenant's callers. */
  const foreignMarkers = (name: TenantName): string[] => {
    const them = other(name)
    const { lastName, plan, event, audience } = OWN[them]
    const ids = (['shared', ONLY_IN[them]] as const).map((key) => recordOf(them, key).id)
    return [lastName, plan, event, audience, SETUP[them].intilery.brandId, ...ids]
  }

  /** GET through the relay, in-process; the body as text and, when it is JSON, parsed. */
  const get = async (path: string, authorization?: string) => {
    const response = await app.request(
      path,
      authorization === undefined ? {} : { headers: { authorization } }
    )
    const text = await response.text()
    return {
      status: response.status,
      text,
      body: JSON.parse(text) as Record<string, unknown>,
      requestId: response.headers.get('x-request-id') ?? '',
    }
  }

  return {
    app,
    store,
    /** Pipedrive's installations (a test may add a company's). */
    installations,
    logs,
    get,
    recordOf,
    foreignMarkers,
    /** Fails when an answer to `name`'s caller holds any value of the other tenant's. */
    expectNothingForeign: (name: TenantName, text: string) => {
      for (const marker of foreignMarkers(name)) expect(text).not.toContain(marker)
    },
    sandboxes,
    pipedrives,
    apiKeys,
    zendeskToken,
    pipedriveToken,
    async stop() {
      await Promise.all([
        ...TENANT_NAMES.map((name) => sandboxes[name].stop()),
        ...TENANT_NAMES.map((name) => pipedrives[name].stop()),
      ])
      await store.close()
    },
  }
}

export type TwoTenantHarness = Awaited<ReturnType<typeof startTwoTenantHarness>>

/** One harness per test file, started before its tests and stopped after them. */
export function useTwoTenantHarness(): () => TwoTenantHarness {
  let harness: TwoTenantHarness | undefined
  beforeAll(async () => {
    harness = await startTwoTenantHarness()
  })
  afterAll(() => harness?.stop())
  return () => {
    if (harness === undefined) throw new Error('the harness is used outside a test')
    return harness
  }
}
