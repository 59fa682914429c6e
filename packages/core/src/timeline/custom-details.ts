/**
 * @module timeline/custom-details
 * The detail rows of an event the timeline has no describer for ("Webinar Registered", "Trial
 * Started", anything a customer tracks). Nobody knows these shapes in advance, so the rows are
 * picked by a fixed rule that favours what a person reads in five seconds:
 *
 * 1. Only own properties with a scalar value count: non-blank strings, finite numbers, booleans.
 *    Objects, arrays, null and blank strings are skipped (a sidebar row cannot show a tree).
 * 2. Identifiers are skipped, as they mean nothing to a reader: keys `id`, `uuid`, `guid`, keys
 *    ending in `_id`, `-id`, `.id`, ` id`, `_uuid` or camel-case `…Id`/`…ID`, and values shaped like a
 *    UUID or a long hex token (16+ hex digits).
 * 3. Order: first the ranked keys, in this order, matched case-insensitively: name, title, plan,
 *    status, value, amount, total, price, category, type. Then keys ending in `name` or `title`
 *    (`experiment_name`, `webinarTitle`) in key order. Then every other scalar in key order, except
 *    strings longer than 80 characters (too long to be telling).
 * 4. When a `currency` property holds a three-letter code, value/amount/total/price/revenue are shown
 *    as money in that currency, and `currency` is not shown on its own.
 * 5. Date-times (`2026-11-18T15:40:40Z`) become date values, shown in the viewer's zone.
 * 6. At most `max` rows; strings are truncated to MAX_TEXT characters. Labels are the property
 *    names, verbatim (as data, never markup).
 */
import type { MessageValue } from '../i18n/message.ts'
import type { DetailRows } from './detail-rows.ts'
import { amount, type Bag, currencyCode, dateTime, field, truncate } from './read-event.ts'

const RANKED = [
  'name',
  'title',
  'plan',
  'status',
  'value',
  'amount',
  'total',
  'price',
  'category',
  'type',
]
const RANK: ReadonlyMap<string, number> = new Map(RANKED.map((key, i) => [key, i]))
const MONEY_KEYS: ReadonlySet<string> = new Set(['value', 'amount', 'total', 'price', 'revenue'])
/** Longest string shown from an unranked key. */
const SHORT = 80

const ID_KEY = /^(?:id|uuid|guid)$|[_\-. ](?:id|uuid|guid)$/i
// Case-sensitive on purpose: `paid` and `valid` end in "id" but are not identifiers.
const CAMEL_ID_KEY = /[a-z0-9](?:Id|ID|Uuid|UUID|Guid|GUID)$/
const ID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{16,}$/i
const NAME_LIKE = /(?:name|title)$/i
const NON_BLANK = /\S/

function isIdKey(key: string): boolean {
  return ID_KEY.test(key) || CAMEL_ID_KEY.test(key)
}

/** The value a row shows, or undefined when rule 1 or 2 skips it. */
function scalarValue(
  value: unknown,
  currency: string | undefined,
  key: string
): MessageValue | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined
    return MONEY_KEYS.has(key.toLowerCase()) ? amount(value, currency) : value
  }
  if (typeof value !== 'string' || !NON_BLANK.test(value)) return undefined
  if (value.length <= 64 && ID_VALUE.test(value)) return undefined
  return dateTime(value) ?? truncate(value)
}

interface Candidate {
  readonly key: string
  readonly value: MessageValue
}

/**
 * Adds the rows of the rule above to `rows`, skipping the keys in `skip` (those a describer has
 * already shown).
 */
export function addCustomDetails(
  rows: DetailRows,
  props: Bag,
  skip: ReadonlySet<string> = new Set()
): void {
  if (rows.full) return
  const currency = currencyCode(field(props, 'currency'))
  const ranked: { rank: number; order: number; candidate: Candidate }[] = []
  const named: Candidate[] = []
  const others: Candidate[] = []
  const keys = Object.keys(props)
  for (let order = 0; order < keys.length; order += 1) {
    const key = keys[order] as string
    if (skip.has(key) || isIdKey(key)) continue
    const lower = key.toLowerCase()
    if (currency !== undefined && lower === 'currency') continue
    const raw: unknown = props[key]
    const rank = RANK.get(lower)
    const nameLike = rank === undefined && NAME_LIKE.test(key)
    // Each unranked group needs at most `remaining` rows; reading further values is wasted work on
    // an event with thousands of properties.
    if (rank === undefined && (nameLike ? named : others).length >= rows.remaining) continue
    const value = scalarValue(raw, currency, key)
    if (value === undefined) continue
    if (rank !== undefined) ranked.push({ rank, order, candidate: { key, value } })
    else if (nameLike) named.push({ key, value })
    else if (typeof raw !== 'string' || raw.length <= SHORT) others.push({ key, value })
  }
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order)
  for (const { key, value } of [...ranked.map((r) => r.candidate), ...named, ...others]) {
    if (rows.full) return
    rows.addNamed(key, value)
  }
}
