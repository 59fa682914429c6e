/**
 * @module start-demo
 * Starts the demo: the Intilery sandbox in process and the relay as its own process (nothing imports
 * an app), with a demo tenant wired to the sandbox. Every secret here is a documented demo value.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  DYNAMIC_AUDIENCES,
  sandboxConfigFromEnv,
  startDemoSite,
  startPipedrive,
  startPipedriveHost,
  startSandbox,
  startZendeskHost,
  type RunningPipedrive,
  type RunningDemoSite,
  type RunningPipedriveHost,
  type RunningSandbox,
  type RunningZendeskHost,
} from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

import { buildDemoApps, type DemoBuilds } from './demo-builds.ts'
import { DEMO_PIPEDRIVE, installDemoPipedrive } from './pipedrive-demo.ts'
import { freePort } from './ports.ts'
import { startRelayProcess } from './relay-process.ts'
import { StopStack } from './stop-stack.ts'

export { buildDemoApps, type DemoBuilds } from './demo-builds.ts'
export { DEMO_PIPEDRIVE } from './pipedrive-demo.ts'
export { listenable } from './ports.ts'
export { StopFailedError, StopStack } from './stop-stack.ts'

/** Demo-only values, printed and documented; never use them for a real installation. */
export const DEMO = {
  zendeskSubdomain: 'demo',
  zendeskSecret: 'demo-zendesk-secret',
  /** The signing secret of the webhook the local Zendesk's triggers call (write-back). */
  zendeskWebhookSecret: 'demo-zendesk-webhook-signing-secret',
  agentId: 'demo-agent',
  /** A server-to-server key allowed every trait, with the recommendations scope too. */
  apiKey: 'demo-api-key',
  /** The demo site's server-side key: only the two traits its pages use. */
  siteApiKey: 'demo-site-api-key',
  /** The demo site as the relay knows it, and the secret its server signs visitor tokens with. */
  siteId: 'demo-shop',
  siteSecret: 'demo-site-signing-secret-not-for-production',
  /** Opens the relay's /metrics and the per-tenant detail of /readyz, as an operator's would. */
  metricsToken: 'demo-metrics-token-not-for-production',
} as const

export interface RunningDemo {
  readonly sandbox: RunningSandbox
  readonly relayUrl: string
  /**
   * The relay's store and keys as `KEY=value` lines, for the relay command run beside the demo
   * (`env $(cat relay.env) pnpm --silent relay export …`). Demo-only keys, fresh each run.
   */
  readonly relayEnvFile: string
  /** The relay's process id, for checks that it stopped. */
  readonly relayPid: number
  /** The local Zendesk with the real sidebar app (built for this run). */
  readonly zendesk: RunningZendeskHost
  /** Where the Zendesk app was built (its dist/ layout and app.zip), for this run or before. */
  readonly zendeskAppDir: string
  /** The sandbox's Pipedrive (REST and OAuth) the relay's Pipedrive app talks to. */
  readonly pipedrive: RunningPipedrive
  /** The local Pipedrive detail pages with both panels around the real relay and panel page. */
  readonly pipedriveHost: RunningPipedriveHost
  /** The shop-and-blog site personalized through the relay (server side and in the browser). */
  readonly site: RunningDemoSite
  /** A Zendesk-style JWT for the demo installation, valid for 10 minutes. */
  zendeskToken(): Promise<string>
  /** The JSON panel request Pipedrive would send for `resource` `id`, signed for the demo user. */
  pipedrivePanelUrl(resource: 'person' | 'deal' | 'organization', id: number): Promise<string>
  /** Stops everything the demo started, last started first; every stop runs even if one fails. */
  stop(): Promise<void>
}

/** Where the demo's local Zendesk sends its trigger webhooks: the relay's Zendesk webhook. */
export function zendeskWebhookUrl(relayUrl: string): string {
  return `${relayUrl}/zendesk/v1/webhooks?subdomain=${DEMO.zendeskSubdomain}`
}

const panelSchemaFile = new URL(
  '../../../apps/pipedrive/json-panel/data-structure.json',
  import.meta.url
)

/** The JSON panel's data structure, as uploaded to Developer Hub: the preview lays fields out by it. */
function pipedrivePanelSchema(): object {
  return JSON.parse(readFileSync(panelSchemaFile, 'utf8')) as object
}

export interface DemoPorts {
  readonly sandbox: number
  readonly relay: number
  readonly zendesk: number
  /** The sandbox's Pipedrive API and OAuth server. */
  readonly pipedrive?: number
  /** The Pipedrive preview pages. */
  readonly pipedriveHost?: number
  /** The demo site (its origin is in the relay's tenants file, so it is fixed first). */
  readonly site?: number
}

export async function startDemo(
  ports: DemoPorts,
  env: Readonly<Record<string, string | undefined>> = {},
  /**
   * Apps built already (the browser tests build once for all their files: the builds depend on
   * nothing a run changes); by default each run builds its own.
   */
  { builds }: { readonly builds?: DemoBuilds | undefined } = {}
): Promise<RunningDemo> {
  // Everything started is stopped, last first, whether a later step fails or the demo stops.
  const running = new StopStack()
  return running.startAll(async () => {
    // The sandbox's own settings (SANDBOX_CLIENT_ID, SANDBOX_AUTH_TOKEN…) apply in the demo too.
    const sandbox = await running.start(
      () => startSandbox({ ...sandboxConfigFromEnv(env), port: ports.sandbox }),
      (started) => started.stop()
    )
    const dir = await running.start(
      () => mkdtemp(join(tmpdir(), 'intilery-demo-')),
      (made) => rm(made, { recursive: true, force: true })
    )
    // Pipedrive's OAuth redirect and the panel's framing name the relay and the preview host, so
    // both ports are fixed before anything starts.
    const relayPort = ports.relay === 0 ? await freePort() : ports.relay
    const hostPort =
      (ports.pipedriveHost ?? 0) === 0 ? await freePort() : (ports.pipedriveHost ?? 0)
    const relayUrl = `http://127.0.0.1:${relayPort}`
    // Started at once on its own port (0: any), since the relay's tenants file names its origin;
    // it calls the relay only when a page is asked for.
    const site = await running.start(
      () =>
        startDemoSite({
          relayUrl,
          apiKey: DEMO.siteApiKey,
          siteId: DEMO.siteId,
          siteSecret: DEMO.siteSecret,
          port: ports.site ?? 0,
        }),
      (started) => started.stop()
    )
    const pipedrive = await running.start(
      () =>
        startPipedrive({
          clientId: DEMO_PIPEDRIVE.clientId,
          clientSecret: DEMO_PIPEDRIVE.clientSecret,
          redirectUri: `${relayUrl}/pipedrive/oauth/callback`,
          port: ports.pipedrive ?? 0,
          // Record links the panels give (`{api_domain}/person/2`) open the host's pages.
          webUrl: `http://127.0.0.1:${hostPort}`,
        }),
      (started) => started.stop()
    )
    // The relay needs the panel page's path.
    const { zendeskAppDir, pipedrivePanelFile } = builds ?? (await buildDemoApps(dir))
    const tenants = join(dir, 'tenants.yaml')
    writeFileSync(
      tenants,
      [
        'tenants:',
        '  - id: demo',
        '    name: Demo brand (sandbox)',
        `    intilery: { baseUrl: "${sandbox.url}", clientId: ${sandbox.config.clientId}, accountId: ${sandbox.config.accountId}, brandId: ${sandbox.config.brandId}, authToken: { env: DEMO_INTILERY_TOKEN } }`,
        `    zendesk: [{ subdomain: ${DEMO.zendeskSubdomain}, sharedSecret: { env: DEMO_ZENDESK_SECRET }, webhookSigningSecret: { env: DEMO_ZENDESK_WEBHOOK_SECRET } }]`,
        // Write-back is off until an admin turns it on; the demo shows it.
        '    writeback: { enabled: true }',
        `    pipedriveCompanyIds: [${DEMO_PIPEDRIVE.companyId}]`,
        "    apiKeys: [{ name: demo, key: { env: DEMO_API_KEY }, traits: '*', scopes: [profiles, recommendations] }, { name: demo-site, key: { env: DEMO_SITE_API_KEY }, traits: [firstName, favorite_blog_category] }]",
        // The demo site: its visitors see two traits, one audience by name, and what they viewed.
        `    sites: [{ id: ${DEMO.siteId}, name: "Harbour & Pine (demo)", origins: ["${site.url}"], traits: [firstName, favorite_blog_category], audiences: { ${DYNAMIC_AUDIENCES.highValue}: VIP shoppers }, recommendations: true, secret: { env: DEMO_SITE_SECRET } }]`,
        '',
      ].join('\n')
    )
    // A SQLite file in the demo's folder (removed at stop) and keys fresh per run: the demo keeps
    // nothing between runs, and the relay command can open the same store while the demo runs.
    const relayStore = {
      DATABASE_URL: `file:${join(dir, 'relay.db')}`,
      RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
    }
    const relayEnvFile = join(dir, 'relay.env')
    writeFileSync(
      relayEnvFile,
      Object.entries(relayStore)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 }
    )
    const relay = await running.start(
      () =>
        startRelayProcess({
          PORT: String(relayPort),
          RELAY_PUBLIC_URL: relayUrl,
          RELAY_FRAME_ANCESTORS: `http://127.0.0.1:${hostPort}`,
          PIPEDRIVE_CLIENT_ID: DEMO_PIPEDRIVE.clientId,
          PIPEDRIVE_CLIENT_SECRET: DEMO_PIPEDRIVE.clientSecret,
          PIPEDRIVE_PANEL_JWT_SECRET: DEMO_PIPEDRIVE.panelJwtSecret,
          PIPEDRIVE_CUSTOM_PANEL_JWT_SECRET: DEMO_PIPEDRIVE.panelJwtSecret,
          PIPEDRIVE_OAUTH_URL: pipedrive.url,
          // The stand-in answers token requests with its own origin as api_domain.
          PIPEDRIVE_API_DOMAINS: pipedrive.url,
          PIPEDRIVE_PANEL_FILE: pipedrivePanelFile,
          // The relay's store and keys, which `relay export` also needs (relayEnvFile).
          ...relayStore,
          RELAY_TENANTS_FILE: tenants,
          DEMO_INTILERY_TOKEN: sandbox.config.authToken,
          DEMO_ZENDESK_SECRET: DEMO.zendeskSecret,
          DEMO_ZENDESK_WEBHOOK_SECRET: DEMO.zendeskWebhookSecret,
          DEMO_API_KEY: DEMO.apiKey,
          DEMO_SITE_SECRET: DEMO.siteSecret,
          DEMO_SITE_API_KEY: DEMO.siteApiKey,
          RELAY_METRICS_TOKEN: DEMO.metricsToken,
          LOG_LEVEL: 'info',
        }),
      (started) => started.stop()
    )
    await installDemoPipedrive(relayUrl, DEMO_PIPEDRIVE.userId)
    const pipedriveHost = await running.start(
      () =>
        startPipedriveHost({
          relayUrl,
          companyId: DEMO_PIPEDRIVE.companyId,
          userId: DEMO_PIPEDRIVE.userId,
          panelJwtSecret: DEMO_PIPEDRIVE.panelJwtSecret,
          customPanelJwtSecret: DEMO_PIPEDRIVE.panelJwtSecret,
          schema: pipedrivePanelSchema(),
          port: hostPort,
          // A deal page's actions call this Pipedrive, which sends the write-back's webhooks.
          pipedrive,
        }),
      (started) => started.stop()
    )
    const zendesk = await running.start(
      () =>
        startZendeskHost({
          appDir: zendeskAppDir,
          subdomain: DEMO.zendeskSubdomain,
          settings: { relay_url: relayUrl, shared_secret: DEMO.zendeskSecret },
          secureScopes: { shared_secret: ['jwt_secret_key'] },
          domainWhitelist: [new URL(relayUrl).hostname],
          port: ports.zendesk,
          // The webhook an admin sets up for write-back, as `relay zendesk webhook-setup` says.
          webhook: {
            url: zendeskWebhookUrl(relayUrl),
            signingSecret: DEMO.zendeskWebhookSecret,
          },
        }),
      (started) => started.stop()
    )
    const parts = {
      sandbox,
      relayUrl,
      relayEnvFile,
      zendesk,
      zendeskAppDir,
      pipedrive,
      pipedriveHost,
      site,
    }
    return demoHandle({ ...parts, relayPid: relay.pid }, () => running.stopAll())
  })
}

/** The running demo's handle: its servers, token helpers, and the stop of everything started. */
function demoHandle(
  parts: Omit<RunningDemo, 'zendeskToken' | 'pipedrivePanelUrl' | 'stop'>,
  stop: () => Promise<void>
): RunningDemo {
  const { relayUrl } = parts
  return {
    ...parts,
    pipedrivePanelUrl: async (resource, id) => {
      const iat = Math.floor(Date.now() / 1000)
      const { companyId, userId } = DEMO_PIPEDRIVE
      const token = await sign(
        { companyId, userId, iat, exp: iat + 600 },
        DEMO_PIPEDRIVE.panelJwtSecret,
        'HS256'
      )
      const query = new URLSearchParams({
        resource,
        view: 'details',
        userId: String(userId),
        companyId: String(companyId),
        selectedIds: String(id),
        isShared: 'false',
        token,
      })
      return `${relayUrl}/pipedrive/v1/panel?${query.toString()}`
    },
    zendeskToken: () => {
      const iat = Math.floor(Date.now() / 1000)
      return sign(
        {
          iss: `https://${DEMO.zendeskSubdomain}.zendesk.com`,
          sub: DEMO.agentId,
          iat,
          exp: iat + 600,
        },
        DEMO.zendeskSecret,
        'HS256'
      )
    },
    stop,
  }
}
