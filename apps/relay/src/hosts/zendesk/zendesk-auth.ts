/**
 * @module http/zendesk-auth
 * Middleware for the Zendesk routes: `Authorization: Bearer <JWT>` signed by Zendesk's proxy with
 * the installation's shared secret (src/auth/zendesk-jwt.ts decides; this maps it to a caller).
 */
import { createMiddleware } from 'hono/factory'

import type { Hs256Check } from '../../platform/auth/hs256.ts'
import { verifyZendeskToken } from './zendesk-token.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'
import type { Tenant, TenantDirectory } from '../../ports.ts'
import type { RelayEnv } from '../../platform/http/caller.ts'

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}

export function zendeskAuth(
  directory: TenantDirectory,
  now: () => number,
  checkSignature: Hs256Check | undefined
) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (token === undefined) throw new UnauthenticatedError('missing_token')
    let tenant: Tenant | undefined
    const caller = await verifyZendeskToken(
      token,
      async (subdomain) => {
        const found = await directory.findByZendeskSubdomain(subdomain)
        tenant = found?.tenant
        return found?.sharedSecret
      },
      Math.floor(now() / 1000),
      checkSignature
    )
    if (tenant === undefined) throw new UnauthenticatedError('unknown_installation')
    c.set('caller', {
      tenant,
      channel: 'zendesk',
      callerId: `zendesk:${caller.subdomain}:${caller.agentId}`,
      traitAllowlist: '*',
    })
    await next()
  })
}
