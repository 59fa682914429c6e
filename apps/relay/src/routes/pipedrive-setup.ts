/**
 * @module routes/pipedrive-setup
 * The setup page that links a Pipedrive company to a relay tenant. Two proofs are needed: a signed
 * ticket for the company (handed out only after a verified Pipedrive install or panel request) and
 * one of the tenant's API keys (which only the tenant's admins hold). With both, the company's
 * panels read that tenant's Intilery data.
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import { z } from 'zod'

import { RelayError } from '../errors.ts'
import { errorPage, htmlPage, pageHeaders } from '../http/html-page.ts'
import type { PipedriveEnv } from '../http/pipedrive-viewer.ts'
import type { ApiKeyVerifier, TenantDirectory } from '../ports.ts'
import type { PipedriveDeps } from '../pipedrive/pipedrive-deps.ts'
import type { LinkSigner } from '../pipedrive/signed-links.ts'

/** How long a setup link from an install stays usable. */
export const SETUP_TICKET_SECONDS = 30 * 60

export async function setupUrl(
  links: LinkSigner,
  publicUrl: string,
  viewer: { readonly companyId: string; readonly userId: string }
): Promise<string> {
  const ticket = await links.sign('setup', { ...viewer }, SETUP_TICKET_SECONDS)
  return `${publicUrl}/pipedrive/setup?ticket=${encodeURIComponent(ticket)}`
}

const linkForm = z.object({
  ticket: z.string().min(1).max(4096),
  apiKey: z.string().trim().min(1).max(512),
})

export function pipedriveSetupRoutes(deps: {
  readonly pipedrive: PipedriveDeps
  readonly tenants: TenantDirectory
  readonly apiKeys: ApiKeyVerifier
  readonly links: LinkSigner
}) {
  const routes = new Hono<PipedriveEnv>()
  routes.use('*', pageHeaders)
  routes.onError((error, c) => errorPage(c, error))

  const companyOf = async (ticket: string | undefined) => {
    if (ticket === undefined) throw new RelayError('bad_request', 'This page needs its link')
    const claims = await deps.links.verify('setup', ticket)
    const companyId = claims.companyId
    if (companyId === undefined || companyId === '')
      throw new RelayError('bad_request', 'This link names no company')
    return companyId
  }

  const form = (ticket: string, problem?: string) =>
    html`${problem === undefined ? '' : html`<p class="error">${problem}</p>`}
      <form method="post">
        <input type="hidden" name="ticket" value="${ticket}" />
        <label for="apiKey">Relay API key of your Intilery workspace</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="off" required />
        <p class="muted">
          Your relay operator creates one with <code>pnpm relay keys create</code>. It is checked
          once and not stored with the link.
        </p>
        <button type="submit">Link this Pipedrive company</button>
      </form>`

  routes.get('/', async (c) => {
    const ticket = c.req.query('ticket')
    const companyId = await companyOf(ticket)
    const tenant = await deps.tenants.findByPipedriveCompany(companyId)
    const installed = await deps.pipedrive.installations.anyConnected(companyId)
    const status = html`<p>
      Pipedrive company <strong>${companyId}</strong>:
      ${installed === undefined ? 'no connected Pipedrive user yet' : 'Pipedrive is connected'};
      ${tenant === undefined ? 'not linked to Intilery yet.' : html`linked to <strong>${tenant.name}</strong>.`}
    </p>`
    if (tenant !== undefined)
      return htmlPage(
        c,
        200,
        'Intilery is connected',
        html`${status}
          <p>Open a person, deal or organization in Pipedrive to see its Intilery customer.</p>`
      )
    return htmlPage(c, 200, 'Connect Intilery', html`${status}${form(ticket ?? '')}`)
  })

  routes.post('/', async (c) => {
    const parsed = linkForm.safeParse(await c.req.parseBody().catch(() => ({})))
    if (!parsed.success) throw new RelayError('bad_request', 'Give the link and an API key')
    const { ticket, apiKey } = parsed.data
    const companyId = await companyOf(ticket)
    const grant = await deps.apiKeys.verify(apiKey)
    if (grant === undefined)
      return htmlPage(c, 401, 'Connect Intilery', form(ticket, 'That API key is not valid.'))
    await deps.pipedrive.companies.link(grant.tenantId, companyId)
    const tenant = await deps.tenants.get(grant.tenantId)
    return htmlPage(
      c,
      200,
      'Intilery is connected',
      html`<p>
          Pipedrive company <strong>${companyId}</strong> now reads Intilery workspace
          <strong>${tenant?.name ?? grant.tenantId}</strong>.
        </p>
        <p>Open a person, deal or organization in Pipedrive to see its customer.</p>`
    )
  })

  return routes
}
