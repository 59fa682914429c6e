/**
 * @module hosts/pipedrive/json-panel/panel-objects
 * The JSON panel's objects as apps/pipedrive/json-panel/data-structure.json declares them (the
 * schema uploaded to Developer Hub: one object schema for every object, so at most 20 fields
 * besides the header in all), and the rules every value follows: Pipedrive rejects the whole
 * panel over one undeclared property or wrong type, cuts text at 255 characters and labels at 40,
 * and shows text as it is. So values are fitted here rather than cut mid-way by Pipedrive, are
 * plain text (never markdown: a hostile trait stays inert), and leave through safePanel, which
 * neutralises bidi controls in every string (core's neutralizeBidi).
 */
import { neutralizeBidi } from '@intilery-connect/core'

export const MAX_OBJECTS = 10
export const MAX_TEXT = 255
export const MAX_LABEL = 40

export type LabelColor = 'green' | 'red' | 'blue' | 'yellow' | 'purple' | 'grey'
export interface PanelLabel {
  readonly color: LabelColor
  readonly label: string
}

/** Pipedrive's `currency` type: an ISO 4217 code and a number (never a string). */
export interface PanelMoney {
  readonly code: string
  readonly value: number
}

export interface PanelLink {
  readonly label: string
  readonly value: string
  readonly external: true
}

/** One object of the panel; every key is declared in data-structure.json, in this order. */
export interface PanelObject {
  readonly id: number
  readonly header: string
  /** The header's facts ("Lifetime value: £1,234.00 · Orders: 12"), or an account's count. */
  readonly facts?: string
  /** A person's money fact, an account's total in one currency, or an order's total. */
  readonly value?: PanelMoney
  /** An account's people known to Intilery, by name. */
  readonly people?: string
  readonly order_id?: string
  readonly event_time?: string
  readonly event_type?: PanelLabel
  readonly details?: string
  readonly email?: string
  readonly phone?: string
  readonly audiences?: readonly string[]
  readonly email_consent?: PanelLabel
  readonly sms_consent?: PanelLabel
  readonly last_active?: string
  readonly first_seen?: string
  readonly note?: string
  /** Where in Pipedrive to go on: the person's page, whose custom panel lets the rep choose. */
  readonly pipedrive_link?: PanelLink
  readonly profile_link?: PanelLink
  readonly intilery_id?: string
  readonly user_id?: string
}

export interface JsonPanel {
  readonly data: readonly PanelObject[]
  readonly external_link?: { readonly url: string; readonly label: string }
}

/**
 * One line of at most `max` UTF-16 units, cut between code points, with an ellipsis when cut.
 * No-break spaces stay (Intl puts them in "10,00 €" and French before a colon).
 */
export function fit(text: string, max: number = MAX_TEXT): string {
  const flat = text.replace(/[^\S\u00a0\u202f]+/g, ' ').trim()
  if (flat.length <= max) return flat
  let out = ''
  for (const point of flat) {
    if (out.length + point.length > max - 1) break
    out += point
  }
  return `${out}…`
}

/** ISO 8601 as Pipedrive's date-time type wants it; undefined for anything unparsable. */
export function instant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/**
 * Pipedrive's `email` and `phone` fields are typed: an odd value there could break the whole panel,
 * so only plausible ones go in (the identities are still in the custom panel and the profile link).
 */
const EMAIL = /^[^\s@<>"]{1,128}@[^\s@<>"]{1,126}$/
const PHONE = /^\+?[\d ().-]{3,40}$/
export const plausibleEmail = (email: string | undefined) =>
  email !== undefined && EMAIL.test(email) ? email : undefined
export const plausiblePhone = (phone: string | undefined) =>
  phone !== undefined && PHONE.test(phone) ? phone : undefined

/** `T` whose optional fields may also be given as undefined. */
export type Loose<T> = { [K in keyof T]: T[K] | undefined }

/**
 * An object without its undefined fields: Pipedrive's schema check wants a field absent rather
 * than null, which it would show as an empty row.
 */
export function defined<T extends object>(object: Loose<T>): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T
}

function safe(value: unknown): unknown {
  if (typeof value === 'string') return neutralizeBidi(value)
  if (Array.isArray(value)) return value.map(safe)
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, safe(v)]))
  return value
}

/**
 * The panel with every string in it (values, labels, links, tags) passed through neutralizeBidi:
 * Pipedrive shows them as they are, so a U+202E in a trait would reverse what the rep reads.
 */
export function safePanel(panel: JsonPanel): JsonPanel {
  return safe(panel) as JsonPanel
}
