/**
 * @module pipedrive/oauth-routes
 * Pipedrive's OAuth server (oauth.pipedrive.com) as the relay meets it: the consent page, the
 * token endpoint (authorization_code and refresh_token grants, client credentials in Basic auth,
 * form-encoded) and revocation. Errors are RFC 6749's `{ error, error_description }`.
 */
import { Hono, type Context } from 'hono'
import { html } from 'hono/html'

import type { PipedriveUser } from './data.ts'
import type { OAuthGrants } from './oauth-grants.ts'

export interface OAuthClient {
  readonly clientId: string
  readonly clientSecret: string
  /** The app's one registered callback URL; Pipedrive requires an exact match. */
  readonly redirectUri: string
  readonly scope: string
}

function basicCredentials(c: Context): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
  if (match?.[1] === undefined) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

const isClient = (c: Context, client: OAuthClient): boolean => {
  const given = basicCredentials(c)
  return given?.id === client.clientId && given.secret === client.clientSecret
}

/** A form field as text; files and repeated fields count as absent. */
const field = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? form[name] : ''

const oauthError = (c: Context, status: 400 | 401, error: string, description: string) =>
  c.json({ error, error_description: description }, status)

export function oauthRoutes(
  client: OAuthClient,
  grants: OAuthGrants,
  users: readonly PipedriveUser[],
  companyId: number
) {
  const routes = new Hono()

  routes.get('/oauth/authorize', (c) => {
    const q = c.req.query()
    if (q.client_id !== client.clientId) return c.json({ error: 'Invalid client' }, 400)
    if (q.redirect_uri !== client.redirectUri) return c.json({ error: 'Invalid redirect URL' }, 400)
    // The sandbox's logged-in user: the admin unless the link names another (`user_id`).
    const user = users.find((u) => String(u.id) === (q.user_id ?? String(users[0]?.id)))
    if (user === undefined) return c.json({ error: 'Unknown user' }, 400)
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>Pipedrive (sandbox): authorize Intilery Connect</title>
          </head>
          <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
            <h1>Intilery Connect wants to access your Pipedrive</h1>
            <p>Signed in as ${user.name} (company ${companyId}). Scopes: ${client.scope}.</p>
            <form method="post" action="/oauth/authorize">
              <input type="hidden" name="user_id" value="${user.id}" />
              <input type="hidden" name="redirect_uri" value="${client.redirectUri}" />
              <input type="hidden" name="state" value="${q.state ?? ''}" />
              <button name="decision" value="allow">Allow and install</button>
              <button name="decision" value="deny">Cancel</button>
            </form>
          </body>
        </html>`
    )
  })

  routes.post('/oauth/authorize', async (c) => {
    const form = await c.req.parseBody()
    const target = new URL(client.redirectUri)
    const state = field(form, 'state')
    if (form.decision === 'allow') {
      const userId = Number(form.user_id)
      target.searchParams.set('code', grants.issueCode(companyId, userId, client.redirectUri))
    } else {
      target.searchParams.set('error', 'user_denied')
    }
    if (state !== '') target.searchParams.set('state', state)
    return c.redirect(target.toString(), 302)
  })

  routes.post('/oauth/token', async (c) => {
    if (!isClient(c, client))
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed')
    const form = await c.req.parseBody()
    const apiDomain = new URL(c.req.url).origin
    if (form.grant_type === 'authorization_code') {
      const grant = grants.redeemCode(
        field(form, 'code'),
        field(form, 'redirect_uri'),
        client.scope
      )
      if (grant === undefined)
        return oauthError(c, 400, 'invalid_grant', 'Invalid or expired authorization code')
      return c.json(grants.answer(grant, apiDomain))
    }
    if (form.grant_type === 'refresh_token') {
      const grant = grants.refresh(field(form, 'refresh_token'))
      if (grant === undefined)
        return oauthError(c, 400, 'invalid_grant', 'Invalid or revoked refresh token')
      return c.json(grants.answer(grant, apiDomain))
    }
    return oauthError(c, 400, 'unsupported_grant_type', 'Unsupported grant type')
  })

  routes.post('/oauth/revoke', async (c) => {
    if (!isClient(c, client))
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed')
    const form = await c.req.parseBody()
    const hint = form.token_type_hint === 'access_token' ? 'access_token' : 'refresh_token'
    grants.revoke(field(form, 'token'), hint)
    return c.body(null, 200)
  })

  return routes
}
