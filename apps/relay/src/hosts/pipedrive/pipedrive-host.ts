/**
 * @module hosts/pipedrive/pipedrive-host
 * The Pipedrive app's side of the relay: the JSON panel, the custom panel's page and API, the OAuth
 * install lifecycle and the setup page, all under `/pipedrive`. Off (every route refuses) until
 * PIPEDRIVE_CLIENT_ID/SECRET and RELAY_PUBLIC_URL are set.
 */
import type { HostApp, HostModule, HostStartContext } from '../host-module.ts'
import {
  createPipedriveInstallationStore,
  installationSealedColumns,
} from './install/installation-store.ts'
import { createUsedStateStore } from './install/used-states.ts'
import { createSetupFailureStore } from './install/setup-failures.ts'
import { createRefreshLeases } from './install/refresh-leases.ts'
import { DEFAULT_CALL_TIMEOUT_MS } from './api/call-limits.ts'
import { SETUP_TICKET_SECONDS } from './install/setup-routes.ts'
import { DEFAULT_PANEL_FILE, nodePipedriveDeps, panelPageFromFile } from './node-pipedrive-deps.ts'
import type { PipedriveDeps } from './pipedrive-deps.ts'
import { RelayError } from '../../platform/errors.ts'
import type { HostIdentityResolver } from '../../writeback/outbox-port.ts'
import { createPipedriveIdentityResolver } from './webhooks/identity-resolver.ts'
import { createWebhookSubscriptionStore } from './webhooks/webhook-subscriptions.ts'
import {
  PIPEDRIVE,
  pipedriveCli,
  pipedriveLinkRules,
  pipedriveTenantFields,
} from './pipedrive-links.ts'
import { pipedriveMigrations } from './pipedrive-migrations.ts'
import { pipedriveRoutes } from './pipedrive-routes.ts'
import { pipedriveConfig, pipedriveSettings, type PipedriveConfig } from './pipedrive-settings.ts'

/** What a stand-in (the demo, a test) may replace: the built panel page. */
export interface PipedriveOverrides {
  readonly panelPage?: () => string | undefined
}

/** The Pipedrive routes over ready dependencies; undefined when Pipedrive is not configured. */
export function pipedriveApp(pipedrive: PipedriveDeps | undefined): HostApp {
  return {
    name: PIPEDRIVE,
    routes: (app) => pipedriveRoutes({ ...app, pipedrive }),
  }
}

/**
 * One set of dependencies per host context: the routes and write-back's identity resolver share
 * the token keeper (one in-flight refresh per installation), the stage names and the stores.
 */
const depsOf = new WeakMap<HostStartContext, PipedriveDeps | undefined>()

function nodeDeps(context: HostStartContext): PipedriveDeps | undefined {
  if (!depsOf.has(context)) depsOf.set(context, buildNodeDeps(context))
  return depsOf.get(context)
}

/** The Pipedrive app's dependencies on Node; undefined when Pipedrive is not configured. */
function buildNodeDeps({ config, db, secretBox, tenants, now, overrides }: HostStartContext) {
  const pipedriveConfig = config as PipedriveConfig
  const settings = pipedriveSettings(pipedriveConfig)
  if (settings === undefined) return undefined
  const own = overrides?.[PIPEDRIVE] as PipedriveOverrides | undefined
  return nodePipedriveDeps({
    settings,
    installations: createPipedriveInstallationStore({ db, secretBox, now }),
    oauthStates: createUsedStateStore({ db, now }),
    setupFailures: createSetupFailureStore({ db, now, keepMs: SETUP_TICKET_SECONDS * 1000 }),
    // Longer than a refresh can take: Pipedrive's answer, then saving the tokens.
    refreshLeases: createRefreshLeases({
      db,
      now,
      leaseMs: 3 * (settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
    }),
    webhookSubscriptions: createWebhookSubscriptionStore({ db, now }),
    tenants,
    panelPage:
      own?.panelPage ?? panelPageFromFile(pipedriveConfig.pipedrivePanelFile ?? DEFAULT_PANEL_FILE),
    now,
  })
}

const start = (context: HostStartContext): HostApp => pipedriveApp(nodeDeps(context))

/** Deal events' persons, opened at delivery; refuses every ref when Pipedrive is not configured. */
function identityResolver(context: HostStartContext): HostIdentityResolver {
  const deps = nodeDeps(context)
  if (deps === undefined)
    return {
      resolve: () =>
        Promise.reject(new RelayError('misconfigured', 'Pipedrive is not set up on this relay')),
    }
  return createPipedriveIdentityResolver({ ...deps, tenants: context.tenants })
}

export const pipedriveHost = {
  name: PIPEDRIVE,
  links: pipedriveLinkRules,
  tenantFields: pipedriveTenantFields,
  cli: pipedriveCli,
  config: pipedriveConfig,
  migrations: pipedriveMigrations,
  sealed: installationSealedColumns,
  identityResolver,
  start,
} satisfies HostModule<typeof pipedriveTenantFields.shape, typeof pipedriveConfig.shape>
