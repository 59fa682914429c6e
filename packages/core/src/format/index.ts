/**
 * @module format
 * Localised, text-only views of core's data shapes: timeline rows and the profile card.
 */
export {
  formatTimeline,
  formatTimelineEntry,
  type FormatTimelineOptions,
  type FormattedDetail,
  type FormattedEntry,
  type FormattedLink,
} from './format-timeline.ts'
export {
  formatProfile,
  type ActivityRow,
  type ConsentRow,
  type FormatProfileOptions,
  type FormattedProfile,
  type ProfileRow,
  type ProfileSection,
} from './format-profile.ts'
export { formatRelative, relativeParts, type RelativeParts } from './relative-time.ts'
export { calendarDay, type CalendarDay } from './calendar.ts'
export { dayEnd, dayStart } from './day-start.ts'
export {
  createTimeContext,
  DEFAULT_MAX_VALUE_LENGTH,
  type FormatOptions,
  type FormattedInstant,
  type TimeContext,
} from './time-context.ts'
export { warmFormatters } from './warm-formatters.ts'
