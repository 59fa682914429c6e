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
import { DEFAULT_PANEL_FILE, nodePipedriveDeps, panelPageFromFile } from './node-pipedrive-deps.ts'
import type { PipedriveDeps } from './pipedrive-deps.ts'
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

function start({ config, db, secretBox, tenants, now, overrides }: HostStartContext): HostApp {
  const pipedriveConfig = config as PipedriveConfig
  const settings = pipedriveSettings(pipedriveConfig)
  if (settings === undefined) return pipedriveApp(undefined)
  const own = overrides?.[PIPEDRIVE] as PipedriveOverrides | undefined
  return pipedriveApp(
    nodePipedriveDeps({
      settings,
      installations: createPipedriveInstallationStore({ db, secretBox, now }),
      oauthStates: createUsedStateStore({ db, now }),
      tenants,
      panelPage:
        own?.panelPage ??
        panelPageFromFile(pipedriveConfig.pipedrivePanelFile ?? DEFAULT_PANEL_FILE),
      now,
    })
  )
}

export const pipedriveHost = {
  name: PIPEDRIVE,
  links: pipedriveLinkRules,
  tenantFields: pipedriveTenantFields,
  cli: pipedriveCli,
  config: pipedriveConfig,
  migrations: pipedriveMigrations,
  sealed: installationSealedColumns,
  start,
} satisfies HostModule<typeof pipedriveTenantFields.shape, typeof pipedriveConfig.shape>
