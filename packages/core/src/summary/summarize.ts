/**
 * @module summary/summarize
 * The short note an agent pastes into a Zendesk internal note or a Pipedrive note: who the customer
 * is, how to find them again (email, userId, Intilery id), a few traits, audiences, consent and the
 * last few notable events. A note is read later and by people in other zones, so its times are
 * absolute and carry the zone, and it has no relative times ("2 hours ago" would soon be wrong).
 *
 * `text` is plain text. `markdown` escapes every line (see note-text.ts), so hostile data cannot
 * inject links, images or HTML. Neither format ever contains HTML we created. Pipedrive stores notes
 * as HTML: its caller must escape the text format as HTML before sending it.
 */
import type { CustomerContext } from '../customer/customer-context.ts'
import type { CustomerProfile } from '../customer/customer-profile.ts'
import { listFormat } from '../i18n/intl-cache.ts'
import { truncate } from '../i18n/format-value.ts'
import {
  consentRows,
  identityRows,
  KNOWN_TRAITS,
  nameHint,
  traitRows,
} from '../format/format-profile.ts'
import { createTimeContext, type TimeContext } from '../format/time-context.ts'
import { notableEntries } from './notable-events.ts'
import { renderNote, type NoteBlock, type NoteFormat } from './note-text.ts'

export interface SummarizeOptions {
  /** A locale tag or preference list (junk -> English). */
  readonly locale: string | readonly string[]
  readonly format: NoteFormat
  /** IANA zone for times; default the runtime's zone (the agent's, in a browser). */
  readonly timeZone?: string | undefined
  /** Accepted like the formatters take it; the note shows absolute times only, so it changes nothing. */
  readonly now?: Date | number | string | undefined
  /** How many events the note lists; default 5. */
  readonly maxEvents?: number | undefined
}

/** A note is short: values longer than this are cut. */
const NOTE_VALUE_LENGTH = 120
const MAX_TRAITS = 5
const MAX_AUDIENCES = 5
const MAX_EMAILS = 3
const KNOWN_TRAIT_KEYS: ReadonlySet<string> = new Set(KNOWN_TRAITS)

/** `a, b and 3 more`: the first `max` items, then a count of the rest. */
function shortList(items: readonly string[], max: number, context: TimeContext): string {
  const shown = items.slice(0, max)
  if (items.length > max)
    shown.push(context.tr.t('common.moreCount', { count: items.length - max }))
  return listFormat(context.tr.intlLocale).format(shown)
}

function field(label: string, value: string, context: TimeContext): NoteBlock {
  return { type: 'field', text: context.tr.t('common.labelValue', { label, value }) }
}

function displayName(profile: CustomerProfile, context: TimeContext): string {
  const name = truncate(profile.name.text, context.maxValueLength)
  const hint = nameHint(profile.name, context)
  return hint === undefined ? name : context.tr.t('profile.nameWithHint', { name, hint })
}

/** Email(s), userId and Intilery id: what finds the customer again, in that order. */
function idFields(profile: CustomerProfile, context: TimeContext): NoteBlock[] {
  const rows = identityRows(profile, context)
  const emails = rows.filter((row) => row.key === 'email').map((row) => row.value)
  const blocks: NoteBlock[] = []
  if (emails.length > 0) {
    blocks.push(
      field(context.tr.t('profile.identity.email'), shortList(emails, MAX_EMAILS, context), context)
    )
  }
  for (const key of ['userId', 'id']) {
    const row = rows.find((candidate) => candidate.key === key)
    if (row) blocks.push(field(row.label, row.value, context))
  }
  return blocks
}

function lastActiveField(profile: CustomerProfile, context: TimeContext): NoteBlock[] {
  if (profile.lastActive === undefined) return []
  const { time } = context.instant(profile.lastActive, 'dateTimeZone')
  return [field(context.tr.t('profile.lastActive'), time, context)]
}

function profileDetails(profile: CustomerProfile, context: TimeContext): NoteBlock[] {
  const { tr } = context
  const blocks = idFields(profile, context)
  // Only the well-known traits: a note has no room for every custom key a brand tracks.
  const known = traitRows(profile.traits, context, true).filter((row) =>
    KNOWN_TRAIT_KEYS.has(row.key)
  )
  for (const row of known.slice(0, MAX_TRAITS)) blocks.push(field(row.label, row.value, context))
  const audiences = [...profile.audiences.dynamic, ...profile.audiences.static].map((a) =>
    truncate(a.name, context.maxValueLength)
  )
  if (audiences.length > 0) {
    blocks.push(
      field(
        tr.t('profile.section.audiences'),
        shortList(audiences, MAX_AUDIENCES, context),
        context
      )
    )
  }
  // Grouped by status: "Subscribed: Email and SMS" reads faster than five channel lines.
  const consent = consentRows(profile, context)
  for (const subscribed of [true, false]) {
    const labels = consent.filter((row) => row.subscribed === subscribed).map((row) => row.label)
    if (labels.length === 0) continue
    const status = tr.t(subscribed ? 'profile.consent.subscribed' : 'profile.consent.unsubscribed')
    blocks.push(field(status, listFormat(tr.intlLocale).format(labels), context))
  }
  blocks.push(...lastActiveField(profile, context))
  return blocks
}

function activityBlocks(context: CustomerContext, time: TimeContext, limit: number): NoteBlock[] {
  const { tr } = time
  const blocks: NoteBlock[] = [{ type: 'heading', text: tr.t('profile.summary.recentActivity') }]
  const entries = notableEntries(context.timeline.entries, limit)
  if (entries.length === 0) {
    blocks.push({ type: 'item', text: tr.t('profile.summary.noActivity') })
    return blocks
  }
  for (const entry of entries) {
    const when = time.instant(entry.at, 'dateTimeZone').time
    const title = tr.t(entry.title.id, entry.title.values)
    blocks.push({ type: 'item', text: tr.t('common.labelValue', { label: when, value: title }) })
  }
  return blocks
}

/** The note for one sidebar or panel context, in `options.format`. */
export function summarize(context: CustomerContext, options: SummarizeOptions): string {
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  const time = createTimeContext({
    locale: options.locale,
    timeZone,
    now: options.now,
    maxValueLength: NOTE_VALUE_LENGTH,
  })
  const { tr } = time
  const blocks: NoteBlock[] = []
  const [first] = context.profiles
  if (context.match === 'none' || first === undefined) {
    blocks.push({ type: 'line', text: tr.t('profile.summary.noMatch') })
  } else if (context.match === 'one' || context.profiles.length === 1) {
    const title = tr.t('common.labelValue', {
      label: tr.t('profile.summary.title'),
      value: displayName(first, time),
    })
    blocks.push({ type: 'heading', text: title }, ...profileDetails(first, time))
    blocks.push(...activityBlocks(context, time, options.maxEvents ?? 5))
  } else {
    blocks.push({
      type: 'line',
      text: tr.t('profile.summary.manyMatches', { count: context.profiles.length }),
    })
    // Briefly: enough to tell the matches apart and find each again.
    for (const profile of context.profiles) {
      blocks.push({ type: 'heading', text: displayName(profile, time) })
      blocks.push(...idFields(profile, time), ...lastActiveField(profile, time))
    }
    blocks.push(...activityBlocks(context, time, options.maxEvents ?? 5))
  }
  if (context.stale) {
    const asOf = time.instant(context.fetchedAt, 'dateTimeZone').time
    blocks.push({ type: 'line', text: tr.t('profile.summary.stale', { time: asOf }) })
  }
  return renderNote(blocks, options.format)
}
