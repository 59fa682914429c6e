/**
 * @module hosts/pipedrive/pipedrive-routes
 * Everything under `/pipedrive`: the JSON panel (its own token check and error format), the
 * custom panel's page and API (SDK-token Bearer), the OAuth install lifecycle and the setup page.
 * Without Pipedrive settings on the relay, every one of them refuses.
 */
import { UnauthenticatedError } from '../../platform/errors.ts'
import { documentedRoutes } from '../../platform/openapi/documented-routes.ts'
import { pipedriveSdkAuth } from './custom-panel/sdk-token-auth.ts'
import type { PipedriveEnv } from './pipedrive-viewer.ts'
import type { PipedriveDeps } from './pipedrive-deps.ts'
import { createLinkSigner } from './install/signed-links.ts'
import type { HostAppDeps } from '../host-module.ts'
import { jsonPanelRoute } from './json-panel/json-panel-route.ts'
import { pipedriveOAuthRoutes } from './install/oauth-routes.ts'
import { pipedrivePanelApi } from './custom-panel/panel-api-routes.ts'
import { panelPageRoute } from './custom-panel/panel-page-route.ts'
import { pipedriveSetupRoutes } from './install/setup-routes.ts'
import { registerPipedriveSecuritySchemes } from './pipedrive-route-docs.ts'
import { pipedriveWebhookRoute } from './webhooks/webhook-route.ts'

export interface PipedriveRouteDeps extends HostAppDeps {
  readonly pipedrive: PipedriveDeps | undefined
}

/**
 * Documented routes at every level, so each route's schema reaches the OpenAPI document with its
 * full path; without Pipedrive settings nothing is served, so nothing is documented either.
 */
export function pipedriveRoutes(deps: PipedriveRouteDeps) {
  const routes = documentedRoutes<PipedriveEnv>()
  const pipedrive = deps.pipedrive
  if (pipedrive === undefined) {
    routes.all('*', () => {
      throw new UnauthenticatedError(
        'pipedrive_not_enabled',
        'Pipedrive is not set up on this relay'
      )
    })
    return routes
  }
  const links = createLinkSigner(pipedrive.settings.clientSecret, deps.now)
  const shared = { ...deps, pipedrive, links }
  registerPipedriveSecuritySchemes(routes)

  // The JSON panel and the webhooks first: they authenticate with their own query token and
  // Basic credentials, not the SDK's Bearer token.
  routes.route('/v1', jsonPanelRoute(shared))
  routes.route('/v1', pipedriveWebhookRoute({ ...deps, webhooks: pipedrive.webhooks }))
  routes.use('/v1/*', pipedriveSdkAuth(pipedrive, deps.tenants, deps.now, deps.hs256))
  routes.route('/v1', pipedrivePanelApi(shared))
  routes.route('/panel', panelPageRoute(shared))
  routes.route('/oauth', pipedriveOAuthRoutes(shared))
  routes.route('/setup', pipedriveSetupRoutes(shared))
  return routes
}
