/**
 * @module timeline/describe-email
 * Email events (Segment's Email spec, as Intilery sends them): the subject goes in the title, since
 * "Opened “Spring sale”" is what an agent needs; the campaign, the clicked link, the bounce reason
 * and the unsubscribed list are details. The subject is not repeated as a detail: in a 320px column
 * every row counts.
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import { type EventFacts, firstText } from './read-event.ts'

/** A detail row: its label and the properties that may hold its value, best first. */
type Row = readonly [label: TimelineMessageId, keys: readonly string[]]

interface EmailKind {
  readonly withSubject: TimelineMessageId
  readonly noSubject: TimelineMessageId
  /** Rows this kind of email event carries, before the campaign (a click has a link, a bounce a reason). */
  readonly rows: readonly Row[]
}

const SUBJECT = ['email_subject', 'subject']
const CAMPAIGN: Row = ['timeline.detail.campaign', ['campaign_name', 'campaign', 'campaign_id']]
const CLICK: readonly Row[] = [
  ['timeline.detail.link', ['link', 'link_text']],
  ['timeline.detail.url', ['url', 'link_url']],
]
const BOUNCE: readonly Row[] = [['timeline.detail.reason', ['reason', 'bounce_reason']]]
const UNSUBSCRIBE: readonly Row[] = [['timeline.detail.list', ['list', 'list_name']]]

const email = (
  withSubject: TimelineMessageId,
  noSubject: TimelineMessageId,
  rows: readonly Row[] = []
): EmailKind => ({ withSubject, noSubject, rows })

const SENT = email('timeline.email.sent', 'timeline.email.sentNoSubject')
const CLICKED = email('timeline.email.clicked', 'timeline.email.clickedNoSubject', CLICK)
const UNSUBSCRIBED = email(
  'timeline.email.unsubscribed',
  'timeline.email.unsubscribedNoSubject',
  UNSUBSCRIBE
)

const KINDS: ReadonlyMap<string, EmailKind> = new Map([
  ['email_sent', SENT],
  ['email_delivered', email('timeline.email.delivered', 'timeline.email.deliveredNoSubject')],
  ['email_opened', email('timeline.email.opened', 'timeline.email.openedNoSubject')],
  ['email_clicked', CLICKED],
  ['email_link_clicked', CLICKED],
  ['email_bounced', email('timeline.email.bounced', 'timeline.email.bouncedNoSubject', BOUNCE)],
  ['email_marked_as_spam', email('timeline.email.spam', 'timeline.email.spamNoSubject')],
  ['unsubscribed', UNSUBSCRIBED],
  ['email_unsubscribed', UNSUBSCRIBED],
])

export function describeEmail(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  // Only email keys reach here (classify.ts); SENT covers a key added there but not here.
  const kind = KINDS.get(facts.action) ?? SENT
  const subject = firstText(props, SUBJECT)
  const title =
    subject === undefined
      ? timelineMessage(kind.noSubject)
      : timelineMessage(kind.withSubject, { subject })
  const rows = new DetailRows(maxDetails)
  for (const [label, keys] of kind.rows) rows.add(label, firstText(props, keys))
  rows.add(CAMPAIGN[0], firstText(props, CAMPAIGN[1]))
  return { title, detail: rows.rows }
}
