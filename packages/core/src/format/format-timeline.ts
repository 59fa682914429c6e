/**
 * @module format/format-timeline
 * TimelineEntry (messages + values) -> rows of plain strings for one viewer. The UI renders these as
 * text nodes; nothing here produces markup, and data (subjects, paths, property names) passes through
 * verbatim apart from truncation. One TimeContext serves the whole list, so the Intl formatters,
 * compiled messages and day headings are built once, not per row.
 */
import type { DetailRow, Label } from '../i18n/message.ts'
import { truncate } from '../i18n/format-value.ts'
import type { TimelineEntry, TimelineKind } from '../timeline/timeline-entry.ts'
import { createTimeContext, type FormatOptions, type TimeContext } from './time-context.ts'

export interface FormattedDetail {
  readonly label: string
  readonly value: string
}

export interface FormattedEntry {
  readonly id: string
  readonly kind: TimelineKind
  /** The entry's instant as received (ISO 8601), for `<time datetime>` and sorting. */
  readonly at: string
  readonly title: string
  readonly details: readonly FormattedDetail[]
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

/** A label from the catalogue is translated; a label taken from the data is shown as it is. */
export function formatLabel(label: Label, context: TimeContext): string {
  return 'id' in label ? context.tr.t(label.id) : truncate(label.text, context.maxValueLength)
}

function formatDetail(row: DetailRow, context: TimeContext): FormattedDetail {
  const { value } = row
  // A date (a campaign step's time) through the pass's per-minute cache: same text, one Intl call
  // per minute rather than per row.
  const date =
    typeof value === 'object' && value.type === 'date' ? context.absolute(value.at) : undefined
  return { label: formatLabel(row.label, context), value: date ?? context.tr.value(value) }
}

function formatEntry(entry: TimelineEntry, context: TimeContext): FormattedEntry {
  const when = context.instant(entry.at)
  const formatted: FormattedEntry = {
    id: entry.id,
    kind: entry.kind,
    at: entry.at,
    title: context.tr.t(entry.title.id, entry.title.values),
    details: entry.detail.map((row) => formatDetail(row, context)),
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
