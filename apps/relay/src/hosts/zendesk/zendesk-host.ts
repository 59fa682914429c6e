/**
 * @module hosts/zendesk/zendesk-host
 * The Zendesk Support sidebar app's side of the relay: requests come only through Zendesk's
 * secure-request proxy, signed with the installation's shared secret, and read the customer
 * through the shared customer routes. Nothing to configure on the relay beyond each tenant's
 * installs (subdomain + shared secret).
 */
import type { z } from 'zod'

import { installationScope } from '../../customers/choice-scope.ts'
import { customerReadRoutes } from '../../customers/customer-read-routes.ts'
import type { RelayEnv } from '../../platform/http/caller.ts'
import { documentedRoutes } from '../../platform/openapi/documented-routes.ts'
import type { HostApp, HostModule } from '../host-module.ts'
import { zendeskAuth } from './zendesk-auth.ts'
import { zendeskCli } from './zendesk-cli.ts'
import { ZENDESK, zendeskLinkRules, zendeskTenantFields } from './zendesk-links.ts'
import { zendeskMigrations } from './zendesk-migrations.ts'

const noSettings = {} satisfies z.ZodRawShape

/** `/zendesk/v1/{context,events,traits,choice}` behind the proxy's JWT. */
export function zendeskApp(): HostApp {
  return {
    name: ZENDESK,
    routes(app) {
      const routes = documentedRoutes<RelayEnv>()
      routes.openAPIRegistry.registerComponent('securitySchemes', 'zendeskJwt', {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'HS256, signed by Zendesk’s secure-request proxy with the installation’s shared secret',
      })
      routes.use('*', zendeskAuth(app.tenants, app.now, app.hs256))
      // A remembered choice is kept for the token's subdomain and installation.
      routes.route('/v1', customerReadRoutes(app, 'zendeskJwt', installationScope))
      return routes
    },
  }
}

export const zendeskHost = {
  name: ZENDESK,
  links: zendeskLinkRules,
  tenantFields: zendeskTenantFields,
  cli: zendeskCli,
  config: { shape: noSettings, env: {}, secrets: [] },
  migrations: zendeskMigrations,
  start: () => zendeskApp(),
} satisfies HostModule<typeof zendeskTenantFields.shape, typeof noSettings>
