/**
 * @module writeback/zendesk-trigger
 * The JSON bodies a Zendesk admin pastes into the triggers that notify the relay's webhook
 * (`relay zendesk webhook-setup` prints them), and the schema the relay checks a delivery against.
 * One definition for both sides of the wire: the relay (apps/relay, hosts/zendesk) parses with
 * `zendeskTriggerBodySchema`, and the sandbox's local Zendesk renders `zendeskTriggerBody` with a
 * ticket's values exactly as Zendesk renders placeholders (every placeholder becomes a string).
 *
 * Only what write-back needs: ids, status, the requester's email and external id, the rating.
 * No comment text, no subject: nothing an agent or a customer wrote leaves Zendesk.
 */
import { z } from 'zod/mini'

export const ZENDESK_TRIGGER_EVENTS = [
  'ticket_created',
  'ticket_solved',
  'ticket_reopened',
  'ticket_rated',
] as const
export type ZendeskTriggerEvent = (typeof ZENDESK_TRIGGER_EVENTS)[number]

/** The placeholders each field of the body holds (Zendesk's documented placeholders). */
export const ZENDESK_TRIGGER_PLACEHOLDERS = {
  ticketId: '{{ticket.id}}',
  status: '{{ticket.status}}',
  updatedAt: '{{ticket.updated_at_with_timestamp}}',
  requesterEmail: '{{ticket.requester.email}}',
  requesterExternalId: '{{ticket.requester.external_id}}',
  rating: '{{satisfaction.current_rating}}',
} as const

export type ZendeskTriggerValues = {
  readonly [K in keyof typeof ZENDESK_TRIGGER_PLACEHOLDERS]: string
}

/**
 * The body of `event`'s trigger, with `values` in place of the placeholders (the sandbox's host
 * renders it as Zendesk would); without values, the template an admin pastes.
 */
export function zendeskTriggerBody(
  event: ZendeskTriggerEvent,
  values: ZendeskTriggerValues = ZENDESK_TRIGGER_PLACEHOLDERS
): string {
  const body = {
    intilery_connect: 1,
    event,
    ticket: { id: values.ticketId, status: values.status, updated_at: values.updatedAt },
    requester: { email: values.requesterEmail, external_id: values.requesterExternalId },
    ...(event === 'ticket_rated' ? { satisfaction: { rating: values.rating } } : {}),
  }
  return JSON.stringify(body, null, 2)
}

const placeholderText = z.string().check(z.maxLength(1_000))

/**
 * A delivery's body; every value is text, as Zendesk renders placeholders. Strict: a key the
 * template does not have (a field an admin added, `__proto__`, `constructor`) refuses the body
 * rather than being dropped unseen, so a trigger edited by hand fails loudly in Zendesk's log.
 */
export const zendeskTriggerBodySchema = z.strictObject({
  intilery_connect: z.literal(1),
  event: z.enum(ZENDESK_TRIGGER_EVENTS),
  ticket: z.strictObject({
    id: placeholderText,
    status: placeholderText,
    updated_at: placeholderText,
  }),
  requester: z.strictObject({ email: placeholderText, external_id: placeholderText }),
  satisfaction: z.optional(z.strictObject({ rating: placeholderText })),
})
export type ZendeskTriggerBody = z.infer<typeof zendeskTriggerBodySchema>
