/**
 * @module timeline
 * The customer timeline: events to entries (messages, never text), bursts, day groups, filters that
 * agree with the events endpoint, and the products viewed but not bought. Generic internal names
 * are exported with a `timeline` prefix, since core's index re-exports every module side by side.
 */
export {
  TIMELINE_KINDS,
  timelineKindSchema,
  timelineEntrySchema,
  type EntryLink as TimelineEntryLink,
  type TimelineEntry,
  type TimelineKind,
} from './timeline-entry.ts'
export {
  toTimeline,
  DEFAULT_BURST_WINDOW_MS as TIMELINE_BURST_WINDOW_MS,
  DEFAULT_MIN_BURST as TIMELINE_MIN_BURST,
  DEFAULT_MAX_DETAILS as TIMELINE_MAX_DETAILS,
  type TimelineOptions,
} from './to-timeline.ts'
export { panelEntries, panelProfile } from './panel-entries.ts'
export {
  KIND_KEYS as TIMELINE_KIND_KEYS,
  kindOf as timelineKindOf,
  kindOfKey as timelineKindOfKey,
} from './classify.ts'
export { groupByDay, type TimelineDay } from './group-by-day.ts'
export {
  filterTimeline,
  toEventsQuery,
  needsClientFilter,
  type TimelineFilter,
} from './filter-timeline.ts'
export {
  eventKeysForText,
  eventNameOfKey,
  searchText as timelineSearchText,
  standardEvents,
  textMatcher as timelineTextMatcher,
  type SearchCandidate,
  type StandardEvent,
} from './event-search.ts'
export { recentlyViewedNotPurchased, type ViewedProduct } from './recently-viewed.ts'
export { MAX_TEXT as TIMELINE_MAX_TEXT, MAX_LABEL as TIMELINE_MAX_LABEL } from './read-event.ts'
