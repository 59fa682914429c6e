/**
 * @module pipedrive/scopes
 * Pipedrive's OAuth scopes for the endpoints this stand-in serves, as Pipedrive's scope table maps
 * them (https://pipedrive.readme.io/docs/marketplace-scopes-and-permissions-explanations):
 * `GET /users/me` is `base` (always granted); reading persons and organizations needs
 * `contacts:read` or `contacts:full`; reading deals `deals:read` or `deals:full`; listing notes any
 * of the four; and adding a note (`POST /notes`) only `contacts:full` or `deals:full`, the two
 * scopes whose rows list it. A call outside the token's scopes answers 403 with the body Pipedrive
 * sends (`{"success":false,"error":"Scope and URL mismatch","errorCode":403}`, as captured in
 * pipedrive/client-php#14 and listed on
 * https://pipedrive.readme.io/docs/marketplace-oauth-and-api-proxy-status-codes).
 *
 * Scopes are set on the app in Developer Hub, not asked for on the consent link, so a grant carries
 * the app's configured scopes whatever the install URL says.
 *
 * Webhooks: `webhooks:read` lists them, `webhooks:full` also creates and deletes them
 * (https://developers.pipedrive.com/changelog/post/introducing-new-oauth-scopes-for-webhooks, Jan
 * 2024); the older `admin` scope still allows all three. Stages and pipelines are read with
 * `deals:read` or `deals:full` (their rows list `GET /stages`, `GET /pipelines`); changing and
 * adding deals needs `deals:full`, adding persons `contacts:full`. A personal API token
 * (`x-api-token`) is not an app's and has no scopes to check.
 */
import type { MiddlewareHandler } from 'hono'

import type { Grant } from './oauth-grants.ts'

/** The scopes this repository's app declares (README: Developer Hub setup). */
export const PIPEDRIVE_SCOPE = 'base,contacts:full,deals:read,webhooks:full'

const CONTACTS = ['contacts:read', 'contacts:full']
const DEALS = ['deals:read', 'deals:full']
const WEBHOOKS_READ = ['webhooks:read', 'webhooks:full', 'admin']
const WEBHOOKS_FULL = ['webhooks:full', 'admin']

/** Method and path (under /api/v1 or /api/v2) to the scopes that each allow the call. */
const SCOPE_TABLE: readonly {
  readonly method: string
  readonly path: RegExp
  readonly scopes: readonly string[]
}[] = [
  { method: 'GET', path: /^\/users\/me$/, scopes: ['base'] },
  { method: 'GET', path: /^\/persons(\/\d+)?$/, scopes: CONTACTS },
  { method: 'GET', path: /^\/organizations(\/\d+)?$/, scopes: CONTACTS },
  { method: 'GET', path: /^\/deals(\/\d+)?$/, scopes: DEALS },
  { method: 'GET', path: /^\/notes(\/\d+)?$/, scopes: [...CONTACTS, ...DEALS] },
  { method: 'POST', path: /^\/notes$/, scopes: ['contacts:full', 'deals:full'] },
  { method: 'GET', path: /^\/(stages|pipelines)(\/\d+)?$/, scopes: DEALS },
  { method: 'PATCH', path: /^\/deals\/\d+$/, scopes: ['deals:full'] },
  { method: 'POST', path: /^\/deals$/, scopes: ['deals:full'] },
  { method: 'POST', path: /^\/persons$/, scopes: ['contacts:full'] },
  { method: 'GET', path: /^\/webhooks$/, scopes: WEBHOOKS_READ },
  { method: 'POST', path: /^\/webhooks$/, scopes: WEBHOOKS_FULL },
  { method: 'DELETE', path: /^\/webhooks\/\d+$/, scopes: WEBHOOKS_FULL },
]

/** The scopes that allow a call; undefined for a path the table does not list. */
export function scopesFor(method: string, apiPath: string): readonly string[] | undefined {
  const path = apiPath.replace(/^\/api\/v[12]/, '')
  return SCOPE_TABLE.find((row) => row.method === method && row.path.test(path))?.scopes
}

/** `base` is always granted; the rest are the grant's comma-separated list. */
export function grantedScopes(scope: string): ReadonlySet<string> {
  return new Set(['base', ...scope.split(/[,\s]+/).filter((s) => s !== '')])
}

export const SCOPE_MISMATCH = {
  success: false,
  error: 'Scope and URL mismatch',
  errorCode: 403,
} as const

/** Refuses a call the grant's scopes do not cover; runs after the bearer check sets `grant`. */
export function requireScope(): MiddlewareHandler<{ Variables: { grant: Grant } }> {
  return async (c, next) => {
    const grant = c.get('grant')
    const allowed = grant.personal === true ? undefined : scopesFor(c.req.method, c.req.path)
    const granted = grantedScopes(grant.scope)
    if (allowed !== undefined && !allowed.some((scope) => granted.has(scope)))
      return c.json(SCOPE_MISMATCH, 403)
    await next()
    return undefined
  }
}
