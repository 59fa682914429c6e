/**
 * @module timeline/campaign-fold
 * Folds one email's journey into one row. An email's sent, delivered, opened and clicked events
 * are four rows an agent reads as one story ("we sent the Spring sale on Monday; she opened it on
 * Tuesday and clicked"), often scattered between page views. Every email event that names the
 * same email (`email_id`, else `message_id`, else `campaign_id` with the same subject) within
 * FOLD_GAP_MS of the group's previous (older-adjacent) member, and not older than the group's
 * "sent" by more than SEND_SKEW_MS (an older event is another send of it), joins one entry, placed
 * where its newest step happened, titled as that step. The entry lists each step once, in the order
 * they happened, with the time it first happened, and keeps every event as an expandable item
 * (`burst.items`, newest first, `burst.fold` = 'campaign'). One event alone stays as it is. One
 * pass plus two maps, O(n).
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import { date, type DetailRow } from '../i18n/message.ts'
import { asBag, field, firstText, idText } from './read-event.ts'
import type { TimelineEntry } from './timeline-entry.ts'

/** Steps of one email further apart than this are separate journeys (a resend, a newsletter). */
export const FOLD_GAP_MS = 30 * 86_400_000

/**
 * How much older than its "sent" a step may be and still belong to that send: steps stamped in the
 * same millisecond, or a little apart by two systems' clocks. Sends of one template a couple of
 * minutes apart stay apart.
 */
export const SEND_SKEW_MS = 60_000

/** The step label of each email event key; keys not listed never fold. */
const STEP_LABEL: ReadonlyMap<string, TimelineMessageId> = new Map<string, TimelineMessageId>([
  ['email_sent', 'timeline.campaign.sent'],
  ['email_delivered', 'timeline.campaign.delivered'],
  ['email_opened', 'timeline.campaign.opened'],
  ['email_clicked', 'timeline.campaign.clicked'],
  ['email_link_clicked', 'timeline.campaign.clicked'],
  ['email_bounced', 'timeline.campaign.bounced'],
  ['email_marked_as_spam', 'timeline.campaign.spam'],
  ['unsubscribed', 'timeline.campaign.unsubscribed'],
  ['email_unsubscribed', 'timeline.campaign.unsubscribed'],
])

const SUBJECT = ['email_subject', 'subject']

function props(entry: TimelineEntry) {
  return asBag(field(asBag(field(asBag(entry.raw), 'rawData')), 'properties'))
}

/** Which email an entry is a step of, or undefined when it is not a foldable email event. */
export function emailKey(entry: TimelineEntry): string | undefined {
  if (entry.kind !== 'email' || entry.burst !== undefined || !STEP_LABEL.has(entry.action)) {
    return undefined
  }
  const bag = props(entry)
  const email = idText(field(bag, 'email_id')) ?? idText(field(bag, 'message_id'))
  if (email !== undefined) return `e:${email}`
  const campaign = idText(field(bag, 'campaign_id'))
  if (campaign === undefined) return undefined
  return `c:${campaign}\u0000${firstText(bag, SUBJECT) ?? ''}`
}

/** One row per step, oldest step first, with the time it first happened. */
function stepRows(items: readonly TimelineEntry[]): DetailRow[] {
  const rows: DetailRow[] = []
  const seen = new Set<TimelineMessageId>()
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as TimelineEntry
    const label = STEP_LABEL.get(item.action)
    if (label === undefined || seen.has(label)) continue
    seen.add(label)
    rows.push({ label: { id: label }, value: date(item.at) })
  }
  return rows
}

/** The entry standing for one email's steps (`items` newest first, at least two). */
export function makeCampaignFold(items: TimelineEntry[]): TimelineEntry {
  const newest = items[0] as TimelineEntry
  const oldest = items[items.length - 1] as TimelineEntry
  return {
    id: `campaign:${newest.id}`,
    at: newest.at,
    kind: 'email',
    action: newest.action,
    // The newest step's own words ("Clicked a link in “Spring sale”"): where the story stands,
    // which a pasted note's one line needs too. The detail rows tell the rest.
    title: newest.title,
    detail: stepRows(items),
    source: newest.source,
    raw: newest.raw,
    burst: { count: items.length, from: oldest.at, items, fold: 'campaign' },
  }
}

/**
 * Folds `entries` (newest first, epoch ms in `times` at the same indexes; NaN when unreadable).
 * Answers the entries and their times, in the same order convention.
 */
export function foldCampaigns(
  entries: readonly TimelineEntry[],
  times: readonly number[]
): { entries: TimelineEntry[]; times: number[] } {
  // Pass 1: group members (index lists, newest first) by email key within the gap. A group's
  // "sent" is where its story begins: anything older with the same key (beyond SEND_SKEW_MS) is
  // an earlier send (a transactional template's id is often the same for every send).
  const open = new Map<string, number[]>()
  /** Each group's oldest "sent" so far, in epoch ms. */
  const sentAt = new Map<number[], number>()
  const groupOf = new Array<number[] | undefined>(entries.length)
  let folds = 0
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as TimelineEntry
    const key = emailKey(entry)
    const ms = times[i] as number
    if (key === undefined || Number.isNaN(ms)) continue
    let group = open.get(key)
    const last = group?.at(-1)
    if (
      group === undefined ||
      last === undefined ||
      (sentAt.get(group) ?? Number.NEGATIVE_INFINITY) - ms > SEND_SKEW_MS ||
      (times[last] as number) - ms > FOLD_GAP_MS
    ) {
      group = []
      open.set(key, group)
    }
    group.push(i)
    groupOf[i] = group
    if (entry.action === 'email_sent') sentAt.set(group, ms)
    if (group.length === 2) folds += 1
  }
  if (folds === 0) return { entries: [...entries], times: [...times] }
  // Pass 2: a group of two or more becomes one entry at its newest member's place.
  const outEntries: TimelineEntry[] = []
  const outTimes: number[] = []
  for (let i = 0; i < entries.length; i += 1) {
    const group = groupOf[i]
    if (group === undefined || group.length < 2) {
      outEntries.push(entries[i] as TimelineEntry)
      outTimes.push(times[i] as number)
    } else if (group[0] === i) {
      outEntries.push(makeCampaignFold(group.map((k) => entries[k] as TimelineEntry)))
      outTimes.push(times[i] as number)
    }
  }
  return { entries: outEntries, times: outTimes }
}
