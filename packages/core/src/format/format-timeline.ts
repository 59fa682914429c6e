/**
 * @module format/format-timeline
 * TimelineEntry (messages + values) -> rows of plain strings for one viewer. The UI renders these as
 * text nodes; nothing here produces markup, and data (subjects, paths, property names) passes through
 * verbatim apart from truncation. One TimeContext serves the whole list, so the Intl formatters,
 * compiled messages and day headings are built once, not per row.
 */
import type { DetailRow, Label } from '../i18n/message.ts'
import { truncate } from '../i18n/format-value.ts'
import { humanizeKey } from '../presentation/humanize-key.ts'
import { safeLinkHref } from '../timeline/safe-link.ts'
import type { TimelineEntry, TimelineKind } from '../timeline/timeline-entry.ts'
import { createTimeContext, type FormatOptions, type TimeContext } from './time-context.ts'

export interface FormattedDetail {
  readonly label: string
  readonly value: string
}

/** A link back to where the event happened: open `href` (an attribute), show `label` (text). */
export interface FormattedLink {
  readonly href: string
  readonly label: string
}

export interface FormattedEntry {
  readonly id: string
  readonly kind: TimelineKind
  /** The entry's instant as received (ISO 8601), for `<time datetime>` and sorting. */
  readonly at: string
  readonly title: string
  readonly details: readonly FormattedDetail[]
  /** Support and sales rows: the ticket, deal or person, when its URL is safe (safe-link.ts). */
  readonly link?: FormattedLink | undefined
  /** Absolute time in the viewer's zone and locale. */
  readonly time: string
  /** "2 hours ago", "yesterday", "in 5 minutes". */
  readonly relative: string
  /** `YYYY-MM-DD` in the viewer's zone: rows with the same day share a heading. */
  readonly day: string
  /** The heading: "Today", "Yesterday" or a short date. */
  readonly dayLabel: string
  /** Set for a collapsed run of events; `items` are formatted like any row, newest first. */
  readonly burst?: {
    readonly count: number
    readonly items: readonly FormattedEntry[]
    /** 'campaign' for one email's steps (the details list them); absent for a run of alike events. */
    readonly fold?: 'campaign' | undefined
  }
}

export type FormatTimelineOptions = FormatOptions

/**
 * Data labels of one pass, by their text. A timeline repeats a few property names thousands of
 * times; humanising each once per pass keeps bench:timeline as fast as showing them verbatim, and a
 * cache that lives as long as its pass never grows with what a long-running relay has seen.
 */
const dataLabels = new WeakMap<TimeContext, Map<string, string>>()
/** The pass being formatted: its rows ask for its labels one after another. */
let current: { context: TimeContext; labels: Map<string, string> } | undefined

function labelsOf(context: TimeContext): Map<string, string> {
  if (current?.context === context) return current.labels
  let labels = dataLabels.get(context)
  if (labels === undefined) {
    labels = new Map()
    dataLabels.set(context, labels)
  }
  current = { context, labels }
  return labels
}

/**
 * A label from the catalogue is translated. A label taken from the data (a property name) reads as
 * words when it is an identifier (`gift_wrap` -> "Gift wrap"); anything else (spaces, punctuation,
 * markup) is data and is shown as it is (humanizeKey leaves it alone).
 */
export function formatLabel(label: Label, context: TimeContext): string {
  if ('id' in label) return context.tr.t(label.id)
  const labels = labelsOf(context)
  let text = labels.get(label.text)
  if (text === undefined) {
    text = truncate(humanizeKey(label.text, context.tr), context.maxValueLength)
    labels.set(label.text, text)
  }
  return text
}

function formatDetail(row: DetailRow, context: TimeContext): FormattedDetail {
  const { value } = row
  // A date (a campaign step's time) through the pass's per-minute cache: same text, one Intl call
  // per minute rather than per row.
  const date =
    typeof value === 'object' && value.type === 'date' ? context.absolute(value.at) : undefined
  return { label: formatLabel(row.label, context), value: date ?? context.tr.value(value) }
}

/** The entry's link, checked again: entries also arrive from the relay, and this is what is opened. */
function formatLink({ link }: TimelineEntry, context: TimeContext): FormattedLink | undefined {
  // `timeline.link.ticket` goes into Zendesk; `….deal` and `….person` into Pipedrive.
  const href = safeLinkHref(link?.href, link?.label.id.endsWith('ticket') ? 'zendesk' : 'pipedrive')
  return href === undefined || link === undefined
    ? undefined
    : { href, label: context.tr.t(link.label.id, link.label.values) }
}

function formatEntry(entry: TimelineEntry, context: TimeContext): FormattedEntry {
  const when = context.instant(entry.at)
  const formatted: FormattedEntry = {
    id: entry.id,
    kind: entry.kind,
    at: entry.at,
    title: context.tr.t(entry.title.id, entry.title.values),
    details: entry.detail.map((row) => formatDetail(row, context)),
    link: formatLink(entry, context),
    time: when.time,
    relative: when.relative,
    day: when.day,
    dayLabel: when.dayLabel,
  }
  if (entry.burst === undefined) return formatted
  return {
    ...formatted,
    burst: {
      count: entry.burst.count,
      items: entry.burst.items.map((item) => formatEntry(item, context)),
      ...(entry.burst.fold === undefined ? {} : { fold: entry.burst.fold }),
    },
  }
}

/** Formats timeline entries for one viewer; the order of `entries` is kept. */
export function formatTimeline(
  entries: readonly TimelineEntry[],
  options: FormatTimelineOptions
): FormattedEntry[] {
  const context = createTimeContext(options)
  return entries.map((entry) => formatEntry(entry, context))
}

/** One entry, for callers that format rows one by one (e.g. a live update). */
export function formatTimelineEntry(
  entry: TimelineEntry,
  options: FormatTimelineOptions
): FormattedEntry {
  return formatEntry(entry, createTimeContext(options))
}
