/**
 * @module hosts/zendesk/zendesk-host
 * The Zendesk Support sidebar app's side of the relay: reads come only through Zendesk's
 * secure-request proxy, signed with the installation's shared secret, and read the customer
 * through the shared customer routes. Write-back's webhook (webhooks/) proves itself differently,
 * with the signature of the webhook Zendesk's triggers call. Nothing to configure on the relay
 * beyond each tenant's installs (subdomain + shared secret, and the webhook's signing secret).
 */
import type { Context } from 'hono'
import { except } from 'hono/combine'
import type { z } from 'zod'

import { installationScope } from '../../customers/choice-scope.ts'
import { customerReadRoutes } from '../../customers/customer-read-routes.ts'
import type { RelayEnv } from '../../platform/http/caller.ts'
import { documentedRoutes } from '../../platform/openapi/documented-routes.ts'
import type { HostApp, HostModule, HostStartContext } from '../host-module.ts'
import { zendeskAuth } from './zendesk-auth.ts'
import { zendeskCli } from './zendesk-cli.ts'
import { ZENDESK, zendeskLinkRules, zendeskTenantFields } from './zendesk-links.ts'
import { zendeskMigrations } from './zendesk-migrations.ts'
import { saveDeclaredWebhookSecrets } from './webhooks/declared-secrets.ts'
import type { ZendeskWebhookStores } from './webhooks/webhook-auth.ts'
import { createWebhookInvocations } from './webhooks/webhook-invocations.ts'
import { WEBHOOK_PATH } from './webhooks/webhook-endpoint.ts'
import { zendeskWebhookRoutes } from './webhooks/webhook-routes.ts'
import { cachedWebhookSecrets } from './webhooks/webhook-secret-cache.ts'
import {
  createZendeskWebhookSecrets,
  webhookSecretSealedColumns,
} from './webhooks/webhook-secrets.ts'

const noSettings = {} satisfies z.ZodRawShape

/**
 * The webhook answers to its signature, not to the proxy's JWT (which Zendesk never sends it). The
 * whole path is compared, so no read route (one with a wildcard, say) can ever share the exemption.
 */
const isWebhook = (c: Context) => c.req.path === `/${ZENDESK}/v1${WEBHOOK_PATH}`

/**
 * `/zendesk/v1/{context,events,traits,choice}` behind the proxy's JWT, and `/zendesk/v1/webhooks`
 * behind the webhook's signature (refusing every delivery without `webhooks`' stores).
 */
export function zendeskApp(webhooks?: ZendeskWebhookStores): HostApp {
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
      routes.use('*', except(isWebhook, zendeskAuth(app.tenants, app.now, app.hs256)))
      routes.route('/v1', zendeskWebhookRoutes(app, webhooks))
      // A remembered choice is kept for the token's subdomain and installation.
      routes.route('/v1', customerReadRoutes(app, 'zendeskJwt', installationScope))
      return routes
    },
  }
}

export const zendeskHost = {
  name: ZENDESK,
  links: zendeskLinkRules,
  tenantFields: { ...zendeskTenantFields, saveOwn: saveDeclaredWebhookSecrets },
  cli: zendeskCli,
  config: { shape: noSettings, env: {}, secrets: [] },
  migrations: zendeskMigrations,
  sealed: webhookSecretSealedColumns,
  start: ({ db, secretBox, now, onTenantsChanged }: HostStartContext) => {
    const secrets = cachedWebhookSecrets(createZendeskWebhookSecrets({ db, secretBox, now }), now)
    onTenantsChanged?.(secrets.clear)
    return zendeskApp({ secrets, invocations: createWebhookInvocations({ db, now }) })
  },
} satisfies HostModule<typeof zendeskTenantFields.shape, typeof noSettings>
