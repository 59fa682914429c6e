/**
 * @module http/pipedrive-sdk-auth
 * Middleware for the custom panel's API: `Authorization: Bearer <token>` where the token is the
 * 5-minute JWT the panel got from Pipedrive's SDK (`GET_SIGNED_TOKEN`), signed with the custom
 * panel's JWT secret. Its claims say who is calling; their company must be linked to a tenant.
 */
import { createMiddleware } from 'hono/factory'

import type { Hs256Check } from '../auth/hs256.ts'
import { UnauthenticatedError } from '../errors.ts'
import { NotConnectedError } from '../pipedrive/pipedrive-session.ts'
import { verifyPipedriveToken } from '../pipedrive/pipedrive-token.ts'
import type { TenantDirectory } from '../ports.ts'
import { pipedriveCaller, type PipedriveEnv } from './pipedrive-viewer.ts'
import { bearerToken } from './zendesk-auth.ts'

export function pipedriveSdkAuth(
  secret: string,
  tenants: TenantDirectory,
  now: () => number,
  checkSignature: Hs256Check | undefined
) {
  return createMiddleware<PipedriveEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (token === undefined) throw new UnauthenticatedError('missing_token')
    const viewer = await verifyPipedriveToken(
      token,
      secret,
      {},
      Math.floor(now() / 1000),
      checkSignature
    )
    const tenant = await tenants.findByPipedriveCompany(viewer.companyId)
    if (tenant === undefined) throw new NotConnectedError('no_tenant')
    c.set('viewer', viewer)
    c.set('caller', pipedriveCaller(tenant, viewer))
    await next()
  })
}
