/**
 * @module hosts/registry
 * Every host app this relay serves. Adding a host (HubSpot, Freshdesk, Intercom…) is a folder
 * under hosts/ exporting a HostModule, and one line here: the app mounts its routes, the CLI and
 * the tenants file learn its fields, the config its settings, the store its migrations and the
 * OpenAPI document its paths, all from this list.
 */
import { pipedriveHost } from './pipedrive/pipedrive-host.ts'
import { zendeskHost } from './zendesk/zendesk-host.ts'

export const hostModules = [zendeskHost, pipedriveHost] as const

export type RegisteredHost = (typeof hostModules)[number]
