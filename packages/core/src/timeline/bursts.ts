/**
 * @module timeline/bursts
 * Collapses runs of alike events into one entry, so that seven page views in three minutes read
 * "Viewed 7 pages, from /pricing" and do not push the order placed just before them off screen.
 *
 * The rule: walking entries in time order, a run is a maximal sequence of consecutive entries with
 * the same `action` in which every gap between neighbours is at most `windowMs` (a gap of exactly
 * `windowMs` still joins). Any other entry in between ends the run. A run of at least `minBurst`
 * entries becomes one burst entry; shorter runs stay as they are. Entries without an action or
 * without a readable time never join a run, nor do entries that already stand for several (a campaign
 * fold).
 *
 * When every item of a burst has the same title ("Opened “Spring sale”" three times), the title
 * says so with a count ("Opened “Spring sale” 3 times") where the catalogue has that wording.
 *
 * A burst entry has id `burst:<newest eventId>`, `at` = the newest item's time, `burst.from` = the
 * oldest item's time, `burst.items` = the entries, newest first, and the newest item's kind,
 * action, source and raw event. Its title counts the items and, for pages, screens and searches,
 * names the earliest one (where the visit started). It has no detail rows: the items have theirs.
 * One pass, O(n).
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import type { Message } from '../i18n/message.ts'
import { timelineMessage } from './detail-rows.ts'
import { pageLabel, screenLabel } from './describe-views.ts'
import { type EventFacts, firstText, readFacts, text } from './read-event.ts'
import type { TimelineEntry } from './timeline-entry.ts'

export interface BurstRule {
  readonly windowMs: number
  readonly minBurst: number
}

const COUNT_TITLES: ReadonlyMap<string, TimelineMessageId> = new Map<string, TimelineMessageId>([
  ['product_viewed', 'timeline.burst.productsViewed'],
  ['product_added', 'timeline.burst.productsAdded'],
  ['product_removed', 'timeline.burst.productsRemoved'],
  ['email_sent', 'timeline.burst.emailsSent'],
  ['email_delivered', 'timeline.burst.emailsDelivered'],
  ['email_opened', 'timeline.burst.emailsOpened'],
  ['email_clicked', 'timeline.burst.emailsClicked'],
  ['email_link_clicked', 'timeline.burst.emailsClicked'],
  ['email_bounced', 'timeline.burst.emailsBounced'],
  ['ticket_created', 'timeline.burst.ticketsOpened'],
  ['ticket_solved', 'timeline.burst.ticketsSolved'],
  ['deal_created', 'timeline.burst.dealsCreated'],
  ['deal_stage_changed', 'timeline.burst.dealStageChanges'],
])

type FirstTitles = readonly [
  withFirst: TimelineMessageId,
  noFirst: TimelineMessageId,
  first: (facts: EventFacts) => string | undefined,
]

const pagePath = (facts: EventFacts) => firstText(facts.props, ['path']) ?? pageLabel(facts)
const PAGE: FirstTitles = ['timeline.burst.pages', 'timeline.burst.pagesNoFirst', pagePath]
const SCREEN: FirstTitles = ['timeline.burst.screens', 'timeline.burst.screensNoFirst', screenLabel]
const SEARCH: FirstTitles = [
  'timeline.burst.searches',
  'timeline.burst.searchesNoFirst',
  (facts) => firstText(facts.props, ['query', 'search_term', 'q']),
]

/** Titles of identical repeats: the item's title id -> the same words with a count. */
const TIMES_TITLES: ReadonlyMap<string, TimelineMessageId> = new Map<string, TimelineMessageId>([
  ['timeline.email.opened', 'timeline.burst.openedTimes'],
  ['timeline.email.openedNoSubject', 'timeline.burst.openedNoSubjectTimes'],
  ['timeline.email.clicked', 'timeline.burst.clickedTimes'],
  ['timeline.email.clickedNoSubject', 'timeline.burst.clickedNoSubjectTimes'],
  ['timeline.commerce.productViewed', 'timeline.burst.productViewedTimes'],
])

function sameValues(a: Message['values'], b: Message['values']): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  // Title values are strings and numbers here (subjects, names); objects compare by identity.
  return keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
}

/** The counted title when every item says the same thing and the catalogue has the wording. */
function timesTitle(items: readonly TimelineEntry[]): Message | undefined {
  const { id, values } = (items[0] as TimelineEntry).title
  const timesId = TIMES_TITLES.get(id)
  if (timesId === undefined) return undefined
  for (const item of items) {
    if (item.title.id !== id || !sameValues(item.title.values, values)) return undefined
  }
  return timelineMessage(timesId, { ...values, count: items.length })
}

/** The title of a burst of `items` (newest first, at least two). */
export function burstTitle(items: readonly TimelineEntry[]): Message {
  const newest = items[0] as TimelineEntry
  const oldest = items[items.length - 1] as TimelineEntry
  const count = items.length
  const same = timesTitle(items)
  if (same !== undefined) return same
  const withFirst =
    newest.kind === 'page'
      ? PAGE
      : newest.kind === 'screen'
        ? SCREEN
        : newest.action === 'products_searched'
          ? SEARCH
          : undefined
  if (withFirst !== undefined) {
    const first = withFirst[2](readFacts(oldest.raw))
    return first === undefined
      ? timelineMessage(withFirst[1], { count })
      : timelineMessage(withFirst[0], { count, first })
  }
  if (newest.kind === 'identify') return timelineMessage('timeline.burst.profileUpdates', { count })
  const byCount = COUNT_TITLES.get(newest.action)
  if (byCount !== undefined) return timelineMessage(byCount, { count })
  const name = text(readFacts(newest.raw).name) ?? newest.action
  return timelineMessage('timeline.burst.repeated', { name, count })
}

/** One entry standing for `items` (newest first, at least two, one action). */
export function makeBurst(items: TimelineEntry[]): TimelineEntry {
  const newest = items[0] as TimelineEntry
  const oldest = items[items.length - 1] as TimelineEntry
  return {
    id: `burst:${newest.id}`,
    at: newest.at,
    kind: newest.kind,
    action: newest.action,
    title: burstTitle(items),
    detail: [],
    source: newest.source,
    raw: newest.raw,
    burst: { count: items.length, from: oldest.at, items },
  }
}

/**
 * Applies the rule above to `entries` (newest first) whose epoch milliseconds are `times` (same
 * indexes; NaN when unreadable).
 */
export function collapseBursts(
  entries: readonly TimelineEntry[],
  times: readonly number[],
  rule: BurstRule
): TimelineEntry[] {
  const minBurst = Math.max(2, rule.minBurst)
  const collapsed: TimelineEntry[] = []
  let start = 0
  while (start < entries.length) {
    const action = (entries[start] as TimelineEntry).action
    let end = start + 1
    if (action !== '' && (entries[start] as TimelineEntry).burst === undefined) {
      while (
        end < entries.length &&
        (entries[end] as TimelineEntry).action === action &&
        (entries[end] as TimelineEntry).burst === undefined &&
        // Newest first, so the earlier neighbour is the newer one. NaN fails and ends the run.
        (times[end - 1] as number) - (times[end] as number) <= rule.windowMs
      ) {
        end += 1
      }
    }
    if (end - start >= minBurst) collapsed.push(makeBurst(entries.slice(start, end)))
    else for (let i = start; i < end; i += 1) collapsed.push(entries[i] as TimelineEntry)
    start = end
  }
  return collapsed
}
