/**
 * @module zendesk-host/ticket-desk
 * The local Zendesk's tickets as they change: status and satisfaction rating, changed by the ticket
 * page's buttons as an agent (solve, reopen) or the customer (rate) would, and new tickets. Each
 * change names the trigger it fires, as an admin's "status changed to solved" or "satisfaction
 * changed" trigger would; a button that changes nothing fires nothing, as in Zendesk.
 */
import type { ZendeskTriggerEvent, ZendeskTriggerValues } from '@intilery-connect/core'

import type { DemoTicket, Requester } from './demo-tickets.ts'
import { zendeskTimestamp } from './webhook-request.ts'

export const TICKET_ACTIONS = ['solve', 'reopen', 'rate_good', 'rate_bad', 'new_ticket'] as const
export type TicketAction = (typeof TICKET_ACTIONS)[number]

/** Zendesk's ticket statuses, of which the local one uses new, open and solved. */
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed'
/** Zendesk's legacy satisfaction values, without the `*_with_comment` ones (no comment is typed). */
export type SatisfactionRating = 'unoffered' | 'offered' | 'good' | 'bad'

export interface HostTicket extends DemoTicket {
  readonly status: TicketStatus
  readonly rating: SatisfactionRating
  readonly updatedAt: Date
}

/** A button that does not apply to the ticket as it is (answered 409, nothing changes). */
export class TicketActionRefused extends Error {
  override readonly name = 'TicketActionRefused'
}

/** What an action did: the ticket after it, and the trigger it fired. */
export interface TicketChange {
  readonly ticket: HostTicket
  readonly event: ZendeskTriggerEvent
}

/** The values Zendesk puts in place of the trigger body's placeholders: all of them text. */
export function triggerValues(ticket: HostTicket): ZendeskTriggerValues {
  return {
    ticketId: String(ticket.id),
    status: ticket.status,
    updatedAt: zendeskTimestamp(ticket.updatedAt),
    requesterEmail: ticket.requester.email ?? '',
    requesterExternalId: ticket.requester.externalId ?? '',
    rating: ticket.rating,
  }
}

export class TicketDesk {
  private readonly tickets: HostTicket[]

  constructor(
    tickets: readonly DemoTicket[],
    private readonly now: () => Date
  ) {
    const opened = now()
    this.tickets = tickets.map((t) => ({
      ...t,
      status: 'open',
      rating: 'unoffered',
      updatedAt: opened,
    }))
  }

  list(): readonly HostTicket[] {
    return this.tickets
  }

  find(id: number): HostTicket | undefined {
    return this.tickets.find((t) => t.id === id)
  }

  /** Applies `action` to ticket `id` (its requester set to `requester` first, as the agent left it). */
  apply(id: number, action: TicketAction, requester: Requester): TicketChange {
    const ticket = this.find(id)
    if (ticket === undefined) throw new TicketActionRefused(`There is no ticket #${id}`)
    if (action === 'new_ticket') return this.create(ticket, requester)
    const next = { ...ticket, requester, updatedAt: this.now() }
    let change: TicketChange
    if (action === 'solve') {
      if (ticket.status === 'solved') throw new TicketActionRefused(`#${id} is solved already`)
      // Solving sends the customer the satisfaction survey.
      const rating = ticket.rating === 'unoffered' ? 'offered' : ticket.rating
      change = { ticket: { ...next, status: 'solved', rating }, event: 'ticket_solved' }
    } else if (action === 'reopen') {
      if (ticket.status !== 'solved') throw new TicketActionRefused(`#${id} is not solved`)
      change = { ticket: { ...next, status: 'open' }, event: 'ticket_reopened' }
    } else {
      const rating = action === 'rate_good' ? 'good' : 'bad'
      if (ticket.status !== 'solved')
        throw new TicketActionRefused(`#${id} can be rated once it is solved`)
      if (ticket.rating === rating)
        throw new TicketActionRefused(`#${id} is rated ${rating} already`)
      change = { ticket: { ...next, rating }, event: 'ticket_rated' }
    }
    this.tickets[this.tickets.indexOf(ticket)] = change.ticket
    return change
  }

  /** A new ticket from `requester`, numbered after the last one. */
  private create(from: HostTicket, requester: Requester): TicketChange {
    const id = Math.max(...this.tickets.map((t) => t.id)) + 1
    const ticket: HostTicket = {
      id,
      subject: `New ticket from ${requester.name}`,
      about: `created on the ticket page of #${from.id}`,
      requester,
      status: 'new',
      rating: 'unoffered',
      updatedAt: this.now(),
    }
    this.tickets.push(ticket)
    return { ticket, event: 'ticket_created' }
  }
}
