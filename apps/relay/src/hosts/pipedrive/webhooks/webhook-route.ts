/**
 * @module hosts/pipedrive/webhooks/webhook-route
 * `POST /pipedrive/v1/webhooks`: Pipedrive's v2 webhooks for the write-back. In order:
 * 1. HTTP Basic credentials the relay made for one company (webhook-credentials.ts), checked in
 *    constant time: missing, wrong, or unknown is 401 and nothing is read further;
 * 2. the body (at most the relay's 64 KB, app.ts) as a v2 payload: anything else is 400;
 * 3. `meta.company_id` must be the credentials' company: another company's is 401;
 * 4. the sales events (webhook-events.ts) go to the outbox, and the answer (200) waits for it to
 *    have stored them. No Pipedrive call happens here: stage names come from a cache.
 *
 * Write-back off, or a company no tenant links, is answered 200 with the events counted as
 * dropped, not 403: Pipedrive bans a webhook after 10 failed first attempts and deletes one with
 * no success for 3 days, so refusing would leave the company without webhooks (or banned) when an
 * admin turns write-back on. Nothing is stored either way.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { ZodError } from 'zod'

import { UnauthenticatedError, RelayError } from '../../../platform/errors.ts'
import {
  documentedRoutes,
  errorBody,
  jsonContent,
} from '../../../platform/openapi/documented-routes.ts'
import type { TenantDirectory } from '../../../ports.ts'
import {
  WritebackDisabledError,
  type OutboxMessage,
  type OutboxWriter,
} from '../../../writeback/outbox-port.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import { PIPEDRIVE } from '../pipedrive-links.ts'
import { bodyFrom } from '../pipedrive-route-docs.ts'
import type { PipedriveWebhookDeps } from './webhook-deps.ts'
import { salesEventsOf } from './webhook-events.ts'
import { webhookBodySchema } from './webhook-payload.ts'
import { passwordMatches } from './webhook-credentials.ts'

const acknowledged = z.object({
  stored: z.number().int().describe('Events stored in the outbox now'),
  duplicates: z.number().int().describe('Events the outbox already had (a retry)'),
  dropped: z.number().int().describe('Events not kept: write-back is off or nobody’s'),
  reason: z.enum(['writeback_off', 'not_linked']).optional(),
})

const webhookRoute = createRoute({
  method: 'post',
  path: '/webhooks',
  summary: 'Pipedrive’s v2 webhooks (deal created or changed, person created) for the write-back',
  security: [{ pipedriveWebhookBasic: [] }],
  // Checked by the handler after the credentials (pipedrive-route-docs.ts's bodyFrom).
  request: { body: bodyFrom('application/json', webhookBodySchema) },
  responses: {
    200: { description: 'Stored (or counted as dropped)', ...jsonContent(acknowledged) },
    400: errorBody('`bad_request`: not a Pipedrive v2 webhook, or over 64 KB'),
    401: errorBody('No, wrong or another company’s credentials'),
    503: errorBody('`upstream_unavailable`: write-back is not set up on this relay'),
  },
})

/** The company whose credentials the header carries. */
async function companyOf(deps: PipedriveWebhookDeps, header: string | undefined): Promise<string> {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(header ?? '')?.[1]
  let decoded = ''
  try {
    decoded = encoded === undefined ? '' : atob(encoded)
  } catch {
    // Not base64: no user, refused below like any unknown one.
  }
  const colon = decoded.indexOf(':')
  const owner = colon <= 0 ? undefined : await deps.subscriptions.ownerOf(decoded.slice(0, colon))
  // The compare runs for unknown users too, so their answer takes as long as a wrong password.
  const matches = await passwordMatches(decoded.slice(colon + 1), owner?.passwordHash ?? '')
  if (owner === undefined || !matches) throw new UnauthenticatedError('bad_basic_auth')
  return owner.companyId
}

export function pipedriveWebhookRoute(deps: {
  readonly webhooks: PipedriveWebhookDeps
  readonly tenants: TenantDirectory
  readonly outbox?: OutboxWriter | undefined
}) {
  const routes = documentedRoutes<PipedriveEnv>()
  routes.openapi(webhookRoute, async (c) => {
    const companyId = await companyOf(deps.webhooks, c.req.header('authorization'))
    const parsed = webhookBodySchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) throw new RelayError('bad_request', 'Not a Pipedrive v2 webhook')
    const body = parsed.data
    if (body.meta.company_id !== companyId) throw new UnauthenticatedError('company_mismatch')
    let messages: OutboxMessage[]
    try {
      messages = salesEventsOf(body, {
        names: (stageId) => deps.webhooks.stageNames.lookup(companyId, stageId),
        pipedriveUrl: await deps.webhooks.pipedriveUrlOf(companyId),
      })
    } catch (error) {
      if (!(error instanceof ZodError)) throw error
      throw new RelayError('bad_request', `Not a Pipedrive ${body.meta.entity} webhook`)
    }
    const dropped = (reason: 'writeback_off' | 'not_linked') =>
      c.json({ stored: 0, duplicates: 0, dropped: messages.length, reason }, 200)
    if (messages.length === 0) return c.json({ stored: 0, duplicates: 0, dropped: 0 }, 200)
    const tenant = (await deps.tenants.findByLink(PIPEDRIVE, companyId))?.tenant
    if (tenant === undefined) return dropped('not_linked')
    // As the Zendesk webhook: a relay without an outbox is misconfigured, not a tenant's choice.
    if (deps.outbox === undefined)
      throw new RelayError('upstream_unavailable', 'Write-back is not set up on this relay')
    try {
      const result = await deps.outbox.enqueue(tenant.id, messages)
      return c.json({ ...result, dropped: 0 }, 200)
    } catch (error) {
      if (error instanceof WritebackDisabledError) return dropped('writeback_off')
      throw error
    }
  })
  return routes
}
