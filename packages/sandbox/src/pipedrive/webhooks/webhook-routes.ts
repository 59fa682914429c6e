/**
 * @module pipedrive/webhooks/webhook-routes
 * `GET /api/v1/webhooks`, `POST /api/v1/webhooks`, `DELETE /api/v1/webhooks/:id` as
 * https://developers.pipedrive.com/docs/api/v1/Webhooks documents them, with v1's envelope
 * (`{ success, status, data }`). Mounted behind the REST routes' token and scope checks
 * (scopes.ts: webhooks:read lists, webhooks:full or admin creates and deletes). Webhooks made
 * through an OAuth token are the app's own (`type: application`): listed only to it.
 */
import { Hono } from 'hono'

import type { Grant } from '../oauth-grants.ts'
import {
  newWebhookSchema,
  WebhookLimitError,
  WebhookRegistry,
  type StoredWebhook,
} from './webhook-registry.ts'

type Env = { Variables: { grant: Grant } }

/** Tokens of the OAuth app own `application` webhooks; personal API tokens `general` ones. */
export const webhookTypeOf = (grant: Grant): StoredWebhook['type'] =>
  grant.personal === true ? 'general' : 'application'

export function webhookRoutes(registry: WebhookRegistry) {
  const routes = new Hono<Env>()
  const mine = (grant: Grant) =>
    registry.ofUser(grant.userId).filter((w) => w.type === webhookTypeOf(grant))

  routes.get('/api/v1/webhooks', (c) =>
    c.json({
      success: true,
      status: 'ok',
      data: mine(c.get('grant')).map((w) => WebhookRegistry.view(w)),
    })
  )

  routes.post('/api/v1/webhooks', async (c) => {
    const body = newWebhookSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!body.success)
      return c.json(
        {
          success: false,
          status: 'error',
          errors: Object.fromEntries(
            body.error.issues.map((issue) => [issue.path.join('.'), issue.message])
          ),
        },
        400
      )
    const grant = c.get('grant')
    try {
      const webhook = registry.add(grant.userId, body.data, webhookTypeOf(grant))
      return c.json({ success: true, status: 'ok', data: WebhookRegistry.view(webhook) }, 201)
    } catch (error) {
      if (!(error instanceof WebhookLimitError)) throw error
      return c.json({ success: false, status: 'error', error: error.message }, 400)
    }
  })

  routes.delete('/api/v1/webhooks/:id{[0-9]+}', (c) => {
    const grant = c.get('grant')
    const id = Number(c.req.param('id'))
    const own = mine(grant).some((w) => w.id === id)
    if (!own || !registry.remove(grant.userId, id))
      return c.json({ success: false, status: 'error', error: 'Webhook not found' }, 404)
    return c.json({ success: true, status: 'ok' })
  })

  return routes
}
