/**
 * @module hosts/pipedrive/install/oauth-routes
 * The Pipedrive install lifecycle on the app's one callback URL:
 * - `GET /pipedrive/oauth/start` sends the user to Pipedrive's consent page with a signed,
 *   expiring `state`, also kept in a cookie so the callback answers this browser's own install
 *   (set Developer Hub's Installation URL to it, so Marketplace installs start here too); the
 *   callback accepts each state once (used-states.ts), so a replayed callback URL is refused;
 * - `GET /pipedrive/oauth/callback` exchanges the code, asks Pipedrive who installed, stores the
 *   installation's tokens sealed, and continues to the setup page;
 * - `DELETE` (uninstall, Basic client credentials) deletes that installation and its tokens;
 * - `POST` (panel visibility changes, same credentials; Basic auth there is our inference, as for
 *   `DELETE`) records whether the user shares the panels, which decides whether viewers who never
 *   installed may read through that user's installation.
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { html } from 'hono/html'

import { RelayError } from '../../../platform/errors.ts'
import { requireBasicAuth } from '../../../platform/http/basic-auth.ts'
import { htmlPage, pageHeaders } from '../../../platform/http/html-page.ts'
import { documentedRoutes, errorBody } from '../../../platform/openapi/documented-routes.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { PIPEDRIVE } from '../pipedrive-links.ts'
import { bodyFrom, queryParam, textAnswer } from '../pipedrive-route-docs.ts'
import type { LinkSigner } from './signed-links.ts'
import { PipedriveCallError } from '../api/pipedrive-port.ts'
import type { TenantDirectory } from '../../../ports.ts'
import { setupUrl } from './setup-routes.ts'
import type { SubscribeOutcome } from '../webhooks/subscribe-webhooks.ts'

const STATE_COOKIE = 'intilery_pipedrive_state'
/** Long enough to read Pipedrive's consent page; the code itself lives 5 minutes. */
const STATE_SECONDS = 10 * 60

const callbackQuery = z.object({
  code: queryParam(z.string().min(1).max(2048).optional()).describe(
    'The authorization code, after consent'
  ),
  state: queryParam(z.string().min(1).max(4096).optional()).describe(
    'The signed state /start sent to Pipedrive'
  ),
  error: queryParam(z.string().max(200).optional()).describe(
    'Set instead of `code` when the user declined'
  ),
})

const idValue = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)])
const uninstallBody = z.object({
  client_id: z.string().min(1),
  company_id: idValue,
  user_id: idValue,
  timestamp: z.union([z.number(), z.string()]).optional(),
})
const visibilityBody = z.object({
  company_id: idValue,
  user_id: idValue,
  isShared: z.boolean(),
})

const redirect = (description: string) => ({
  description,
  headers: { location: { schema: { type: 'string' as const } } },
})
/** Pipedrive's notices: refused without its client credentials, then if the body is not one. */
const notice = (ok: string, notOne: string) => ({
  204: { description: ok },
  400: errorBody(`\`bad_request\`: ${notOne}`),
  401: errorBody('Not Pipedrive: no or wrong client credentials'),
})

const startRoute = createRoute({
  method: 'get',
  path: '/start',
  summary: 'Starts an install: redirects to Pipedrive’s consent page with a signed state',
  security: [],
  responses: { 302: redirect('To Pipedrive') },
})
const callbackRoute = createRoute({
  method: 'get',
  path: '/callback',
  summary: 'Pipedrive’s redirect after consent: code exchange, then the setup page',
  security: [],
  request: { query: callbackQuery },
  responses: {
    200: textAnswer('A page', 'text/html'),
    302: redirect('To setup (or to /start when Pipedrive sent no state)'),
    400: textAnswer('A page: not a Pipedrive callback, or the install link expired', 'text/html'),
  },
})
const uninstallRoute = createRoute({
  method: 'delete',
  path: '/callback',
  summary: 'Pipedrive’s uninstall notice: deletes the installation',
  security: [{ pipedriveClient: [] }],
  request: { body: bodyFrom('application/json', uninstallBody) },
  responses: notice('Deleted', 'not an uninstall notice for this app'),
})
const visibilityRoute = createRoute({
  method: 'post',
  path: '/callback',
  summary: 'Pipedrive’s visibility notice: whether the user shares the panels',
  security: [{ pipedriveClient: [] }],
  request: { body: bodyFrom('application/json', visibilityBody) },
  responses: notice('Recorded', 'not a visibility notice'),
})

/** What the install page says about the write-back's webhooks when subscribing them failed. */
function webhooksNote(outcome: SubscribeOutcome) {
  if (outcome.status !== 'failed') return html``
  return html`<p class="error">
    Intilery could not subscribe to this company’s deal and person changes (${outcome.reason}), so
    nothing from Pipedrive reaches Intilery’s timeline yet. The panels work. Install the app again
    to retry, or ask the relay’s operator.
  </p>`
}

export function pipedriveOAuthRoutes(deps: {
  readonly pipedrive: PipedriveDeps
  readonly tenants: TenantDirectory
  readonly links: LinkSigner
  readonly now: () => number
}) {
  const { settings, api, installations } = deps.pipedrive
  const secure = settings.publicUrl.startsWith('https:')
  const clientCredentials = `${settings.clientId}:${settings.clientSecret}`
  const routes = documentedRoutes<PipedriveEnv>()
  routes.use('/start', pageHeaders)
  routes.on('GET', '/callback', pageHeaders)

  /** The code's tokens and who installed; both calls share the request's deadline. */
  const exchangeAndAsk = async (code: string, signal: AbortSignal) => {
    const tokens = await api.oauth.exchangeCode(code, { signal })
    const crm = api.crm(tokens.api_domain, () => Promise.resolve(tokens.access_token), { signal })
    return { tokens, me: await crm.me() }
  }

  routes.openapi(startRoute, async (c) => {
    const nonce = crypto.randomUUID()
    const state = await deps.links.sign('oauth_state', { nonce }, STATE_SECONDS)
    setCookie(c, STATE_COOKIE, nonce, {
      httpOnly: true,
      secure,
      sameSite: 'Lax',
      path: '/pipedrive/oauth',
      maxAge: STATE_SECONDS,
    })
    const authorize = new URL('/oauth/authorize', settings.oauthUrl)
    authorize.searchParams.set('client_id', settings.clientId)
    authorize.searchParams.set('redirect_uri', settings.redirectUri)
    authorize.searchParams.set('state', state)
    return c.redirect(authorize.toString(), 302)
  })

  const callback: RouteHandler<typeof callbackRoute, PipedriveEnv> = async (c) => {
    const { code, state, error } = c.req.valid('query')
    if (error !== undefined)
      return htmlPage(
        c,
        200,
        'Install cancelled',
        html`<p>Intilery was not installed in Pipedrive. You can close this tab.</p>`
      )
    // Marketplace installs without an Installation URL arrive with no state: start one here.
    if (state === undefined || code === undefined) return c.redirect('start', 302)
    const { nonce } = await deps.links.verify('oauth_state', state).catch(() => ({ nonce: '' }))
    const cookie = getCookie(c, STATE_COOKIE)
    deleteCookie(c, STATE_COOKIE, { path: '/pipedrive/oauth', secure })
    if (nonce === '' || cookie !== nonce)
      return htmlPage(
        c,
        400,
        'Install link expired',
        html`<p>This install did not start here or took too long.</p>
          <p><a href="start">Start the install again</a>.</p>`
      )
    // Recorded until the state itself would expire: a replay, even after a restart, is refused.
    if (!(await deps.pipedrive.oauthStates.claim(nonce, deps.now() + STATE_SECONDS * 1000)))
      return htmlPage(
        c,
        400,
        'Install link already used',
        html`<p>This install link was already used once. Each one works a single time.</p>
          <p><a href="start">Start the install again</a>.</p>`
      )
    // Both calls obey the request's deadline (and each its own timeout): no hanging install page.
    const signal = c.get('deadline')()
    let installed: Awaited<ReturnType<typeof exchangeAndAsk>>
    try {
      installed = await exchangeAndAsk(code, signal)
    } catch (failure) {
      if (!(failure instanceof PipedriveCallError)) throw failure
      if (failure.failure !== 'untrusted_api_domain')
        // The person is in a browser mid-install: a page, not the relay's JSON error.
        return htmlPage(
          c,
          failure.status,
          'Pipedrive did not complete the install',
          html`<p>
              Pipedrive did not answer as expected
              (${
                failure.failure === 'unavailable'
                  ? 'it did not answer in time'
                  : failure.failure.replaceAll('_', ' ')
              }),
              so Intilery was not installed.
            </p>
            <p><a href="start">Try the install again</a>.</p>`
        )
      return htmlPage(
        c,
        502,
        'Pipedrive answered from an unexpected address',
        html`<p>
            Pipedrive named an API address this relay does not trust, so Intilery was not installed.
          </p>
          <p>
            <a href="start">Try the install again</a>; if this happens again, ask the relay's
            operator to check PIPEDRIVE_API_DOMAINS.
          </p>`
      )
    }
    const { tokens, me } = installed
    const saved = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessExpiresAt: deps.now() + tokens.expires_in * 1000,
      apiDomain: tokens.api_domain,
    }
    await installations.save(me.companyId, me.id, saved)
    // The write-back's webhooks; a failure is told here and kept, but the install stands.
    const webhooks = await deps.pipedrive.webhooks.subscriber.subscribe(
      { ...saved, companyId: me.companyId, userId: me.id, status: 'connected' },
      { signal }
    )
    const webhookNote = webhooksNote(webhooks)
    const tenant = (await deps.tenants.findByLink(PIPEDRIVE, me.companyId))?.tenant
    if (tenant !== undefined)
      return htmlPage(
        c,
        200,
        'Intilery is connected',
        html`<p>
            Pipedrive (${me.companyName || me.companyId}) reads Intilery workspace
            <strong>${tenant.name}</strong>. Open a person, deal or organization to see its
            customer.
          </p>
          ${webhookNote}
          <p>You can close this tab.</p>`
      )
    // Linking a company to a workspace is an admin's decision: only they get a setup link.
    if (!me.isAdmin)
      return htmlPage(
        c,
        200,
        'Almost there',
        html`<p>Your Pipedrive user is connected.</p>
          <p>
            A Pipedrive admin of ${me.companyName || me.companyId} still needs to link the company
            to Intilery: ask them to install the app.
          </p>
          ${webhookNote}`
      )
    return c.redirect(await setupUrl(deps.links, settings.publicUrl, me), 302)
  }
  // This route's own hook: a bad callback is a page for the person in the browser, as before.
  routes.openapi(callbackRoute, callback, (result, c) =>
    result.success ? undefined : htmlPage(c, 400, 'Not a Pipedrive callback', html``)
  )

  // Both notices check their body themselves, after the credentials (pipedrive-route-docs.ts).
  routes.openapi(uninstallRoute, async (c) => {
    await requireBasicAuth(c.req.header('authorization'), clientCredentials)
    const body = uninstallBody.safeParse(await c.req.json().catch(() => undefined))
    if (!body.success || body.data.client_id !== settings.clientId)
      throw new RelayError('bad_request', 'Not an uninstall notice for this app')
    const companyId = String(body.data.company_id)
    await installations.remove(companyId, String(body.data.user_id))
    deps.pipedrive.subjects.forgetCompany(companyId)
    // Pipedrive removes the app's webhooks of a user who uninstalls (webhooks-for-apps); their
    // credentials go too. Another installer of the company, if any, subscribes in their place.
    const { subscriber } = deps.pipedrive.webhooks
    if (await subscriber.forgetUser(companyId, String(body.data.user_id))) {
      const next = await installations.anyConnected(companyId)
      if (next !== undefined) await subscriber.subscribe(next, { signal: c.get('deadline')() })
    }
    return c.body(null, 204)
  })

  routes.openapi(visibilityRoute, async (c) => {
    await requireBasicAuth(c.req.header('authorization'), clientCredentials)
    const body = visibilityBody.safeParse(await c.req.json().catch(() => undefined))
    if (!body.success) throw new RelayError('bad_request', 'Not a visibility notice')
    const { company_id: companyId, user_id: userId, isShared } = body.data
    await installations.setShared(String(companyId), String(userId), isShared)
    return c.body(null, 204)
  })

  return routes
}
