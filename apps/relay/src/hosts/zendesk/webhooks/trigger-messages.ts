/**
 * @module hosts/zendesk/webhooks/trigger-messages
 * A trigger's delivery (core's zendeskTriggerBodySchema, every value a rendered placeholder) as
 * the OutboxMessages write-back sends to Intilery. Lenient where Zendesk's rendering varies: values
 * are trimmed, a placeholder left unrendered or rendered empty counts as absent, statuses and
 * ratings are read case-insensitively. Strict where an event could not be told apart from another:
 * a ticket id that is not a number, or a time that is not one, refuses the delivery.
 *
 * Only ids, status and the rating leave Zendesk: no comment, no subject (see core's
 * support-sales-events.ts).
 */
import {
  parseIsoInstant,
  SUPPORT_EVENTS,
  type SupportEventName,
  type SupportEventProperties,
  type ZendeskTriggerBody,
  type ZendeskTriggerEvent,
} from '@intilery-connect/core'
import { z } from 'zod'

import { RelayError } from '../../../platform/errors.ts'
import type { OutboxMessage, SourceIdentity } from '../../../writeback/outbox-port.ts'
import { ZENDESK } from '../zendesk-links.ts'

const EVENT_NAMES: Readonly<Record<ZendeskTriggerEvent, SupportEventName>> = {
  ticket_created: SUPPORT_EVENTS.ticketCreated,
  ticket_solved: SUPPORT_EVENTS.ticketSolved,
  ticket_reopened: SUPPORT_EVENTS.ticketReopened,
  ticket_rated: SUPPORT_EVENTS.ticketRated,
}

/** Zendesk's ticket statuses, as its API names them. */
const STATUSES = new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed'])

/** Why a well-formed delivery became no event. */
export type IgnoredReason =
  /** The rating is not good or bad (offered, unoffered, or text the relay cannot read). */
  | 'no_rating'
  /** Neither the requester's external id nor a usable email: nobody to attribute it to. */
  | 'no_requester'

export type TriggerOutcome =
  | { readonly messages: readonly [OutboxMessage] }
  | { readonly messages: readonly []; readonly ignored: IgnoredReason }

/** A rendered value, or undefined when Zendesk left it empty or did not render it. */
function rendered(value: string | undefined): string | undefined {
  const text = value?.trim()
  return text === undefined || text === '' || text.includes('{{') ? undefined : text
}

/**
 * `good` or `bad` from `{{satisfaction.current_rating}}`: the legacy scores (good, bad,
 * good_with_comment, bad_with_comment, *_without_comment) and the English labels ("Good, I'm
 * satisfied"). offered, unoffered and anything else: no rating.
 */
export function ratingOf(value: string | undefined): 'good' | 'bad' | undefined {
  const text = rendered(value)?.toLowerCase()
  if (text === undefined) return undefined
  const match = /^(good|bad)(?:_with_comment|_without_comment|,.*)?$/s.exec(text)
  return match?.[1] as 'good' | 'bad' | undefined
}

const email = z.email().max(254)

function identityOf(body: ZendeskTriggerBody): SourceIdentity | undefined {
  const userId = rendered(body.requester.external_id)
  const address = email.safeParse(rendered(body.requester.email))
  if (userId === undefined && !address.success) return undefined
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(address.success ? { emails: [address.data] } : {}),
  }
}

function badBody(message: string): RelayError {
  return new RelayError(
    'bad_request',
    `${message}; use the trigger body \`relay zendesk webhook-setup\` prints`
  )
}

/**
 * The delivery's message (or why there is none).
 * @throws RelayError `bad_request` when the ticket id is not a number or updated_at not a time.
 */
export function triggerMessages(subdomain: string, body: ZendeskTriggerBody): TriggerOutcome {
  const ticketId = rendered(body.ticket.id)
  if (ticketId === undefined || !/^\d{1,20}$/.test(ticketId))
    throw badBody('ticket.id must be the ticket’s number ({{ticket.id}})')
  const updatedText = rendered(body.ticket.updated_at)
  const updatedMs = updatedText === undefined ? undefined : parseIsoInstant(updatedText)
  if (updatedMs === undefined)
    throw badBody('ticket.updated_at must be a time ({{ticket.updated_at_with_timestamp}})')
  // One spelling of the instant, so `…T05:35Z` and `…T05:35:00Z` make the same messageId.
  const timestamp = new Date(updatedMs).toISOString()

  const rating = body.event === 'ticket_rated' ? ratingOf(body.satisfaction?.rating) : undefined
  if (body.event === 'ticket_rated' && rating === undefined)
    return { messages: [], ignored: 'no_rating' }
  const identity = identityOf(body)
  if (identity === undefined) return { messages: [], ignored: 'no_requester' }

  const status = rendered(body.ticket.status)?.toLowerCase()
  const properties = {
    ticket_id: ticketId,
    ticket_url: `https://${subdomain}.zendesk.com/agent/tickets/${ticketId}`,
    zendesk_subdomain: subdomain,
    ...(status !== undefined && STATUSES.has(status) ? { status } : {}),
    ...(rating === undefined ? {} : { rating }),
  } satisfies SupportEventProperties
  const what = body.event.replace(/^ticket_/, '') + (rating === undefined ? '' : `-${rating}`)
  return {
    messages: [
      {
        // From the source event only: a redelivery, whatever its invocation, makes the same id.
        messageId: `${ZENDESK}:${subdomain}:ticket:${ticketId}:${what}:${timestamp}`,
        source: ZENDESK,
        event: EVENT_NAMES[body.event],
        properties,
        timestamp,
        identity,
      },
    ],
  }
}
