/**
 * @module routes/pipedrive-json-panel
 * `GET /pipedrive/v1/panel`: Pipedrive's JSON panel request. Pipedrive signs `token` (HS256, the
 * panel's JWT secret or the client secret) with the viewer's `userId` and `companyId`, which must
 * equal the query's; with HTTP Auth configured it also sends Basic credentials. Answers are JSON
 * panels (pipedrive/json-panel.ts) or Pipedrive's error format, well inside its 10 s timeout (the
 * request deadline).
 */
import { Hono } from 'hono'
import { z } from 'zod'

import type { Hs256Check } from '../../../platform/auth/hs256.ts'
import { RelayError, UnauthenticatedError } from '../../../platform/errors.ts'
import type { ReadAuditor } from '../../../platform/http/audit.ts'
import { requireBasicAuth } from '../../../platform/http/basic-auth.ts'
import { pipedriveCaller, type PipedriveEnv } from '../pipedrive-viewer.ts'
import type { TenantDirectory, Tenant, UpstreamReads } from '../../../ports.ts'
import { findCustomer } from '../find-customer.ts'
import { intileryCustomersUrl } from '../intilery-links.ts'
import { jsonPanel } from './json-panel.ts'
import { panelFailure } from './json-panel-error.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { openSession } from '../pipedrive-session.ts'
import { verifyPipedriveToken } from '../pipedrive-token.ts'

const pipedriveId = z.string().regex(/^\d{1,20}$/, 'must be a Pipedrive id')

export const panelQuerySchema = z.object({
  resource: z.enum(['person', 'deal', 'organization']),
  view: z.literal('details').optional(),
  userId: pipedriveId,
  companyId: pipedriveId,
  /** Detail views send one id; the first is the record shown. */
  selectedIds: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15})*$/, 'must be Pipedrive ids')
    .transform((ids) => Number(ids.split(',')[0])),
  isShared: z.enum(['true', 'false']).optional(),
  token: z.string().min(1).max(4096),
})

export interface JsonPanelRouteDeps {
  readonly pipedrive: PipedriveDeps
  readonly tenants: TenantDirectory
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  readonly auditor: ReadAuditor
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
}

export function jsonPanelRoute(deps: JsonPanelRouteDeps) {
  const { settings } = deps.pipedrive
  const routes = new Hono<PipedriveEnv>()

  routes.get('/panel', async (c) => {
    try {
      if (settings.panelBasicAuth !== undefined)
        requireBasicAuth(c.req.header('authorization'), settings.panelBasicAuth)
      const raw = c.req.query()
      if (raw.token === undefined || raw.token === '')
        throw new UnauthenticatedError('missing_token')
      const parsed = panelQuerySchema.safeParse(raw)
      if (!parsed.success) throw new RelayError('bad_request', 'Not a Pipedrive panel request')
      const q = parsed.data
      const viewer = await verifyPipedriveToken(
        q.token,
        settings.panelJwtSecret,
        { companyId: q.companyId, userId: q.userId },
        Math.floor(deps.now() / 1000),
        deps.hs256
      )
      const session = await openSession(deps.pipedrive, deps.tenants, {
        ...viewer,
        isShared: q.isShared === 'true',
      })
      const caller = pipedriveCaller(session.tenant, viewer)
      const upstream = deps.upstreamFor(session.tenant)
      const signal = c.get('deadline')()
      const subject = await deps.pipedrive.subjects.resolve(
        viewer.companyId,
        session.crm,
        q.resource,
        q.selectedIds
      )
      const found = await findCustomer(
        upstream,
        subject.emails,
        (ref, read) => deps.auditor.audited(caller, ref, c.get('requestId'), read),
        { signal }
      )
      const panel = jsonPanel(subject, found, {
        profileUrl: intileryCustomersUrl(session.tenant.intilery),
        now: deps.now(),
      })
      return c.json(panel, 200, { 'cache-control': 'no-store' })
    } catch (error) {
      const failure = panelFailure(error, {
        connectPipedrive: `${settings.publicUrl}/pipedrive/oauth/start`,
      })
      return c.json(failure.body, failure.status, { 'cache-control': 'no-store' })
    }
  })

  return routes
}
