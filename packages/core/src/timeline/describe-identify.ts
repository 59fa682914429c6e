/**
 * @module timeline/describe-identify
 * Identify calls repeat a profile's traits, often unchanged, so "Profile updated" alone says
 * nothing. The timeline compares each call with the traits that profile last sent (walking events
 * oldest first) and lists only the traits that changed: the first call of a profile sets all of
 * them. A trait sent as null when it was unknown is not a change.
 *
 * Rows are labelled by the trait's name (data, verbatim) and show its new value: scalars as they
 * are, date-times as dates, `—` for a cleared trait and `…` for an object or list, which a sidebar
 * row cannot show.
 */
import type { MessageValue } from '../i18n/message.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import { asBag, type Bag, dateTime, type EventFacts, field, truncate } from './read-event.ts'

export const CLEARED = '—'
export const NESTED = '…'
/** Deeper than this, two trait values are taken to differ: a change shown twice beats a stack overflow. */
const MAX_DEPTH = 8

function same(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true
  if (depth > MAX_DEPTH || typeof a !== 'object' || typeof b !== 'object') return false
  if (a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false
  const left = a as Bag
  const right = b as Bag
  const keys = Object.keys(left)
  if (keys.length !== Object.keys(right).length) return false
  return keys.every((key) => Object.hasOwn(right, key) && same(left[key], right[key], depth + 1))
}

function shown(value: unknown): MessageValue {
  if (value === null || value === undefined) return CLEARED
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'string') return dateTime(value) ?? truncate(value)
  return NESTED
}

/** Which profile an identify call belongs to: a merged timeline may hold several. */
function profileKey(facts: EventFacts): string {
  const event = asBag(facts.event)
  for (const bag of [event, facts.raw]) {
    for (const key of ['id', 'userId', 'anonymousId']) {
      const found = field(bag, key)
      if (typeof found === 'string' && found !== '') return `${key}:${found}`
    }
  }
  return ''
}

/** The traits each profile last sent. Feed it identify calls oldest first. */
export class TraitMemory {
  private readonly profiles = new Map<string, Map<string, unknown>>()

  /** Names of the traits that differ from what this profile last sent, in key order; remembers them. */
  changes(facts: EventFacts): string[] {
    const key = profileKey(facts)
    let known = this.profiles.get(key)
    if (known === undefined) {
      known = new Map()
      this.profiles.set(key, known)
    }
    const traits = asBag(field(facts.raw, 'traits'))
    const changed: string[] = []
    for (const name of Object.keys(traits)) {
      const value = traits[name]
      const before = known.get(name)
      const unknownBefore = !known.has(name) || before === null || before === undefined
      const cleared = value === null || value === undefined
      if (unknownBefore ? !cleared : !same(before, value, 0)) changed.push(name)
      known.set(name, value)
    }
    return changed
  }
}

export function describeIdentify(
  facts: EventFacts,
  maxDetails: number,
  memory: TraitMemory
): Described {
  const changed = memory.changes(facts)
  if (changed.length === 0) {
    return { title: timelineMessage('timeline.identify.unchanged'), detail: [] }
  }
  const traits = asBag(field(facts.raw, 'traits'))
  const rows = new DetailRows(maxDetails)
  for (const name of changed) {
    if (rows.full) break
    rows.addNamed(name, shown(traits[name]))
  }
  return {
    title: timelineMessage('timeline.identify.changed', { count: changed.length }),
    detail: rows.rows,
  }
}
