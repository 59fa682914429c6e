/**
 * @module hosts/zendesk/webhooks/webhook-routes
 * `POST /zendesk/v1/webhooks?subdomain=<sub>`: Zendesk's trigger-based webhook. A signed delivery
 * becomes at most one OutboxMessage, stored durably before the answer, so Zendesk is told 200 only
 * once nothing can be lost. Each refusal stores nothing: 401 unsigned, 413 too large, 400 not a
 * trigger body, 403 write-back off for the tenant, 503 no outbox on this relay or a store that
 * could not write (with Retry-After, so Zendesk tries again). A repeated invocation is answered
 * 200 at once (Zendesk then stops retrying) and stores nothing new.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { zendeskTriggerBodySchema } from '@intilery-connect/core'
import { bodyLimit } from 'hono/body-limit'

import { RelayError } from '../../../platform/errors.ts'
import { errorResponse } from '../../../platform/http/error-response.ts'
import {
  documentedRoutes,
  errorBody,
  jsonContent,
} from '../../../platform/openapi/documented-routes.ts'
import { WritebackDisabledError, type EnqueueResult } from '../../../writeback/outbox-port.ts'
import type { HostAppDeps } from '../../host-module.ts'
import { parseTriggerBody } from './trigger-body.ts'
import { triggerMessages } from './trigger-messages.ts'
import { WEBHOOK_PATH, writebackOnCommand } from './webhook-endpoint.ts'
import {
  zendeskWebhookAuth,
  type ZendeskWebhookEnv,
  type ZendeskWebhookStores,
} from './webhook-auth.ts'

/**
 * Zendesk caps a trigger's payload at about 16,000 characters, and the body webhook-setup prints
 * is well under 1 KB rendered: anything larger is not one of our deliveries.
 */
export const MAX_WEBHOOK_BYTES = 16 * 1024

export const WEBHOOK_SECURITY = 'zendeskWebhookSignature'

const answerSchema = z
  .object({
    stored: z.number().int().describe('Events stored for delivery to Intilery now'),
    duplicates: z.number().int().describe('Events the outbox already had (a redelivery)'),
    repeated: z
      .boolean()
      .optional()
      .describe('The invocation was handled before: nothing was looked at again'),
    ignored: z
      .enum(['no_rating', 'no_requester'])
      .optional()
      .describe(
        'Why the delivery made no event: a rating that is not good or bad, or no requester id or email'
      ),
  })
  .openapi('ZendeskWebhookAnswer')
type Answer = z.infer<typeof answerSchema>

const declared = createRoute({
  method: 'post',
  path: WEBHOOK_PATH,
  summary:
    'Zendesk trigger webhook: a ticket created, solved, reopened or rated becomes an event on the customer’s Intilery timeline',
  description:
    'Signed by Zendesk: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(signing secret, `X-Zendesk-Webhook-Signature-Timestamp` + raw body)); the timestamp must be within 5 minutes. The body is the one `relay zendesk webhook-setup` prints for each trigger.',
  security: [{ [WEBHOOK_SECURITY]: [] }],
  request: {
    query: z.object({
      subdomain: z.string().describe('The Zendesk subdomain (`acme` of acme.zendesk.com)'),
    }),
    headers: z.object({
      'x-zendesk-webhook-signature-timestamp': z.string().describe('ISO-8601 UTC'),
      'x-zendesk-webhook-invocation-id': z
        .string()
        .optional()
        .describe('The same on every attempt of one delivery: a repeat is answered 200'),
    }),
    // Documentation only (core's zod/mini schema as JSON Schema): the handler parses the raw
    // bytes the signature covers, never a re-serialised body.
    body: { content: jsonContent(zendeskTriggerBodySchema), required: true },
  },
  responses: {
    200: {
      description: 'Stored for delivery (or a repeat, or nothing to send); Zendesk stops here',
      content: { 'application/json': { schema: answerSchema } },
    },
    400: errorBody('`bad_request`: not JSON, or not a trigger body webhook-setup printed'),
    401: errorBody(
      '`unauthenticated`: no or wrong signature, a timestamp more than 5 minutes off, or a subdomain the relay has no signing secret for'
    ),
    403: errorBody(
      '`forbidden`: write-back is off for the tenant (the message says how to turn it on)'
    ),
    413: errorBody('`payload_too_large`: over 16 KB, not a trigger body'),
    503: errorBody(
      '`upstream_unavailable`: the store could not take the event (Retry-After: Zendesk retries), or write-back is not set up on this relay'
    ),
  },
})

function writebackOff(tenantId: string): RelayError {
  return new RelayError(
    'forbidden',
    `Write-back is off for tenant ${tenantId}: nothing was stored. An operator turns it on with \`${writebackOnCommand(tenantId)}\`.`
  )
}

const NOTHING: EnqueueResult = { stored: 0, duplicates: 0 }

/** Seconds Zendesk is asked to wait before retrying a delivery the store could not take. */
const STORE_RETRY_AFTER_S = 10

/** The webhook's routes (mounted under `/zendesk/v1`), each behind the signature check. */
export function zendeskWebhookRoutes(app: HostAppDeps, stores: ZendeskWebhookStores | undefined) {
  const routes = documentedRoutes<ZendeskWebhookEnv>()
  routes.openAPIRegistry.registerComponent('securitySchemes', WEBHOOK_SECURITY, {
    type: 'apiKey',
    in: 'header',
    name: 'X-Zendesk-Webhook-Signature',
    description:
      'base64(HMAC-SHA256(the webhook’s signing secret, X-Zendesk-Webhook-Signature-Timestamp + raw body))',
  })
  routes.use(
    WEBHOOK_PATH,
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          new RelayError('payload_too_large', 'The body is over 16 KB: not a trigger body')
        ),
    }),
    zendeskWebhookAuth(app.tenants, app.now, stores)
  )

  routes.openapi(declared, async (c) => {
    const { tenant, subdomain, invocationId, body } = c.get('zendeskDelivery')
    if (invocationId !== undefined && (await stores?.invocations.seen(subdomain, invocationId)))
      return c.json({ ...NOTHING, repeated: true } satisfies Answer, 200)
    const outcome = triggerMessages(subdomain, parseTriggerBody(body))
    const outbox = app.outbox
    if (outbox === undefined)
      throw new RelayError('upstream_unavailable', 'Write-back is not set up on this relay')
    if (!(await outbox.isEnabled(tenant.id))) throw writebackOff(tenant.id)
    let result = NOTHING
    try {
      if (outcome.messages.length > 0) result = await outbox.enqueue(tenant.id, outcome.messages)
    } catch (error) {
      // Turned off between the check and the write: still nothing stored.
      if (error instanceof WritebackDisabledError) throw writebackOff(tenant.id)
      // Zendesk retries a 503 only with a Retry-After under a minute, and never a 500.
      throw new RelayError('upstream_unavailable', 'The relay could not store the event', {
        cause: error,
        retryAfter: STORE_RETRY_AFTER_S,
      })
    }
    // After the messages are stored, never before: a failure in between must let Zendesk retry.
    if (invocationId !== undefined) await stores?.invocations.record(subdomain, invocationId)
    const answer: Answer = {
      stored: result.stored,
      duplicates: result.duplicates,
      ...('ignored' in outcome ? { ignored: outcome.ignored } : {}),
    }
    return c.json(answer, 200)
  })
  return routes
}
