/**
 * @module http/pipedrive-sdk-auth
 * Middleware for the custom panel's API: `Authorization: Bearer <token>` where the token is the
 * 5-minute JWT the panel got from Pipedrive's SDK (`GET_SIGNED_TOKEN`), signed with the custom
 * panel's JWT secret. Its claims say who is calling; their company must be linked to a tenant, and
 * they must have installed the app themselves (Pipedrive shows custom panels only to installers, so
 * a token from anyone else is not a panel's).
 */
import { createMiddleware } from 'hono/factory'

import type { Hs256Check } from '../auth/hs256.ts'
import { UnauthenticatedError } from '../errors.ts'
import { NotConnectedError } from '../pipedrive/pipedrive-session.ts'
import { verifyPipedriveToken } from '../pipedrive/pipedrive-token.ts'
import type { TenantDirectory } from '../ports.ts'
import type { PipedriveInstallationStore } from '../store/pipedrive-installations.ts'
import { pipedriveCaller, type PipedriveEnv } from './pipedrive-viewer.ts'
import { bearerToken } from './zendesk-auth.ts'

export function pipedriveSdkAuth(
  secret: string,
  tenants: TenantDirectory,
  installations: Pick<PipedriveInstallationStore, 'get'>,
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
    const [tenant, installation] = await Promise.all([
      tenants.findByPipedriveCompany(viewer.companyId),
      installations.get(viewer.companyId, viewer.userId),
    ])
    if (tenant === undefined) throw new NotConnectedError('no_tenant')
    if (installation === undefined) throw new NotConnectedError('not_installed')
    if (installation.status === 'disconnected') throw new NotConnectedError('disconnected')
    c.set('viewer', viewer)
    c.set('caller', pipedriveCaller(tenant, viewer))
    await next()
  })
}
