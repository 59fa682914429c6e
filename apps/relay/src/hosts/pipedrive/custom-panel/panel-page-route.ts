/**
 * @module hosts/pipedrive/custom-panel/panel-page-route
 * `GET /pipedrive/panel`: the custom panel's page, which Pipedrive loads in an iframe with a `token`
 * signed by the custom panel's JWT secret whose `userId`/`companyId` must equal the query's. The
 * page is served only then, with a per-request nonce on its inlined script and style, nothing else
 * allowed to run or load, and framing allowed only to Pipedrive (and configured extra hosts, such
 * as the sandbox's stand-in).
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'

import type { Hs256Check } from '../../../platform/auth/hs256.ts'
import { RelayError } from '../../../platform/errors.ts'
import { noteFailure } from '../../../platform/http/failure-note.ts'
import { documentedRoutes } from '../../../platform/openapi/documented-routes.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { queryParam, textAnswer } from '../pipedrive-route-docs.ts'
import { verifyPipedriveToken } from '../pipedrive-token.ts'

export const PANEL_PAGE_PATH = '/pipedrive/panel'
export const NONCE_PLACEHOLDER = '__CSP_NONCE__'
export const PIPEDRIVE_FRAME_ANCESTOR = 'https://*.pipedrive.com'

const pipedriveId = z.string().regex(/^\d{1,20}$/)
const pageQuery = z.object({
  userId: queryParam(pipedriveId).describe(
    'The viewer’s Pipedrive user id (must equal the token’s)'
  ),
  companyId: queryParam(pipedriveId).describe('The viewer’s company id (must equal the token’s)'),
  // No length limit here: the verifier refuses a token over 4096 characters (401, bad token).
  token: queryParam(z.string().min(1)).describe(
    'Pipedrive’s JWT; one over 4096 characters is refused (401)'
  ),
})

const pageRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'The custom panel page (HTML), served only with a valid `token`',
  security: [{ pipedrivePageToken: [] }],
  request: { query: pageQuery },
  responses: {
    200: textAnswer('The page', 'text/html'),
    400: textAnswer('Not a request from Pipedrive’s panel', 'text/plain'),
    401: textAnswer('Bad token', 'text/plain'),
    503: textAnswer('The custom panel is not built on this relay', 'text/plain'),
  },
})

/** Refusals are a sentence for whoever opened the page, never the relay's JSON. */
const refusal = (c: Context, status: 400 | 401 | 503, message: string) =>
  c.text(message, status, { 'cache-control': 'no-store' })
const NOT_FROM_PIPEDRIVE = 'This page is the Intilery panel inside Pipedrive.'

export function panelPageRoute(deps: {
  readonly pipedrive: PipedriveDeps
  readonly frameAncestors: readonly string[]
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
}) {
  const routes = documentedRoutes<PipedriveEnv>()
  routes.use(
    '*',
    secureHeaders({
      xFrameOptions: false,
      referrerPolicy: 'no-referrer',
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: [PIPEDRIVE_FRAME_ANCESTOR, ...deps.frameAncestors],
      },
    })
  )
  const pageRequest: RouteHandler<typeof pageRoute, PipedriveEnv> = async (c) => {
    const q = c.req.valid('query')
    try {
      await verifyPipedriveToken(
        q.token,
        deps.pipedrive.settings.customPanelJwtSecret,
        { companyId: q.companyId, userId: q.userId },
        Math.floor(deps.now() / 1000),
        deps.hs256
      )
    } catch (error) {
      noteFailure(c, error)
      if (error instanceof RelayError)
        return refusal(c, 401, 'Pipedrive’s signature on this panel could not be verified. Reload.')
      throw error
    }
    const page = deps.pipedrive.panelPage()
    if (page === undefined)
      return refusal(c, 503, 'The custom panel is not built on this relay (apps/pipedrive build).')
    const nonce = c.get('secureHeadersNonce') ?? ''
    return c.html(page.replaceAll(NONCE_PLACEHOLDER, nonce), 200, {
      'cache-control': 'no-store',
    })
  }
  // This route's own hook: a page answers a bad query with its sentence, as it always has.
  routes.openapi(pageRoute, pageRequest, (result, c) =>
    result.success ? undefined : refusal(c, 400, NOT_FROM_PIPEDRIVE)
  )
  return routes
}
