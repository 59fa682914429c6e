/**
 * @module hosts/pipedrive/webhooks/webhook-events
 * What a Pipedrive webhook means for the customer's timeline (core's SALES_EVENTS):
 * - `create.deal`: Deal Created (title, value, currency, pipeline and stage names);
 * - `change.deal` with `stage_id` in `previous`: Deal Stage Changed (pipeline, stage, previous
 *   stage). Only then: a change of anything else leaves `stage_id` out of `previous`, and taking
 *   `data.stage_id` alone would report every edit as a move;
 * - `change.deal` with `status` in `previous` and now `won`: Deal Won (value, currency); now
 *   `lost`: Deal Lost (lost reason). One change may be a move and a win at once: two events;
 * - `create.person`: Person Created, whose identity is the emails in the payload.
 * A deal's customer is its person, opened when the outbox delivers (HostIdentityResolver); a deal
 * without a person is nobody's timeline, so it makes no event. Anything else makes none either.
 *
 * Every messageId is derived from the event alone (company, record, kind and Pipedrive's
 * `meta.id`, which a retry keeps), never from the attempt or the time of delivery.
 */
import { SALES_EVENTS, type SalesEventProperties } from '@intilery-connect/core'
import { z } from 'zod'

import type { OutboxMessage, SourceIdentity } from '../../../writeback/outbox-port.ts'
import { MAX_IDENTITY_EMAILS } from '../../../writeback/outbox-schema.ts'
import { PIPEDRIVE } from '../pipedrive-links.ts'
import {
  dealDataSchema,
  eventTime,
  personDataSchema,
  type DealData,
  type WebhookBody,
} from './webhook-payload.ts'

export interface EventContext {
  /** Cached stage and pipeline names (stage-names.ts): never a Pipedrive call. */
  readonly names: (stageId: number | undefined) => {
    readonly stage?: string | undefined
    readonly pipeline?: string | undefined
  }
  /** The company's Pipedrive origin for links back (an installation's api_domain), if known. */
  readonly pipedriveUrl: string | undefined
}

type Kind = 'created' | 'stage_changed' | 'won' | 'lost'

/** Core's property keys, each maybe missing from the payload. */
type Draft = {
  readonly [K in keyof SalesEventProperties]?: SalesEventProperties[K] | null | undefined
}

/** Drops missing values (the timeline shows what is there); only core's keys get through. */
function defined(properties: Draft): Readonly<Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(properties).filter(([, value]) => value !== undefined && value !== null)
  )
}

const EMAIL = z.email().max(254)

const link = (base: string | undefined, kind: 'deal' | 'person', id: number) =>
  base === undefined ? undefined : `${base.replace(/\/+$/, '')}/${kind}/${id}`

function dealEvents(body: WebhookBody, deal: DealData, context: EventContext): OutboxMessage[] {
  const { meta } = body
  if (deal.person_id == null) return []
  const company = meta.company_id
  const previous = body.previous ?? {}
  const identity: SourceIdentity = {
    hostRef: { host: PIPEDRIVE, accountId: company, ref: String(deal.person_id) },
  }
  const base = {
    deal_id: String(deal.id),
    deal_url: link(context.pipedriveUrl, 'deal', deal.id),
    deal_title: deal.title,
    person_id: String(deal.person_id),
    person_url: link(context.pipedriveUrl, 'person', deal.person_id),
    pipedrive_company_id: company,
  }
  const message = (kind: Kind, event: string, properties: Draft): OutboxMessage => ({
    messageId: `${PIPEDRIVE}:${company}:deal:${deal.id}:${kind}:${meta.id}`,
    source: PIPEDRIVE,
    event,
    properties: defined({ ...base, ...properties }),
    timestamp: eventTime(meta),
    identity,
  })
  const now = context.names(deal.stage_id ?? undefined)
  if (meta.action === 'create')
    return [
      message('created', SALES_EVENTS.dealCreated, {
        value: deal.value,
        currency: deal.currency,
        pipeline: now.pipeline,
        stage: now.stage,
      }),
    ]
  if (meta.action !== 'change') return []
  const messages: OutboxMessage[] = []
  if (Object.hasOwn(previous, 'stage_id') && previous.stage_id !== deal.stage_id) {
    const before = typeof previous.stage_id === 'number' ? previous.stage_id : undefined
    messages.push(
      message('stage_changed', SALES_EVENTS.dealStageChanged, {
        pipeline: now.pipeline,
        stage: now.stage,
        previous_stage: context.names(before).stage,
      })
    )
  }
  if (Object.hasOwn(previous, 'status') && previous.status !== deal.status) {
    if (deal.status === 'won')
      messages.push(
        message('won', SALES_EVENTS.dealWon, { value: deal.value, currency: deal.currency })
      )
    if (deal.status === 'lost')
      messages.push(message('lost', SALES_EVENTS.dealLost, { lost_reason: deal.lost_reason }))
  }
  return messages
}

function personEvents(body: WebhookBody, context: EventContext): OutboxMessage[] {
  const { meta } = body
  if (meta.action !== 'create') return []
  const person = personDataSchema.parse(body.data)
  // Only addresses that are addresses (a person's field takes any text), primary first, each once,
  // and no more than the outbox keeps per identity: a person with more is still written back,
  // never refused (a refusal counts towards Pipedrive banning the company's webhook).
  const emails = [
    ...new Set(
      [...(person.emails ?? [])]
        .sort((a, b) => Number(b.primary === true) - Number(a.primary === true))
        .map((e) => e.value.trim())
        .filter((e) => EMAIL.safeParse(e).success)
    ),
  ].slice(0, MAX_IDENTITY_EMAILS)
  if (emails.length === 0) return []
  return [
    {
      messageId: `${PIPEDRIVE}:${meta.company_id}:person:${person.id}:created:${meta.id}`,
      source: PIPEDRIVE,
      event: SALES_EVENTS.personCreated,
      properties: defined({
        person_id: String(person.id),
        person_url: link(context.pipedriveUrl, 'person', person.id),
        pipedrive_company_id: meta.company_id,
      }),
      timestamp: eventTime(meta),
      identity: { emails },
    },
  ]
}

/**
 * @throws ZodError when `data` is not the entity it says (the route answers 400).
 */
export function salesEventsOf(body: WebhookBody, context: EventContext): OutboxMessage[] {
  if (body.data === null) return []
  if (body.meta.entity === 'deal') return dealEvents(body, dealDataSchema.parse(body.data), context)
  if (body.meta.entity === 'person') return personEvents(body, context)
  return []
}
