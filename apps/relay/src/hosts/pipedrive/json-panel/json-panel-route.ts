/**
 * @module hosts/pipedrive/json-panel/json-panel-route
 * `GET /pipedrive/v1/panel`: Pipedrive's JSON panel request. Pipedrive signs `token` (HS256, the
 * panel's JWT secret or the client secret) with the viewer's `userId` and `companyId`, which must
 * equal the query's; with HTTP Auth configured it also sends Basic credentials. Answers are JSON
 * panels (json-panel.ts for a person or a deal, account-rollup.ts for an organization) or
 * Pipedrive's error format, in the viewer's language (panel-locale.ts), well inside its 10 s
 * timeout (the request deadline, which every Pipedrive and Intilery call shares).
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi'
import type { Context } from 'hono'

import type { DisplayFor } from '../../../customers/panel-display.ts'
import type { Hs256Check } from '../../../platform/auth/hs256.ts'
import { RelayError, UnauthenticatedError } from '../../../platform/errors.ts'
import type { ReadAuditor } from '../../../platform/http/audit.ts'
import { requireBasicAuth } from '../../../platform/http/basic-auth.ts'
import { noteFailure } from '../../../platform/http/failure-note.ts'
import { documentedRoutes } from '../../../platform/openapi/documented-routes.ts'
import { pipedriveCaller, type PipedriveEnv } from '../pipedrive-viewer.ts'
import type { ChoiceMemoryStore, TenantDirectory, Tenant, UpstreamReads } from '../../../ports.ts'
import type { AuditedRead } from '../find-customer.ts'
import { intileryCustomersUrl } from '../intilery-links.ts'
import { accountPanel } from './account-rollup.ts'
import { noCustomer, type JsonPanelOptions } from './json-panel.ts'
import { panelFailure } from './json-panel-error.ts'
import { panelLocale } from './panel-locale.ts'
import { safePanel, type JsonPanel } from './panel-objects.ts'
import { lookUpPeople } from './people-lookup.ts'
import { personPanel, rememberedChoice } from './person-panel.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { queryParam } from '../pipedrive-route-docs.ts'
import { openSession } from '../pipedrive-session.ts'
import { verifyPipedriveToken } from '../pipedrive-token.ts'

const pipedriveId = z.string().regex(/^\d{1,20}$/, 'must be a Pipedrive id')

export const panelQuerySchema = z.object({
  resource: queryParam(z.enum(['person', 'deal', 'organization'])).describe(
    '`person`, `deal` or `organization`'
  ),
  view: queryParam(z.literal('details').optional()).describe('`details`'),
  userId: queryParam(pipedriveId).describe(
    'The viewer’s Pipedrive user id (must equal the token’s)'
  ),
  companyId: queryParam(pipedriveId).describe('The viewer’s company id (must equal the token’s)'),
  /** Detail views send one id; the first is the record shown. */
  selectedIds: queryParam(
    z
      .string()
      .regex(/^\d{1,15}(,\d{1,15})*$/, 'must be Pipedrive ids')
      .transform((ids) => Number(ids.split(',')[0]))
  ).describe('The record shown'),
  isShared: queryParam(z.enum(['true', 'false']).optional()).describe(
    '`true` for a viewer who never installed the app'
  ),
  // No length limit here: the verifier refuses a token over 4096 characters as unauthenticated (401).
  token: queryParam(z.string().min(1)).describe(
    'Pipedrive’s JWT (the pipedrivePanelToken scheme); one over 4096 characters is refused (401)'
  ),
})

/** Answers in Pipedrive's JSON panel formats, never the relay's: Pipedrive renders them. */
const panelAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' as const } } },
})

const panelRoute = createRoute({
  method: 'get',
  path: '/panel',
  summary:
    'Pipedrive’s JSON panel request: the customer (a person’s or deal’s) or the account (an organization’s people rolled up) as panel objects (apps/pipedrive/json-panel/data-structure.json), or Pipedrive’s error format; text in the best of the seven locales for the request’s Accept-Language, else English',
  security: [{ pipedrivePanelToken: [] }],
  request: { query: panelQuerySchema },
  responses: {
    200: panelAnswer('{ data: [...], external_link }'),
    400: panelAnswer('{ error: { title: "Bad request" } }: not a Pipedrive panel request'),
    401: panelAnswer('{ error: { title: "Not authorized" } }'),
    403: panelAnswer('{ error: { title, subtitle, action } }: connect or reconnect'),
    409: panelAnswer('{ error: { title, subtitle } }: Intilery refused the relay’s credentials'),
    429: panelAnswer('{ error: { title, subtitle } }: too many requests'),
    503: panelAnswer('{ error: { title, subtitle } }: Intilery or Pipedrive did not answer'),
  },
})

export interface JsonPanelRouteDeps {
  readonly pipedrive: PipedriveDeps
  readonly tenants: TenantDirectory
  readonly upstreamFor: (tenant: Tenant) => UpstreamReads
  readonly auditor: ReadAuditor
  readonly now: () => number
  readonly hs256?: Hs256Check | undefined
  /** The tenant's presentation and record link (absent: the defaults, the customers page). */
  readonly displayFor?: DisplayFor | undefined
  /** The reps' remembered choices, which the custom panel keeps per company and record. */
  readonly choices?: ChoiceMemoryStore | undefined
}

export function jsonPanelRoute(deps: JsonPanelRouteDeps) {
  const { settings } = deps.pipedrive
  const routes = documentedRoutes<PipedriveEnv>()
  const fixLinks = { connectPipedrive: `${settings.publicUrl}/pipedrive/oauth/start` }

  /**
   * Any failure as Pipedrive's error format (json-panel-error.ts), never the relay's, in the
   * viewer's language.
   */
  const failed = async (c: Context, error: unknown) => {
    noteFailure(c, error)
    const locale = await panelLocale(c.req.header('accept-language'))
    const failure = panelFailure(error, fixLinks, locale)
    return c.json(failure.body, failure.status, { 'cache-control': 'no-store' })
  }
  /** Checked before the query is: a caller without credentials learns nothing about its query. */
  const checkCredentials = async (c: Context) => {
    if (settings.panelBasicAuth !== undefined)
      await requireBasicAuth(c.req.header('authorization'), settings.panelBasicAuth)
    const token = c.req.query('token')
    if (token === undefined || token === '') throw new UnauthenticatedError('missing_token')
  }

  // Answers are returned `as never`: Pipedrive's formats are documented as plain objects, which the
  // route typing cannot check them against (json-panel-validator checks them in the tests).
  const panelRequest: RouteHandler<typeof panelRoute, PipedriveEnv> = async (c) => {
    try {
      await checkCredentials(c)
      const q = c.req.valid('query')
      const viewer = await verifyPipedriveToken(
        q.token,
        settings.panelJwtSecret,
        { companyId: q.companyId, userId: q.userId },
        Math.floor(deps.now() / 1000),
        deps.hs256
      )
      // One deadline for every call this answer needs, Pipedrive's and Intilery's alike.
      const signal = c.get('deadline')()
      const session = await openSession(
        deps.pipedrive,
        deps.tenants,
        { ...viewer, isShared: q.isShared === 'true' },
        { signal }
      )
      const caller = pipedriveCaller(session.tenant, viewer)
      const upstream = deps.upstreamFor(session.tenant)
      // Kept per reading installation: Pipedrive shows each user only what they may see.
      const subject = await deps.pipedrive.subjects.resolve(
        session.installation,
        session.crm,
        q.resource,
        q.selectedIds
      )
      const audited: AuditedRead = (ref, read) =>
        deps.auditor.audited(caller, ref, c.get('requestId'), read)
      const [locale, display] = await Promise.all([
        panelLocale(c.req.header('accept-language')),
        deps.displayFor?.(session.tenant),
      ])
      const options: JsonPanelOptions = {
        profileUrl: intileryCustomersUrl(session.tenant.intilery),
        recordUrl: display?.recordUrl,
        pipedriveUrl: session.installation.apiDomain,
        now: deps.now(),
        locale,
        presentation: display?.presentation,
      }
      let panel: JsonPanel
      if (subject.reason !== undefined) panel = noCustomer(subject, options.locale)
      else if (q.resource === 'organization')
        panel = accountPanel(
          subject,
          await lookUpPeople(upstream, subject.people ?? [], audited, { signal }),
          options
        )
      else {
        const { choices } = deps
        const record = { resource: q.resource, id: q.selectedIds }
        panel = await personPanel(upstream, subject, audited, signal, options, (found) =>
          choices === undefined
            ? Promise.resolve(undefined)
            : rememberedChoice(choices, caller, record, subject, found)
        )
      }
      return c.json(safePanel(panel), 200, { 'cache-control': 'no-store' }) as never
    } catch (error) {
      return (await failed(c, error)) as never
    }
  }
  // This route's own hook, not the relay's default (a `bad_request` in the relay's format): a
  // query that fails its schema answers in Pipedrive's format, after the same credential checks
  // the handler makes first, so every request answers exactly as when the handler parsed it.
  const refuseBadQuery = async (c: Context) => {
    try {
      await checkCredentials(c)
      throw new RelayError('bad_request', 'Not a Pipedrive panel request')
    } catch (error) {
      return await failed(c, error)
    }
  }
  routes.openapi(panelRoute, panelRequest, (result, c) =>
    // The validator awaits a hook's answer, although the hook's type names only a plain one.
    result.success ? undefined : (refuseBadQuery(c) as never)
  )

  return routes
}
