/**
 * @module routes/pipedrive-panel-page
 * `GET /pipedrive/panel`: the custom panel's page, which Pipedrive loads in an iframe with a `token`
 * signed by the custom panel's JWT secret whose `userId`/`companyId` must equal the query's. The
 * page is served only then, with a per-request nonce on its inlined script and style, nothing else
 * allowed to run or load, and framing allowed only to Pipedrive (and configured extra hosts, such
 * as the sandbox's stand-in).
 */
import { Hono } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { z } from 'zod'

import type { Hs256Check } from '../../../platform/auth/hs256.ts'
import { RelayError } from '../../../platform/errors.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { verifyPipedriveToken } from '../pipedrive-token.ts'

export const PANEL_PAGE_PATH = '/pipedrive/panel'
export const NONCE_PLACEHOLDER = '__CSP_NONCE__'
export const PIPEDRIVE_FRAME_ANCESTOR = 'https://*.pipedrive.com'

const pageQuery = z.object({
  userId: z.string().regex(/^\d{1,20}$/),
  companyId: z.string().regex(/^\d{1,20}$/),
  token: z.string().min(1).max(4096),
})

export function panelPageRoute(deps: {
  readonly pipedrive: PipedriveDeps
  readonly frameAncestors: readonly string[]
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
}) {
  const routes = new Hono<PipedriveEnv>()
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
  routes.get('/', async (c) => {
    const text = (status: 400 | 401 | 503, message: string) =>
      c.text(message, status, { 'cache-control': 'no-store' })
    const parsed = pageQuery.safeParse(c.req.query())
    if (!parsed.success) return text(400, 'This page is the Intilery panel inside Pipedrive.')
    const q = parsed.data
    try {
      await verifyPipedriveToken(
        q.token,
        deps.pipedrive.settings.customPanelJwtSecret,
        { companyId: q.companyId, userId: q.userId },
        Math.floor(deps.now() / 1000),
        deps.hs256
      )
    } catch (error) {
      if (error instanceof RelayError)
        return text(401, 'Pipedrive’s signature on this panel could not be verified. Reload.')
      throw error
    }
    const page = deps.pipedrive.panelPage()
    if (page === undefined)
      return text(503, 'The custom panel is not built on this relay (apps/pipedrive build).')
    const nonce = c.get('secureHeadersNonce') ?? ''
    return c.html(page.replaceAll(NONCE_PLACEHOLDER, nonce), 200, {
      'cache-control': 'no-store',
    })
  })
  return routes
}
