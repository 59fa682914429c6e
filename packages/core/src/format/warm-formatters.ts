/**
 * @module format/warm-formatters
 * Builds, ahead of use, the Intl formatters a first timeline page and customer header need, into
 * intl-cache's caches (where every formatter looks first). A page's first Intl.DateTimeFormat loads
 * ICU's date data: in a fresh Chromium renderer that one constructor took ~45 ms of the sidebar's
 * first paint (bench:zendesk's CPU profile), and each further formatter 1–4 ms. An app calls this
 * while it waits on the network (the relay's answer), so the paint after the answer does not pay it.
 * Building them changes nothing the formatters produce: the same caches would build them on first use.
 * Currency formatters are left to first use: which currencies a customer's values carry is data.
 */
import {
  dateTimeFormat,
  listFormat,
  numberFormat,
  pluralRules,
  relativeTimeFormat,
  validTimeZone,
  type DatePreset,
} from '../i18n/intl-cache.ts'
import { resolveLocaleTag } from '../i18n/locale.ts'
import type { FormatOptions } from './time-context.ts'

/** What a timeline row (time, day headings) and the header (since, dates) are formatted with. */
const FIRST_PAINT_PRESETS: readonly DatePreset[] = [
  'dateTime',
  'dayThisYear',
  'dayOtherYear',
  'monthYear',
  'date',
]

/**
 * Builds the formatters `options` (the viewer's locale and zone, as the panel passes them) use. It
 * needs no catalogue, so it can run while the catalogues load too.
 */
export function warmFormatters(options: Pick<FormatOptions, 'locale' | 'timeZone'>): void {
  const { catalogue, intl } = resolveLocaleTag(options.locale)
  const timeZone = validTimeZone(options.timeZone)
  // Day keys are read in English, whatever the viewer's locale (calendar.ts).
  dateTimeFormat('en', timeZone, 'dayKey')
  for (const preset of FIRST_PAINT_PRESETS) dateTimeFormat(intl, timeZone, preset)
  relativeTimeFormat(intl)
  numberFormat(intl)
  listFormat(intl)
  pluralRules(catalogue, false)
}
