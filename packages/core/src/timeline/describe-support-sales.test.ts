// The events the relay writes back from Zendesk and Pipedrive (writeback/support-sales-events.ts):
// their kind, title (message id + values), detail rows and link back, exactly; missing properties
// pick the title without them; hostile values stay data; unsafe links are not offered.
import { describe, expect, it } from 'vitest'

import { money } from '../i18n/message.ts'
import { SALES_EVENTS, SUPPORT_EVENTS } from '../writeback/support-sales-events.ts'
import { kindOf } from './classify.ts'
import { track } from './test/events.ts'
import { id, itDescribes, type KindCase } from './test/kind-cases.ts'
import { timelineEntrySchema } from './timeline-entry.ts'
import { toTimeline } from './to-timeline.ts'

const TICKET = {
  ticket_id: '123',
  ticket_url: 'https://acme.zendesk.com/agent/tickets/123',
  zendesk_subdomain: 'acme',
  status: 'solved',
}
const DEAL = {
  deal_id: '42',
  deal_url: 'https://acme.pipedrive.com/deal/42',
  deal_title: 'Acme renewal',
  pipeline: 'Renewals',
  pipedrive_company_id: '777',
}

const supportCases: KindCase[] = [
  {
    name: 'ticket created',
    event: track('Ticket Created', { ...TICKET, status: 'new' }),
    kind: 'support',
    title: { id: 'timeline.support.ticketCreated', values: { ticket: '123' } },
    detail: [],
  },
  {
    name: 'ticket solved',
    event: track('Ticket Solved', TICKET),
    kind: 'support',
    title: { id: 'timeline.support.ticketSolved', values: { ticket: '123' } },
    detail: [],
  },
  {
    name: 'ticket reopened, with the status it left',
    event: track('Ticket Reopened', { ...TICKET, status: 'open', previous_status: 'solved' }),
    kind: 'support',
    title: { id: 'timeline.support.ticketReopened', values: { ticket: '123' } },
    detail: [{ label: id('timeline.detail.previousStatus'), value: 'solved' }],
  },
  {
    name: 'ticket rated good',
    event: track('Ticket Rated', { ...TICKET, rating: 'good' }),
    kind: 'support',
    title: { id: 'timeline.support.rated', values: { rating: 'good' } },
    detail: [{ label: id('timeline.detail.ticket'), value: '#123' }],
  },
  {
    name: 'ticket rated bad (any case)',
    event: track('Ticket Rated', { ticket_id: 123, rating: 'BAD' }),
    kind: 'support',
    title: { id: 'timeline.support.rated', values: { rating: 'bad' } },
    detail: [{ label: id('timeline.detail.ticket'), value: '#123' }],
  },
  {
    name: 'ticket rated with no usable rating names none',
    event: track('Ticket Rated', { rating: 'good_with_comment_and_more' }),
    kind: 'support',
    title: { id: 'timeline.support.rated', values: { rating: 'other' } },
    detail: [],
  },
  ...(['Ticket Created', 'Ticket Solved', 'Ticket Reopened'] as const).map((name): KindCase => ({
    name: `${name} without a ticket number`,
    event: track(name, { ticket_id: '  ', status: 'open' }),
    kind: 'support',
    title: {
      id: `timeline.support.ticket${name.split(' ')[1] ?? ''}NoId`,
    },
    detail: [],
  })),
]

const salesCases: KindCase[] = [
  {
    name: 'deal created, with its value',
    event: track('Deal Created', { ...DEAL, stage: 'Qualified', value: 12000, currency: 'eur' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealCreated', values: { deal: 'Acme renewal' } },
    detail: [
      { label: id('timeline.detail.value'), value: money(12000, 'EUR') },
      { label: id('timeline.detail.stage'), value: 'Qualified' },
      { label: id('timeline.detail.pipeline'), value: 'Renewals' },
    ],
  },
  {
    name: 'deal moved, with the previous stage',
    event: track('Deal Stage Changed', {
      ...DEAL,
      stage: 'Negotiation',
      previous_stage: 'Proposal',
    }),
    kind: 'sales',
    title: {
      id: 'timeline.sales.dealMoved',
      values: { deal: 'Acme renewal', stage: 'Negotiation' },
    },
    detail: [
      { label: id('timeline.detail.previousStage'), value: 'Proposal' },
      { label: id('timeline.detail.pipeline'), value: 'Renewals' },
    ],
  },
  {
    name: 'deal moved, untitled',
    event: track('Deal Stage Changed', { stage: 'Negotiation' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealMovedNoTitle', values: { stage: 'Negotiation' } },
    detail: [],
  },
  {
    name: 'deal stage changed to an unnamed stage',
    event: track('Deal Stage Changed', { deal_title: 'Acme renewal', stage: 7 }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealStageChanged', values: { deal: 'Acme renewal' } },
    detail: [],
  },
  {
    name: 'deal stage changed, nothing known',
    event: track('Deal Stage Changed', {}),
    kind: 'sales',
    title: { id: 'timeline.sales.dealStageChangedNoTitle' },
    detail: [],
  },
  {
    name: 'deal won: the value in the title, the deal in a row',
    event: track('Deal Won', { ...DEAL, stage: 'Won', value: '12000', currency: 'EUR' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealWon', values: { value: money(12000, 'EUR') } },
    detail: [
      { label: id('timeline.detail.deal'), value: 'Acme renewal' },
      { label: id('timeline.detail.pipeline'), value: 'Renewals' },
    ],
  },
  {
    name: 'deal won with a currency that is not a code: a number, and the currency kept',
    event: track('Deal Won', { value: 500, currency: 'euros' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealWon', values: { value: 500 } },
    detail: [{ label: id('timeline.detail.currency'), value: 'euros' }],
  },
  {
    name: 'deal won without a value',
    event: track('Deal Won', { value: 'lots', currency: 'EUR' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealWonNoValue' },
    detail: [],
  },
  {
    name: 'deal lost, with the reason',
    event: track('Deal Lost', { ...DEAL, stage: 'Proposal', lost_reason: 'Price too high' }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealLost', values: { reason: 'Price too high' } },
    detail: [
      { label: id('timeline.detail.deal'), value: 'Acme renewal' },
      { label: id('timeline.detail.stage'), value: 'Proposal' },
      { label: id('timeline.detail.pipeline'), value: 'Renewals' },
    ],
  },
  {
    name: 'deal lost without a reason',
    event: track('Deal Lost', { lost_reason: null }),
    kind: 'sales',
    title: { id: 'timeline.sales.dealLostNoReason' },
    detail: [],
  },
  {
    name: 'deal created, untitled',
    event: track('Deal Created', {}),
    kind: 'sales',
    title: { id: 'timeline.sales.dealCreatedNoTitle' },
    detail: [],
  },
  {
    name: 'person created',
    event: track('Person Created', { person_id: '9', pipedrive_company_id: '777' }),
    kind: 'sales',
    title: { id: 'timeline.sales.personCreated' },
    detail: [],
  },
]

describe('support events', () => itDescribes(supportCases))
describe('sales events', () => itDescribes(salesCases))

describe('classification', () => {
  it.each(Object.values(SUPPORT_EVENTS))('%s is support', (name) => {
    expect(toTimeline([track(name, {})])[0]?.kind).toBe('support')
  })

  it.each(Object.values(SALES_EVENTS))('%s is sales', (name) => {
    expect(toTimeline([track(name, {})])[0]?.kind).toBe('sales')
  })

  it('classifies by the event key, as the events endpoint filters', () => {
    expect(kindOf('track', 'ticket_solved')).toBe('support')
    expect(kindOf('track', 'deal_won')).toBe('sales')
    expect(kindOf('track', 'ticket_closed')).toBe('custom')
  })
})

describe('links back', () => {
  const linkOf = (name: string, properties: Record<string, unknown>) =>
    toTimeline([track(name, properties)])[0]?.link

  it('links a ticket event to its ticket', () => {
    expect(linkOf('Ticket Solved', TICKET)).toEqual({
      href: 'https://acme.zendesk.com/agent/tickets/123',
      label: { id: 'timeline.link.ticket' },
    })
    expect(linkOf('Ticket Rated', { ...TICKET, rating: 'good' })?.label.id).toBe(
      'timeline.link.ticket'
    )
  })

  it('links a deal event to its deal and a new person to the person', () => {
    expect(linkOf('Deal Won', DEAL)).toEqual({
      href: 'https://acme.pipedrive.com/deal/42',
      label: { id: 'timeline.link.deal' },
    })
    expect(linkOf('Person Created', { person_url: 'http://127.0.0.1:4102/person/9' })).toEqual({
      href: 'http://127.0.0.1:4102/person/9',
      label: { id: 'timeline.link.person' },
    })
  })

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'http://acme.zendesk.com/agent/tickets/1',
    'https://acme.zendesk.com@evil.example/',
    42,
  ])('offers no link for %j', (url) => {
    expect(linkOf('Ticket Created', { ticket_id: '1', ticket_url: url })).toBeUndefined()
    expect(linkOf('Deal Lost', { deal_url: url })).toBeUndefined()
    expect(linkOf('Person Created', { person_url: url })).toBeUndefined()
  })

  it('takes no link from the wrong property (a deal event has no ticket link)', () => {
    expect(linkOf('Deal Won', { ticket_url: TICKET.ticket_url })).toBeUndefined()
    expect(linkOf('Person Created', { deal_url: DEAL.deal_url })).toBeUndefined()
  })

  it('answers entries the panel schema accepts', () => {
    const [entry] = toTimeline([track('Deal Won', DEAL)])
    expect(timelineEntrySchema.parse(entry)).toEqual(entry)
  })
})

describe('hostile values', () => {
  const html = '<img src=x onerror=alert(1)>'
  const bidi = 'Acme\u202Eexe.fdp'

  it('keeps them verbatim as data (the renderer shows text), cut to a row’s length', () => {
    const [deal] = toTimeline([
      track('Deal Stage Changed', {
        deal_title: html,
        stage: bidi,
        previous_stage: 'x'.repeat(500),
      }),
    ])
    expect(deal?.title).toEqual({
      id: 'timeline.sales.dealMoved',
      values: { deal: html, stage: bidi },
    })
    expect((deal?.detail[0]?.value as string).length).toBe(200)
  })

  it('cuts a ticket number to a title’s length', () => {
    const [ticket] = toTimeline([track('Ticket Solved', { ticket_id: '9'.repeat(300) })])
    expect((ticket?.title.values?.ticket as string).length).toBe(40)
  })

  it('reads no inherited property as data', () => {
    const [entry] = toTimeline([
      track(
        'Deal Lost',
        JSON.parse('{"__proto__":{"lost_reason":"x"}}') as Record<string, unknown>
      ),
    ])
    expect(entry?.title).toEqual({ id: 'timeline.sales.dealLostNoReason' })
  })
})
