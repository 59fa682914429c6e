/**
 * @module hosts/pipedrive/custom-panel/sdk-token-auth
 * Middleware for the custom panel's API: `Authorization: Bearer <token>` where the token is the
 * 5-minute JWT the panel got from Pipedrive's SDK (`GET_SIGNED_TOKEN`), signed with the custom
 * panel's JWT secret. Its claims say who is calling; their company must be linked to a tenant, and
 * they must have installed the app themselves (Pipedrive shows custom panels only to installers, so
 * a token from anyone else is not a panel's).
 */
import { createMiddleware } from 'hono/factory'

import type { Hs256Check } from '../../../platform/auth/hs256.ts'
import { UnauthenticatedError } from '../../../platform/errors.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { openSession } from '../pipedrive-session.ts'
import { verifyPipedriveToken } from '../pipedrive-token.ts'
import type { TenantDirectory } from '../../../ports.ts'
import { pipedriveCaller, type PipedriveEnv } from '../pipedrive-viewer.ts'
import { bearerToken } from '../../../platform/http/bearer-token.ts'

export function pipedriveSdkAuth(
  pipedrive: PipedriveDeps,
  tenants: TenantDirectory,
  now: () => number,
  checkSignature: Hs256Check | undefined
) {
  return createMiddleware<PipedriveEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (token === undefined) throw new UnauthenticatedError('missing_token')
    const viewer = await verifyPipedriveToken(
      token,
      pipedrive.settings.customPanelJwtSecret,
      {},
      Math.floor(now() / 1000),
      checkSignature
    )
    // The viewer's own session (never a shared one): it refuses a missing tenant link or install.
    const session = await openSession(pipedrive, tenants, viewer, { signal: c.get('deadline')() })
    c.set('viewer', viewer)
    c.set('session', session)
    c.set('caller', pipedriveCaller(session.tenant, viewer))
    await next()
  })
}
