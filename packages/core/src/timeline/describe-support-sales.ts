/**
 * @module timeline/describe-support-sales
 * The events the relay writes back from Zendesk (support) and Pipedrive (sales); their names and
 * properties are writeback/support-sales-events.ts. The title says what happened to which ticket or
 * deal ("Ticket #123 solved", "Deal Acme renewal moved to Negotiation", "Deal won: €12,000"); a
 * missing property picks the title without it, never a placeholder left empty. The link back to
 * the ticket, deal or person is offered only when safe (safe-link.ts).
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import type { Message, MessageValue } from '../i18n/message.ts'
import type { EntryLink } from './timeline-entry.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import {
  amount,
  type Bag,
  currencyCode,
  type EventFacts,
  field,
  firstText,
  idText,
  num,
  text,
  truncate,
} from './read-event.ts'
import { safeLinkHref } from './safe-link.ts'

/** A ticket number is short; anything longer is cut so the title stays one line. */
const MAX_ID = 40

type Titles = readonly [withId: TimelineMessageId, noId: TimelineMessageId]

const TICKET_TITLES: ReadonlyMap<string, Titles> = new Map<string, Titles>([
  ['ticket_created', ['timeline.support.ticketCreated', 'timeline.support.ticketCreatedNoId']],
  ['ticket_solved', ['timeline.support.ticketSolved', 'timeline.support.ticketSolvedNoId']],
  ['ticket_reopened', ['timeline.support.ticketReopened', 'timeline.support.ticketReopenedNoId']],
])

function linkTo(props: Bag, key: string, label: TimelineMessageId): EntryLink | undefined {
  const href = safeLinkHref(field(props, key), key === 'ticket_url' ? 'zendesk' : 'pipedrive')
  return href === undefined ? undefined : { href, label: timelineMessage(label) }
}

/** `good`, `bad`, or `other` for anything else: the title's select then names no rating. */
function rating(props: Bag): string {
  const value = text(field(props, 'rating'))?.toLowerCase()
  return value === 'good' || value === 'bad' ? value : 'other'
}

export function describeSupport(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  const id = idText(field(props, 'ticket_id'))
  const ticket = id === undefined ? undefined : truncate(id, MAX_ID)
  const rows = new DetailRows(maxDetails)
  const titles = TICKET_TITLES.get(facts.action)
  let title
  if (titles === undefined) {
    // Ticket Rated: the rating is the news; the ticket is a detail.
    title = timelineMessage('timeline.support.rated', { rating: rating(props) })
    rows.add('timeline.detail.ticket', ticket === undefined ? undefined : `#${ticket}`)
  } else {
    title =
      ticket === undefined ? timelineMessage(titles[1]) : timelineMessage(titles[0], { ticket })
    rows.add('timeline.detail.previousStatus', firstText(props, ['previous_status']))
  }
  const link = linkTo(props, 'ticket_url', 'timeline.link.ticket')
  return link === undefined ? { title, detail: rows.rows } : { title, detail: rows.rows, link }
}

/** The deal's value as money when the currency is a usable code, else as a number. */
function dealValue(props: Bag): MessageValue | undefined {
  const value = num(field(props, 'value'))
  return value === undefined ? undefined : amount(value, currencyCode(field(props, 'currency')))
}

/** Currency text that could not become money, so it is not lost (as for orders). */
function oddCurrency(props: Bag): string | undefined {
  const currency = field(props, 'currency')
  return currencyCode(currency) === undefined ? text(currency) : undefined
}

/** Stage Changed: "moved to {stage}" when the new stage is known. */
function movedTitle(deal: string | undefined, stage: string | undefined): Message {
  if (stage === undefined) {
    return deal === undefined
      ? timelineMessage('timeline.sales.dealStageChangedNoTitle')
      : timelineMessage('timeline.sales.dealStageChanged', { deal })
  }
  return deal === undefined
    ? timelineMessage('timeline.sales.dealMovedNoTitle', { stage })
    : timelineMessage('timeline.sales.dealMoved', { deal, stage })
}

export function describeSales(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  const deal = firstText(props, ['deal_title'])
  const stage = firstText(props, ['stage'])
  const value = dealValue(props)
  const rows = new DetailRows(maxDetails)
  let title: Message
  switch (facts.action) {
    case 'deal_created':
      title =
        deal === undefined
          ? timelineMessage('timeline.sales.dealCreatedNoTitle')
          : timelineMessage('timeline.sales.dealCreated', { deal })
      rows
        .add('timeline.detail.value', value)
        .add('timeline.detail.currency', oddCurrency(props))
        .add('timeline.detail.stage', stage)
      break
    case 'deal_stage_changed':
      title = movedTitle(deal, stage)
      rows.add('timeline.detail.previousStage', firstText(props, ['previous_stage']))
      break
    case 'deal_won':
      title =
        value === undefined
          ? timelineMessage('timeline.sales.dealWonNoValue')
          : timelineMessage('timeline.sales.dealWon', { value })
      // Won and lost put the outcome in the title, so the deal is named here.
      rows.add('timeline.detail.deal', deal).add('timeline.detail.currency', oddCurrency(props))
      break
    case 'deal_lost': {
      const reason = firstText(props, ['lost_reason'])
      title =
        reason === undefined
          ? timelineMessage('timeline.sales.dealLostNoReason')
          : timelineMessage('timeline.sales.dealLost', { reason })
      rows.add('timeline.detail.deal', deal).add('timeline.detail.stage', stage)
      break
    }
    default: {
      // Person Created, and any sales key classify.ts learns before this describer does.
      const link = linkTo(props, 'person_url', 'timeline.link.person')
      title = timelineMessage('timeline.sales.personCreated')
      return link === undefined ? { title, detail: [] } : { title, detail: [], link }
    }
  }
  rows.add('timeline.detail.pipeline', firstText(props, ['pipeline']))
  const link = linkTo(props, 'deal_url', 'timeline.link.deal')
  return link === undefined ? { title, detail: rows.rows } : { title, detail: rows.rows, link }
}
