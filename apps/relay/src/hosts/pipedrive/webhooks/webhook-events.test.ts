// What each Pipedrive v2 webhook becomes on the timeline: stage moves only when `previous` names
// `stage_id`, won and lost from `status`, persons by their emails, and messageIds that a retry
// (meta.attempt > 1) keeps.
import { SALES_EVENTS } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { MAX_IDENTITY_EMAILS, outboxMessageSchema } from '../../../writeback/outbox-schema.ts'
import { salesEventsOf, type EventContext } from './webhook-events.ts'
import { webhookBodySchema } from './webhook-payload.ts'

const STAGES: Record<number, { stage: string; pipeline: string }> = {
  3: { stage: 'Proposal made', pipeline: 'Sales' },
  4: { stage: 'Negotiation', pipeline: 'Sales' },
}
const context: EventContext = {
  names: (id) => (id === undefined ? {} : (STAGES[id] ?? {})),
  pipedriveUrl: 'https://acme.pipedrive.com',
}

const deal = {
  id: 7,
  title: 'Acme renewal',
  value: 12000,
  currency: 'EUR',
  status: 'open',
  stage_id: 4,
  pipeline_id: 1,
  person_id: 1,
  lost_reason: null,
}

function body(
  action: string,
  data: Record<string, unknown> | null,
  previous: Record<string, unknown> | null,
  meta: Record<string, unknown> = {}
) {
  return webhookBodySchema.parse({
    meta: {
      action,
      entity: 'deal',
      entity_id: '7',
      id: 'evt-1',
      company_id: '1001',
      timestamp: '2026-01-05T09:00:00Z',
      version: '2.0',
      attempt: 1,
      ...meta,
    },
    data,
    previous,
  })
}

const events = (b: ReturnType<typeof body>) => salesEventsOf(b, context)

describe('Pipedrive deal webhooks on the timeline', () => {
  it('makes a created deal with its value, currency, pipeline and stage names', () => {
    const [created, ...rest] = events(body('create', deal, null))
    expect(rest).toEqual([])
    expect(created).toMatchObject({
      event: SALES_EVENTS.dealCreated,
      messageId: 'pipedrive:1001:deal:7:created:evt-1',
      timestamp: '2026-01-05T09:00:00.000Z',
      identity: { hostRef: { host: 'pipedrive', accountId: '1001', ref: '1' } },
      properties: {
        deal_id: '7',
        deal_url: 'https://acme.pipedrive.com/deal/7',
        deal_title: 'Acme renewal',
        value: 12000,
        currency: 'EUR',
        pipeline: 'Sales',
        stage: 'Negotiation',
        person_id: '1',
        pipedrive_company_id: '1001',
      },
    })
  })

  it('makes a stage move only when previous names stage_id', () => {
    const moved = events(body('change', deal, { stage_id: 3 }))
    expect(moved).toEqual([
      expect.objectContaining({
        event: SALES_EVENTS.dealStageChanged,
        messageId: 'pipedrive:1001:deal:7:stage_changed:evt-1',
        properties: expect.objectContaining({
          pipeline: 'Sales',
          stage: 'Negotiation',
          previous_stage: 'Proposal made',
        }) as unknown,
      }),
    ])
    // Another field changed: data.stage_id is where the deal already was, not a move.
    expect(events(body('change', deal, { value: 9000 }))).toEqual([])
    expect(events(body('change', deal, { title: 'Old title', stage_id: 4 }))).toEqual([])
  })

  it('maps status won to Deal Won with the value, and lost to Deal Lost with the reason', () => {
    const won = events(body('change', { ...deal, status: 'won' }, { status: 'open' }))
    expect(won).toEqual([
      expect.objectContaining({
        event: SALES_EVENTS.dealWon,
        properties: expect.objectContaining({ value: 12000, currency: 'EUR' }) as unknown,
      }),
    ])
    const lost = events(
      body('change', { ...deal, status: 'lost', lost_reason: 'Budget' }, { status: 'open' })
    )
    expect(lost).toEqual([
      expect.objectContaining({
        event: SALES_EVENTS.dealLost,
        properties: expect.objectContaining({ lost_reason: 'Budget' }) as unknown,
      }),
    ])
    expect(lost[0]?.properties).not.toHaveProperty('value')
    // A lost deal reopened is neither.
    expect(events(body('change', deal, { status: 'lost' }))).toEqual([])
  })

  it('makes a move and a win of one change two events with their own ids', () => {
    const both = events(body('change', { ...deal, status: 'won' }, { stage_id: 3, status: 'open' }))
    expect(both.map((e) => e.event)).toEqual([SALES_EVENTS.dealStageChanged, SALES_EVENTS.dealWon])
    expect(new Set(both.map((e) => e.messageId)).size).toBe(2)
  })

  it('keeps the messageId of a retry (meta.attempt > 1) and changes it for another event', () => {
    const first = events(body('change', deal, { stage_id: 3 }))
    const retry = events(body('change', deal, { stage_id: 3 }, { attempt: 3 }))
    const next = events(body('change', deal, { stage_id: 3 }, { id: 'evt-2' }))
    expect(retry[0]?.messageId).toBe(first[0]?.messageId)
    expect(next[0]?.messageId).not.toBe(first[0]?.messageId)
  })

  it('makes nothing of a deal without a person, or of a deleted deal', () => {
    expect(events(body('create', { ...deal, person_id: null }, null))).toEqual([])
    expect(events(body('delete', null, deal))).toEqual([])
  })
})

/** A person created in company 1001 (the webhook's meta, as Pipedrive sends it). */
const personMeta = {
  action: 'create',
  entity: 'person',
  entity_id: 12,
  id: 'evt-9',
  company_id: 1001,
  timestamp: 1767603600,
  version: '2.0',
}

describe('Pipedrive person webhooks on the timeline', () => {
  it('makes Person Created whose identity is the emails, primary first', () => {
    const created = salesEventsOf(
      webhookBodySchema.parse({
        meta: personMeta,
        data: {
          id: 12,
          name: 'Not sent',
          emails: [
            { value: 'home@example.com', primary: false },
            { value: 'work@example.com', primary: true },
          ],
        },
        previous: null,
      }),
      context
    )
    expect(created).toEqual([
      {
        messageId: 'pipedrive:1001:person:12:created:evt-9',
        source: 'pipedrive',
        event: SALES_EVENTS.personCreated,
        timestamp: '2026-01-05T09:00:00.000Z',
        identity: { emails: ['work@example.com', 'home@example.com'] },
        properties: {
          person_id: '12',
          person_url: 'https://acme.pipedrive.com/person/12',
          pipedrive_company_id: '1001',
        },
      },
    ])
  })
})

describe('Pipedrive webhooks Pipedrive could really send, never refused', () => {
  const person = (emails: unknown[]) =>
    webhookBodySchema.parse({
      meta: { ...personMeta },
      data: { id: 12, emails },
      previous: null,
    })

  it('keeps a person with many emails to the outbox limit of real addresses, each once', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ value: `p${i}@example.com` }))
    const junk = [
      { value: 'no at sign' },
      { value: 'a@b.c\nBcc: x@y.z' },
      { value: 'p0@example.com' },
    ]
    const [created] = salesEventsOf(person([...junk, ...many]), context)
    const emails = created?.identity.emails ?? []
    expect(emails).toHaveLength(MAX_IDENTITY_EMAILS)
    expect(new Set(emails).size).toBe(emails.length)
    expect(emails.every((e) => /^p\d+@example\.com$/.test(e))).toBe(true)
    expect(outboxMessageSchema.safeParse(created).success).toBe(true)
  })

  it('refuses a timestamp no clock could give (past the year 9999) at the schema', () => {
    const far = { ...personMeta, timestamp: 9e15 }
    expect(
      webhookBodySchema.safeParse({ meta: far, data: { id: 12 }, previous: null }).success
    ).toBe(false)
  })
})
