/**
 * @module format/time-context
 * One viewer's clock: locale, time zone and "now", fixed for a whole formatting pass so that every
 * row of a timeline is measured against the same instant, and per-day work (the day heading) is done
 * once per day rather than once per row.
 */
import { instantOf, truncate } from '../i18n/format-value.ts'
import { dateTimeFormat, relativeTimeFormat, type DatePreset } from '../i18n/intl-cache.ts'
import { createTranslator, type Translator } from '../i18n/locale.ts'
import { calendarDay, type CalendarDay } from './calendar.ts'
import { relativeParts } from './relative-time.ts'

/** Options every formatter takes. */
export interface FormatOptions {
  /** A locale tag or preference list; resolved with resolveLocale (junk -> English). */
  readonly locale: string | readonly string[]
  /** IANA zone times are shown in; UTC when unknown. */
  readonly timeZone?: string | undefined
  /** The instant relative times are measured from; default: the current time. */
  readonly now?: Date | number | string | undefined
  /** Longest data value shown, in code points; default 300. */
  readonly maxValueLength?: number | undefined
}

/** How one instant reads: absolute, relative and its day. */
export interface FormattedInstant {
  /** Absolute, locale-formatted in the zone ("Nov 22, 2026, 9:00 AM"); raw text when unparsable. */
  readonly time: string
  /** "2 hours ago", "yesterday", "in 3 days"; empty when the instant is unparsable. */
  readonly relative: string
  /** `YYYY-MM-DD` in the zone; empty when unparsable. */
  readonly day: string
  /** "Today", "Yesterday", "Tomorrow" or a short date ("Sun, Nov 22"). */
  readonly dayLabel: string
}

export interface TimeContext {
  readonly tr: Translator
  readonly nowMs: number
  readonly maxValueLength: number
  /** Formats an ISO 8601 instant; `preset` picks the absolute style. */
  instant(at: string, preset?: DatePreset): FormattedInstant
  /**
   * The absolute text alone (a date value: the same text as `tr.value`, from the pass's per-minute
   * cache); undefined when `at` is unparsable.
   */
  absolute(at: string, preset?: DatePreset): string | undefined
}

export const DEFAULT_MAX_VALUE_LENGTH = 300

function toMs(now: FormatOptions['now']): number {
  if (now instanceof Date) return now.getTime()
  if (typeof now === 'number' && Number.isFinite(now)) return now
  if (typeof now === 'string') {
    const ms = instantOf(now)
    if (ms !== undefined) return ms
  }
  return Date.now()
}

export function createTimeContext(options: FormatOptions): TimeContext {
  const maxValueLength = options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH
  const tr = createTranslator(options.locale, { timeZone: options.timeZone, maxValueLength })
  const { timeZone, intlLocale } = tr
  const nowMs = toMs(options.now)
  const today = calendarDay(nowMs, timeZone)
  const dayLabels = new Map<string, string>()
  // Resolved once per pass: the shared caches are cheap, but not free when called 10,000 times.
  const relativeFormat = relativeTimeFormat(intlLocale)
  const absolute = new Map<DatePreset, Intl.DateTimeFormat>()
  const absoluteFormat = (preset: DatePreset) => {
    let format = absolute.get(preset)
    if (format === undefined) {
      format = dateTimeFormat(intlLocale, timeZone, preset)
      absolute.set(preset, format)
    }
    return format
  }

  // A timeline repeats the same minutes and the same "3 hours ago" thousands of times; formatting
  // each once per pass instead of once per row is most of the cost of a 10,000-entry timeline.
  // Safe because every preset shows minutes at the finest (timeStyle 'short', no seconds).
  // Keyed by the minute as a number, one map per preset: no key string to build per row.
  const absoluteByMinute = new Map<DatePreset, Map<number, string>>()
  const absoluteText = (ms: number, preset: DatePreset): string => {
    let byMinute = absoluteByMinute.get(preset)
    if (byMinute === undefined) {
      byMinute = new Map()
      absoluteByMinute.set(preset, byMinute)
    }
    const minute = Math.floor(ms / 60_000)
    let text = byMinute.get(minute)
    if (text === undefined) {
      text = absoluteFormat(preset).format(ms)
      byMinute.set(minute, text)
    }
    return text
  }
  const relativeTexts = new Map<string, string>()
  const relativeText = (value: number, unit: Intl.RelativeTimeFormatUnit): string => {
    const key = `${unit}:${value}`
    let text = relativeTexts.get(key)
    if (text === undefined) {
      text = relativeFormat.format(value, unit)
      relativeTexts.set(key, text)
    }
    return text
  }

  const dayLabel = (ms: number, day: CalendarDay): string => {
    let label = dayLabels.get(day.key)
    if (label !== undefined) return label
    const diff = day.serial - today.serial
    if (diff === 0) label = tr.t('common.today')
    else if (diff === -1) label = tr.t('common.yesterday')
    else if (diff === 1) label = tr.t('common.tomorrow')
    else {
      const preset = day.year === today.year ? 'dayThisYear' : 'dayOtherYear'
      label = absoluteFormat(preset).format(ms)
    }
    dayLabels.set(day.key, label)
    return label
  }

  return {
    tr,
    nowMs,
    maxValueLength,
    absolute(at, preset = 'dateTime') {
      const ms = instantOf(at)
      return ms === undefined ? undefined : absoluteText(ms, preset)
    },
    instant(at, preset = 'dateTime') {
      const ms = instantOf(at)
      if (ms === undefined) {
        return {
          time: truncate(at, maxValueLength),
          relative: '',
          day: '',
          dayLabel: tr.t('common.unknownDate'),
        }
      }
      const day = calendarDay(ms, timeZone)
      const { value, unit } = relativeParts(ms, nowMs, timeZone, { at: day, now: today })
      return {
        time: absoluteText(ms, preset),
        relative: relativeText(value, unit),
        day: day.key,
        dayLabel: dayLabel(ms, day),
      }
    },
  }
}
