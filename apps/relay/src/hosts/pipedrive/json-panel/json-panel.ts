/**
 * @module hosts/pipedrive/json-panel/json-panel
 * A customer as Pipedrive's JSON panel shows it (apps/pipedrive/json-panel/data-structure.json is
 * the schema uploaded to Developer Hub): the profile object first, then the most telling recent
 * events. Pipedrive rejects the whole panel over one undeclared property or wrong type, and cuts
 * text at 255 characters and labels at 40, so every value is fitted here rather than cut mid-way
 * by Pipedrive. Values are plain text (never markdown): a hostile trait stays inert.
 *
 * The panel request carries no locale, so the panel is in English with times as ISO instants,
 * which Pipedrive shows in the viewer's own zone.
 */
import {
  createTranslator,
  formatProfile,
  formatTimeline,
  noCustomerText,
  type CustomerContext,
  type CustomerProfile,
  type TimelineKind,
} from '@intilery-connect/core'

import { panelEvents } from './panel-events.ts'
import type { Subject } from '../resolve-subject.ts'

/**
 * Pipedrive's `email` and `phone` fields are typed: an odd value there could break the whole panel,
 * so only plausible ones go in (the identities are still in the custom panel and the profile link).
 */
const EMAIL = /^[^\s@<>"]{1,128}@[^\s@<>"]{1,126}$/
const PHONE = /^\+?[\d ().-]{3,40}$/

export const MAX_OBJECTS = 10
export const MAX_TEXT = 255
export const MAX_LABEL = 40
const MAX_TAGS = 12
const KEY_TRAITS = 6

type LabelColor = 'green' | 'red' | 'blue' | 'yellow' | 'purple' | 'grey'
export interface PanelLabel {
  readonly color: LabelColor
  readonly label: string
}

/** One object of the panel; every key is declared in data-structure.json. */
export interface PanelObject {
  readonly id: number
  readonly header: string
  readonly email?: string
  readonly phone?: string
  readonly intilery_id?: string
  readonly user_id?: string
  readonly key_traits?: string
  readonly audiences?: readonly string[]
  readonly email_consent?: PanelLabel
  readonly sms_consent?: PanelLabel
  readonly push_consent?: PanelLabel
  readonly last_active?: string
  readonly first_seen?: string
  readonly profile_link?: {
    readonly label: string
    readonly value: string
    readonly external: true
  }
  readonly note?: string
  readonly event_time?: string
  readonly event_type?: PanelLabel
  readonly details?: string
}

export interface JsonPanel {
  readonly data: readonly PanelObject[]
  readonly external_link?: { readonly url: string; readonly label: string }
}

/** At most `max` UTF-16 units, cut between code points, with an ellipsis when cut. */
export function fit(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  let out = ''
  for (const point of flat) {
    if (out.length + point.length > max - 1) break
    out += point
  }
  return `${out}…`
}

/** ISO 8601 as Pipedrive's date-time type wants it; undefined for anything unparsable. */
function instant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

const KIND_COLOR: Record<TimelineKind, LabelColor> = {
  email: 'blue',
  commerce: 'green',
  form: 'purple',
  identify: 'yellow',
  page: 'grey',
  screen: 'grey',
  session: 'grey',
  custom: 'grey',
}

function consentLabel(profile: CustomerProfile, channel: string): PanelLabel | undefined {
  const consent = profile.consent.find((c) => c.channel.toLowerCase() === channel)
  if (consent === undefined) return undefined
  return consent.subscribed
    ? { color: 'green', label: 'Subscribed' }
    : { color: 'red', label: 'Unsubscribed' }
}

export interface JsonPanelOptions {
  /** Where "the full view" of the customer lives (the Intilery customers page). */
  readonly profileUrl: string
  readonly now: number
}

function notesFor(subject: Subject, email: string, context: CustomerContext): string[] {
  const notes: string[] = []
  if (subject.persons !== undefined)
    notes.push(
      `Looked at the first ${subject.persons.shown} ${subject.persons.shown === 1 ? 'person' : 'people'} of this organization${subject.persons.more ? ' (it has more)' : ''}.`
    )
  if (subject.emails[0]?.toLowerCase() !== email.toLowerCase()) notes.push(`Matched on ${email}.`)
  if (context.profiles.length > 1)
    notes.push(`${context.profiles.length} Intilery profiles share this email; showing the first.`)
  return notes
}

function profileObject(
  profile: CustomerProfile,
  notes: readonly string[],
  options: JsonPanelOptions
): PanelObject {
  const formatted = formatProfile(profile, { locale: 'en', timeZone: 'UTC', now: options.now })
  const traits = formatted.traits.rows
    .slice(0, KEY_TRAITS)
    .map((row) => `${row.label}: ${row.value}`)
    .join(' · ')
  const audiences = [...profile.audiences.dynamic, ...profile.audiences.static]
    .slice(0, MAX_TAGS)
    .map((a) => fit(a.name, MAX_LABEL))
  const optional = {
    email: profile.emails.find((email) => EMAIL.test(email)),
    phone: profile.phone !== undefined && PHONE.test(profile.phone) ? profile.phone : undefined,
    user_id: profile.userId,
    key_traits: traits === '' ? undefined : traits,
    audiences: audiences.length === 0 ? undefined : audiences,
    email_consent: consentLabel(profile, 'email'),
    sms_consent: consentLabel(profile, 'sms'),
    push_consent: consentLabel(profile, 'push'),
    last_active: instant(profile.lastActive),
    first_seen: instant(profile.firstSeen),
    note: notes.length === 0 ? undefined : notes.join(' '),
  }
  const fitted = Object.fromEntries(
    Object.entries(optional)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, typeof value === 'string' ? fit(value, MAX_TEXT) : value])
  )
  return {
    id: 1,
    header: fit(profile.name.text, MAX_TEXT),
    intilery_id: fit(profile.id, MAX_TEXT),
    ...fitted,
    profile_link: { label: 'Open in Intilery', value: options.profileUrl, external: true },
  }
}

function eventObjects(context: CustomerContext, limit: number, now: number): PanelObject[] {
  const translator = createTranslator('en')
  const entries = panelEvents(context.timeline.entries, limit)
  return formatTimeline(entries, { locale: 'en', timeZone: 'UTC', now }).map((entry, i) => {
    const details = entry.details.map((d) => `${d.label}: ${d.value}`).join(' · ')
    const when = instant(entry.at)
    return {
      id: i + 2,
      header: fit(entry.title, MAX_TEXT),
      ...(when === undefined ? {} : { event_time: when }),
      event_type: {
        color: KIND_COLOR[entry.kind],
        label: fit(translator.t(`common.kind.${entry.kind}`), MAX_LABEL),
      },
      ...(details === '' ? {} : { details: fit(details, MAX_TEXT) }),
    }
  })
}

/**
 * Pipedrive sends no locale with a JSON panel request, so the panel speaks English; the words are
 * the custom panel's own (core's catalogues), so both panels say the same thing.
 */
const PANEL_LOCALE = 'en'

/**
 * Why there is no customer, as one object: Pipedrive's bare "Nothing to show" would leave a sales
 * rep guessing whether the panel is broken.
 */
function noCustomer(subject: Subject): JsonPanel {
  const { reason, remark } = noCustomerText(subject, PANEL_LOCALE)
  return {
    data: [
      {
        id: 1,
        header: fit(reason, MAX_TEXT),
        ...(remark === undefined ? {} : { note: fit(remark, MAX_TEXT) }),
      },
    ],
  }
}

/** The panel for a matched customer, or one object saying why there is none. */
export function jsonPanel(
  subject: Subject,
  found: { readonly email: string; readonly context: CustomerContext } | undefined,
  options: JsonPanelOptions
): JsonPanel {
  const profile = found?.context.profiles[0]
  if (found === undefined || profile === undefined) return noCustomer(subject)
  const notes = notesFor(subject, found.email, found.context)
  return {
    data: [
      profileObject(profile, notes, options),
      ...eventObjects(found.context, MAX_OBJECTS - 1, options.now),
    ],
    external_link: { url: options.profileUrl, label: 'Open in Intilery' },
  }
}
