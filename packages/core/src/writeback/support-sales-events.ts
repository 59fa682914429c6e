/**
 * @module writeback/support-sales-events
 * The events the relay writes back to Intilery (`track` calls) from the helpdesk and the CRM, and
 * the properties each carries. One vocabulary for both sides: the relay's webhooks produce these
 * names and keys, and the timeline classifies and titles them (support and sales kinds). Property
 * keys are snake_case like the rest of Intilery's events. Nothing free-text a customer or agent
 * wrote travels: no ticket comments, no rating comments, no ticket subjects.
 */

/** `event` of each written-back track call. */
export const SUPPORT_EVENTS = {
  ticketCreated: 'Ticket Created',
  ticketSolved: 'Ticket Solved',
  ticketReopened: 'Ticket Reopened',
  ticketRated: 'Ticket Rated',
} as const

export const SALES_EVENTS = {
  dealCreated: 'Deal Created',
  dealStageChanged: 'Deal Stage Changed',
  dealWon: 'Deal Won',
  dealLost: 'Deal Lost',
  personCreated: 'Person Created',
} as const

export type SupportEventName = (typeof SUPPORT_EVENTS)[keyof typeof SUPPORT_EVENTS]
export type SalesEventName = (typeof SALES_EVENTS)[keyof typeof SALES_EVENTS]

/**
 * Properties of the support events (all optional on read: the timeline shows what is there).
 * - `ticket_id` (string: Zendesk's number as text), `ticket_url` (the agent's link back),
 * - `zendesk_subdomain`, `status` (Zendesk's: new, open, pending, hold, solved, closed),
 * - `previous_status` (Ticket Reopened, when known),
 * - `rating` (Ticket Rated: `good` or `bad`; Zendesk's `*_with_comment` values are sent without
 *   the comment, as `good` or `bad`).
 */
export interface SupportEventProperties {
  readonly ticket_id?: string
  readonly ticket_url?: string
  readonly zendesk_subdomain?: string
  readonly status?: string
  readonly previous_status?: string
  readonly rating?: 'good' | 'bad'
}

/**
 * Properties of the sales events.
 * - `deal_id`, `person_id` (Pipedrive's numbers as text), `deal_url` / `person_url` (links back),
 * - `deal_title`, `pipeline`, `stage`, `previous_stage` (names, not ids),
 * - `value` (number) and `currency` (ISO 4217) on Deal Created and Deal Won,
 * - `lost_reason` on Deal Lost, `pipedrive_company_id`.
 */
export interface SalesEventProperties {
  readonly deal_id?: string
  readonly deal_url?: string
  readonly deal_title?: string
  readonly pipeline?: string
  readonly stage?: string
  readonly previous_stage?: string
  readonly value?: number
  readonly currency?: string
  readonly lost_reason?: string
  readonly person_id?: string
  readonly person_url?: string
  readonly pipedrive_company_id?: string
}
