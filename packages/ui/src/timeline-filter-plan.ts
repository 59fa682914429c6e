/**
 * @module timeline-filter-plan
 * What the timeline's filter bar asks the relay for. Kinds, dates and the typed event name become
 * one events query (`include`/`exclude`/`start`/`end`), so that a range months back or an event not
 * loaded yet is found at once; the same filter, run locally, picks the loaded rows that belong in
 * the filtered view (live rows among them) and, where the server cannot say it exactly, trims the
 * server's answer.
 *
 * The typed name is matched against the standard events' keys, names and titles in the viewer's
 * language (core's event-search) and against the custom events already loaded; the typed text
 * itself is sent as a key too, for a custom event not loaded yet. When the text is so short that it
 * matches more keys than the endpoint takes, the name is matched locally only, on each row's key,
 * name and title.
 */
import {
  dayEnd,
  dayStart,
  eventKeysForText,
  eventNameOfKey,
  filterTimeline,
  formatTimeline,
  needsClientFilter,
  standardEvents,
  timelineTextMatcher,
  toEventsQuery,
  type SearchCandidate,
  type TimelineEntry,
  type TimelineFilter,
} from '@intilery-connect/core'

import type { PanelFormat } from './i18n.ts'
import type { EventsFilter } from './relay-client.ts'
import { rangeProblem, type FilterState } from './filter-state.ts'

/** The events endpoint's limit on an include list. */
const MAX_KEYS = 50

export interface FilterPlan {
  /** Identity of the server query: a new key is a new first page. */
  readonly key: string
  /** The trimmed event name typed (debounced by the caller while it changes). */
  readonly name: string
  readonly query: EventsFilter
  /** The rows of `entries` this filter keeps (loaded rows, or a server answer to trim). */
  keep(entries: readonly TimelineEntry[]): TimelineEntry[]
  /** True when the server's answer needs `keep` (the query asks for more than the filter). */
  readonly trimAnswer: boolean
}

const standardByLocale = new Map<string, readonly SearchCandidate[]>()

/** The standard events as search candidates in `format`'s language (built once per locale). */
function standardCandidates(format: PanelFormat): readonly SearchCandidate[] {
  let found = standardByLocale.get(format.locale)
  if (found === undefined) {
    const events = standardEvents()
    const titles = formatTimeline(
      events.map((e) => e.entry),
      { locale: format.locale, timeZone: 'UTC', now: 0 }
    )
    found = events.map((e, i) => ({ key: e.key, texts: [e.key, e.name, titles[i]?.title ?? ''] }))
    standardByLocale.set(format.locale, found)
  }
  return found
}

const flat = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries.flatMap((e) => (e.burst === undefined ? [e] : flat(e.burst.items)))

/** Loaded custom events as candidates: key, name and title as shown. */
function customCandidates(
  loaded: readonly TimelineEntry[],
  format: PanelFormat
): SearchCandidate[] {
  const custom = flat(loaded).filter((e) => e.kind === 'custom')
  const titles = formatTimeline(custom, { ...format, now: 0 })
  return custom.map((e, i) => ({
    key: e.action,
    texts: [e.action, eventNameOfKey(e.action), titles[i]?.title ?? ''],
  }))
}

/**
 * The core filter for kinds and dates. The days are the viewer's, in the zone the timeline's day
 * headings use: From starts at its first instant there, and To includes its whole day (`end`,
 * exclusive, is where the next day starts).
 */
export function toTimelineFilter(state: FilterState, timeZone: string | undefined): TimelineFilter {
  const instant = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms))
  return {
    kinds: state.kinds.length === 0 ? undefined : state.kinds,
    start: state.from === '' ? undefined : instant(dayStart(state.from, timeZone)),
    end: state.to === '' ? undefined : instant(dayEnd(state.to, timeZone)),
  }
}

const iso = (value: Date | string | undefined) =>
  value instanceof Date ? value.toISOString() : value

/** The plan for `state`, or undefined when nothing is filtered. */
export function planFilter(
  state: FilterState,
  loaded: readonly TimelineEntry[],
  format: PanelFormat
): FilterPlan | undefined {
  const dated = rangeProblem(state) ? { ...state, from: '', to: '' } : state
  const name = state.eventName.trim()
  const base = toTimelineFilter(dated, format.timeZone)
  if (base.kinds === undefined && base.start === undefined && base.end === undefined && name === '')
    return undefined
  let include: string[] | undefined
  let localName: string | undefined
  if (name !== '') {
    const keys = eventKeysForText(name, [
      ...standardCandidates(format),
      ...customCandidates(loaded, format),
    ])
    if (keys.length <= MAX_KEYS) include = keys
    else localName = name
  }
  const filter: TimelineFilter = { ...base, include }
  const server = toEventsQuery(filter)
  const query: EventsFilter = {
    include: server.include,
    exclude: server.exclude,
    start: iso(server.start),
    end: iso(server.end),
  }
  const matches = localName === undefined ? undefined : timelineTextMatcher(localName)
  return {
    key: JSON.stringify(query),
    name,
    query,
    trimAnswer: needsClientFilter(filter) || matches !== undefined,
    keep(entries) {
      const kept = filterTimeline(entries, filter)
      if (matches === undefined) return kept
      const titles = formatTimeline(kept, { ...format, now: 0 })
      return kept.filter((e, i) =>
        matches([e.action, eventNameOfKey(e.action), titles[i]?.title ?? ''])
      )
    },
  }
}
