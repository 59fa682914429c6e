/**
 * @module zendesk-host/ticket-routes
 * What the ticket page's buttons call: change a ticket (ticket-desk.ts) and, when a webhook is set
 * up, send the trigger's body rendered with the ticket's values (core's `zendeskTriggerBody`), as
 * Zendesk runs a trigger after the change is saved. The page also reads the latest deliveries here.
 */
import { zendeskTriggerBody } from '@intilery-connect/core'
import { Hono } from 'hono'
import { z } from 'zod'

import type { Requester } from './demo-tickets.ts'
import {
  TICKET_ACTIONS,
  TicketActionRefused,
  triggerValues,
  type HostTicket,
  type TicketChange,
  type TicketDesk,
} from './ticket-desk.ts'
import type { ZendeskWebhookSender } from './webhook-delivery.ts'

const actionRequestSchema = z.object({
  action: z.enum(TICKET_ACTIONS),
  /** The requester the page shows (the agent may have changed it): their id. */
  requester: z.number().int(),
})

export interface TicketRoutesDeps {
  readonly desk: TicketDesk
  /** Everyone the page's requester picker offers. */
  readonly requesters: readonly Requester[]
  /** Undefined when no webhook is set up: tickets still change, nothing is sent. */
  readonly webhook: ZendeskWebhookSender | undefined
  readonly hostOrigin: () => string
}

/** A ticket's state as the page shows it. */
export function ticketState(ticket: HostTicket) {
  return { id: ticket.id, status: ticket.status, rating: ticket.rating }
}

/** The routes under `/__zendesk` for the ticket page's buttons and its list of deliveries. */
export function ticketRoutes(deps: TicketRoutesDeps) {
  const routes = new Hono()
  routes.post('/tickets/:id/actions', async (c) => {
    // Only the host page may press the buttons, as only an agent in Zendesk can.
    if (c.req.header('origin') !== deps.hostOrigin()) return c.json({ error: 'forbidden' }, 403)
    const parsed = actionRequestSchema.safeParse(await c.req.json().catch(() => undefined))
    const requester = deps.requesters.find((r) => r.id === parsed.data?.requester)
    if (!parsed.success || requester === undefined)
      return c.json({ error: 'Bad ticket action' }, 400)
    let change: TicketChange
    try {
      change = deps.desk.apply(Number(c.req.param('id')), parsed.data.action, requester)
    } catch (error) {
      if (error instanceof TicketActionRefused) return c.json({ error: error.message }, 409)
      throw error
    }
    const { ticket, event } = change
    deps.webhook?.send(event, ticket.id, zendeskTriggerBody(event, triggerValues(ticket)))
    return c.json({
      ticket: ticketState(ticket),
      event,
      sent: deps.webhook !== undefined,
      page: `/tickets/${ticket.id}`,
    })
  })
  routes.get('/webhook/deliveries', (c) =>
    c.json({ url: deps.webhook?.url ?? null, attempts: deps.webhook?.recent() ?? [] })
  )
  return routes
}
