/**
 * @module public-api/api-key-auth
 * Server-to-server callers (the personalization service) send `Authorization: Bearer <relay API
 * key>`. The store compares the key's hash in constant time and knows revocations at once.
 */
import { createMiddleware } from 'hono/factory'

import { UnauthenticatedError } from '../platform/errors.ts'
import type { ApiKeyVerifier, TenantDirectory } from '../ports.ts'
import type { RelayEnv } from '../platform/http/caller.ts'
import { bearerToken } from '../platform/http/bearer-token.ts'

export function apiKeyAuth(keys: ApiKeyVerifier, tenants: TenantDirectory) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('authorization'))
    if (key === undefined) throw new UnauthenticatedError('missing_token')
    const grant = await keys.verify(key)
    if (grant === undefined) throw new UnauthenticatedError('bad_api_key')
    const tenant = await tenants.get(grant.tenantId)
    if (tenant === undefined) throw new UnauthenticatedError('tenant_gone')
    c.set('caller', {
      tenant,
      channel: 'api',
      callerId: `key:${grant.id}`,
      traitAllowlist: grant.traitAllowlist,
      scopes: grant.scopes,
    })
    await next()
  })
}
