/**
 * @module hosts/pipedrive/install/setup-routes
 * The setup page that links a Pipedrive company to a relay tenant. Two proofs are needed: a signed
 * ticket for the company (handed out only to a Pipedrive admin, right after their install) and one
 * of the tenant's API keys allowed every trait (which only the tenant's admins hold). The page names
 * the company it links, so an admin sent someone else's link sees whose company it is.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { html } from 'hono/html'

import { RelayError } from '../../../platform/errors.ts'
import { errorPage, htmlPage, pageHeaders } from '../../../platform/http/html-page.ts'
import { documentedRoutes } from '../../../platform/openapi/documented-routes.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import type { ApiKeyVerifier, TenantDirectory } from '../../../ports.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { PIPEDRIVE } from '../pipedrive-links.ts'
import type { PipedriveMe } from '../api/pipedrive-port.ts'
import { bodyFrom, queryParam, textAnswer } from '../pipedrive-route-docs.ts'
import type { LinkSigner } from './signed-links.ts'

/** How long a setup link from an admin's install stays usable. */
export const SETUP_TICKET_SECONDS = 15 * 60
/** Wrong API keys one setup link may be tried with before it stops working. */
export const SETUP_ATTEMPTS = 5

/** A setup link for the company of an admin who just installed; it names the company it links. */
export async function setupUrl(
  links: LinkSigner,
  publicUrl: string,
  admin: Pick<PipedriveMe, 'id' | 'companyId' | 'companyName' | 'companyDomain'>
): Promise<string> {
  const ticket = await links.sign(
    'setup',
    {
      companyId: admin.companyId,
      userId: admin.id,
      companyName: admin.companyName,
      companyDomain: admin.companyDomain,
    },
    SETUP_TICKET_SECONDS
  )
  return `${publicUrl}/pipedrive/setup?ticket=${encodeURIComponent(ticket)}`
}

const linkForm = z.object({
  ticket: z.string().min(1).max(4096),
  apiKey: z.string().trim().min(1).max(512),
})

const pageRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The setup page for an admin’s signed link',
  security: [],
  request: {
    query: z.object({
      // The relay's default hook answers a missing one with this message (errorPage, below).
      ticket: queryParam(z.string({ error: 'This page needs its link' })).describe(
        'The signed link from an admin’s install'
      ),
    }),
  },
  responses: {
    200: textAnswer('The page', 'text/html'),
    400: textAnswer('No link', 'text/html'),
    401: textAnswer('Bad link', 'text/html'),
  },
})
const linkRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Links the company to the tenant of an all-traits API key',
  security: [],
  // The handler checks the form: one that is not is the page's own 400 (pipedrive-route-docs.ts).
  request: { body: bodyFrom('application/x-www-form-urlencoded', linkForm) },
  responses: {
    200: textAnswer('Linked', 'text/html'),
    400: textAnswer('Not the setup form', 'text/html'),
    401: textAnswer('Bad key or link', 'text/html'),
    409: textAnswer('The company is linked to another workspace', 'text/html'),
    429: textAnswer('Too many wrong keys for this link', 'text/html'),
  },
})

interface SetupCompany {
  readonly companyId: string
  /** "Acme Trading (acme.pipedrive.com)": what the admin sees they are linking. */
  readonly label: string
}

export function pipedriveSetupRoutes(deps: {
  readonly pipedrive: PipedriveDeps
  readonly tenants: TenantDirectory
  readonly apiKeys: ApiKeyVerifier
  readonly links: LinkSigner
}) {
  const routes = documentedRoutes<PipedriveEnv>()
  routes.use('*', pageHeaders)
  routes.onError((error, c) => errorPage(c, error))
  // Wrong keys per link, in the database: the limit holds across instances and restarts.
  const failures = deps.pipedrive.setupFailures

  const companyOf = async (ticket: string): Promise<SetupCompany> => {
    const claims = await deps.links.verify('setup', ticket)
    const { companyId, companyName = '', companyDomain = '' } = claims
    if (companyId === undefined || companyId === '')
      throw new RelayError('bad_request', 'This link names no company')
    const name = companyName === '' ? `company ${companyId}` : companyName
    return {
      companyId,
      label: companyDomain === '' ? name : `${name} (${companyDomain}.pipedrive.com)`,
    }
  }

  const form = (ticket: string, problem?: string) =>
    html`${problem === undefined ? '' : html`<p class="error">${problem}</p>`}
      <form method="post">
        <input type="hidden" name="ticket" value="${ticket}" />
        <label for="apiKey">Relay API key of your Intilery workspace</label>
        <input id="apiKey" name="apiKey" type="password" autocomplete="off" required />
        <p class="muted">
          A key allowed every trait; your relay operator creates one with
          <code>pnpm relay keys create --all-traits</code>. It is checked once, never stored here.
        </p>
        <button type="submit">Link this Pipedrive company</button>
      </form>`

  routes.openapi(pageRoute, async (c) => {
    const { ticket } = c.req.valid('query')
    const company = await companyOf(ticket)
    if ((await deps.tenants.findByLink(PIPEDRIVE, company.companyId)) !== undefined)
      return htmlPage(
        c,
        200,
        'Intilery is connected',
        html`<p>Pipedrive ${company.label} is linked to an Intilery workspace.</p>`
      )
    return htmlPage(
      c,
      200,
      'Connect Intilery',
      html`<p>Link Pipedrive <strong>${company.label}</strong> to your Intilery workspace.</p>
        ${form(ticket)}`
    )
  })

  routes.openapi(linkRoute, async (c) => {
    const parsed = linkForm.safeParse(await c.req.parseBody().catch(() => ({})))
    if (!parsed.success) throw new RelayError('bad_request', 'Give the link and an API key')
    const { ticket, apiKey } = parsed.data
    const company = await companyOf(ticket)
    // Counted first, forgiven if right: parallel guesses cannot all slip under the limit.
    if ((await failures.add(ticket)) > SETUP_ATTEMPTS)
      return htmlPage(
        c,
        429,
        'Too many attempts',
        html`<p>This link has been tried with too many wrong keys. Install the app again.</p>`
      )
    const grant = await deps.apiKeys.verify(apiKey)
    // A key limited to some traits must not become a way to read whole profiles in Pipedrive.
    if (grant === undefined || grant.traitAllowlist !== '*') {
      return htmlPage(
        c,
        401,
        'Connect Intilery',
        form(ticket, 'That is not an API key allowed every trait of a workspace.')
      )
    }
    await failures.forgive(ticket)
    await deps.pipedrive.companies.link(grant.tenantId, company.companyId)
    const tenant = await deps.tenants.get(grant.tenantId)
    return htmlPage(
      c,
      200,
      'Intilery is connected',
      html`<p>
          Pipedrive ${company.label} now reads Intilery workspace
          <strong>${tenant?.name ?? grant.tenantId}</strong>.
        </p>
        <p>Open a person, deal or organization in Pipedrive to see its customer.</p>`
    )
  })

  return routes
}
