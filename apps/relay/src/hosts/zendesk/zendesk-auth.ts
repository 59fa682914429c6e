/**
 * @module hosts/zendesk/zendesk-auth
 * Middleware for the Zendesk routes: `Authorization: Bearer <JWT>` signed by Zendesk's proxy with
 * the installation's shared secret (zendesk-token.ts decides; this maps it to a caller).
 */
import { createMiddleware } from 'hono/factory'

import type { Hs256Check } from '../../platform/auth/hs256.ts'
import { UnauthenticatedError } from '../../platform/errors.ts'
import { bearerToken } from '../../platform/http/bearer-token.ts'
import type { RelayEnv } from '../../platform/http/caller.ts'
import type { Tenant, TenantDirectory } from '../../ports.ts'
import { ZENDESK } from './zendesk-links.ts'
import { verifyZendeskToken } from './zendesk-token.ts'

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
        const found = await directory.findByLink(ZENDESK, subdomain)
        tenant = found?.tenant
        return found?.secret
      },
      Math.floor(now() / 1000),
      checkSignature
    )
    if (tenant === undefined) throw new UnauthenticatedError('unknown_installation')
    c.set('caller', {
      tenant,
      channel: ZENDESK,
      callerId: `${ZENDESK}:${caller.subdomain}:${caller.agentId}`,
      // The installation the proxy signed for: the subdomain is proven by its secret; the id is
      // what this installation's app put in the token (choices are kept per installation).
      ...(caller.installationId === undefined
        ? {}
        : { installation: `${caller.subdomain}:${caller.installationId}` }),
      traitAllowlist: '*',
    })
    await next()
  })
}
