/**
 * @module timeline/read-event
 * Defensive readers for event data. Events reach the timeline typed as ProfileEvent, but their
 * properties are whatever a tracking call sent: any field may be missing, null, of the wrong type,
 * huge or hostile. Every reader answers `undefined` rather than throwing, and every string it
 * answers is cut to a length a 320px sidebar can show. Strings are otherwise kept verbatim: they
 * are data, and the renderer shows them as text.
 */
import { toEventKey } from '../event-key.ts'
import { date, money, type MessageValue } from '../i18n/message.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { instantMs } from './event-time.ts'

/** Longest value string kept; a sidebar row cannot show 5,000 characters. */
export const MAX_TEXT = 200
/** Longest label taken from data (a property or trait name). */
export const MAX_LABEL = 80

/** A read-only view of an object from the data. */
export type Bag = Readonly<Record<string, unknown>>
const EMPTY: Bag = Object.freeze({})

const NON_BLANK = /\S/
const NUMERIC = /^\s*-?\d+(?:\.\d+)?\s*$/
const CURRENCY = /^[A-Za-z]{3}$/

/** `value` when it is a plain object, else an empty one: arrays, null and scalars read as empty. */
export function asBag(value: unknown): Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Bag)
    : EMPTY
}

/**
 * An own property only, so that a key such as `constructor` never answers what Object.prototype
 * has. Most reads miss (describers try several keys), so the ownership check runs only on a hit.
 */
export function field(bag: Bag, key: string): unknown {
  const value = bag[key]
  return value !== undefined && Object.hasOwn(bag, key) ? value : undefined
}

/** Cuts `value` to `max` characters, the last one an ellipsis, never splitting a surrogate pair. */
export function truncate(value: string, max = MAX_TEXT): string {
  if (value.length <= max) return value
  let cut = max - 1
  const last = value.charCodeAt(cut - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1
  return `${value.slice(0, cut)}…`
}

/** A non-blank string, truncated. */
export function text(value: unknown, max = MAX_TEXT): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  // Most values start with a visible character; only the others need the regex.
  return value.charCodeAt(0) > 32 || NON_BLANK.test(value) ? truncate(value, max) : undefined
}

/** The first of `keys` that holds a non-blank string. */
export function firstText(bag: Bag, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = text(field(bag, key))
    if (found !== undefined) return found
  }
  return undefined
}

/** An identifier: a non-blank string or a finite number, as text. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  return text(value)
}

/** A finite number, also from numeric text (`"95.97"`), which some trackers send. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.length < 40 && NUMERIC.test(value)) {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

/**
 * An ISO 4217-shaped code, upper-cased. Only these become money values: the renderer hands the
 * code to Intl.NumberFormat, which throws on anything that is not three letters.
 */
export function currencyCode(value: unknown): string | undefined {
  return typeof value === 'string' && CURRENCY.test(value) ? value.toUpperCase() : undefined
}

/** An amount as money when the currency is usable, else as a plain number. */
export function amount(value: number, currency: string | undefined): MessageValue {
  return currency === undefined ? value : money(value, currency)
}

/**
 * A date-time string (it has a time part) as a date value, so the renderer shows it in the
 * viewer's zone and language. Date-only strings stay text: shifting them by a zone would change
 * the day.
 */
export function dateTime(value: string): MessageValue | undefined {
  if (value.length > 40 || !value.includes('T')) return undefined
  const ms = instantMs(value)
  if (ms === undefined || !Number.isFinite(ms)) return undefined
  const instant = new Date(ms)
  return Number.isNaN(instant.getTime()) ? undefined : date(instant.toISOString())
}

/*
 * The event's own fields are read directly, not through `field`: none of these names exists on
 * Object.prototype, and a read site of its own sees few object shapes, so V8 keeps it fast. A
 * shared helper reading every key of every shape is the slowest part of a 10,000-event timeline.
 */

/** Epoch milliseconds of the event, NaN when its time is unreadable. */
export function eventMs(event: ProfileEvent): number {
  const time = asBag(event).eventTime
  if (typeof time !== 'string') return Number.NaN
  return instantMs(time) ?? Number.NaN
}

/** What a reader of a possibly malformed event needs, read once. */
export interface EventFacts {
  readonly event: ProfileEvent
  /** eventId, '' when missing. */
  readonly id: string
  /** eventTime as sent, '' when missing. */
  readonly at: string
  readonly source: string | undefined
  /** The event key (`email_opened`); from the name when the event has none (malformed data). */
  readonly action: string
  /** The message type: track, page, screen, identify… ('' when absent). */
  readonly type: string
  /** The event name as tracked, untruncated (may be ''). */
  readonly name: string
  readonly props: Bag
  readonly raw: Bag
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

export function readFacts(event: ProfileEvent): EventFacts {
  const loose = asBag(event)
  const raw = asBag(loose.rawData)
  const name = str(raw.event)
  const action = str(loose.eventAction)
  const source = loose.source
  return {
    event,
    id: str(loose.eventId),
    at: str(loose.eventTime),
    source: typeof source === 'string' ? source : undefined,
    action: action !== '' ? action : toEventKey(name),
    type: str(raw.action),
    name,
    props: asBag(raw.properties),
    raw,
  }
}

/** Units in `products` (a missing or odd quantity counts as one), or undefined without a list. */
export function itemCount(props: Bag): number | undefined {
  const products = field(props, 'products')
  if (!Array.isArray(products)) return undefined
  let count = 0
  for (const product of products as unknown[]) {
    const quantity = num(field(asBag(product), 'quantity'))
    count += quantity !== undefined && quantity > 0 ? quantity : 1
  }
  return count
}
