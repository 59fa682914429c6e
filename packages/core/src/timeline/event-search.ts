/**
 * @module timeline/event-search
 * What an agent types in the timeline's "event name" box, turned into the event keys the events
 * endpoint filters on. Agents type an event's name (`Order Completed`, any case) or a piece of the
 * title they see ("order completed", "opened email"), in their own language. The standard events
 * are known (classify.ts), so each carries its key, its name and its titles as the timeline shows
 * them; custom events are known only once loaded, so callers add the loaded ones as candidates.
 *
 * The match: the typed text, lower-cased with punctuation as spaces, is found whole in one of the
 * candidate's texts, or each of its words is found in one of them ("opened email" matches Email
 * Opened, whose name has both words). Substring, not word, matching: Japanese has no spaces.
 */
import { toEventKey } from '../event-key.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { KIND_KEYS } from './classify.ts'
import { describeEvent } from './describe-event.ts'
import { TraitMemory } from './describe-identify.ts'
import type { TimelineEntry } from './timeline-entry.ts'

/** A standard event: its key, its name as tracked, and its entry with no properties. */
export interface StandardEvent {
  readonly key: string
  readonly name: string
  /** The entry an event of this key with no properties gets: its title, for the caller to format. */
  readonly entry: TimelineEntry
}

/** `order_completed` -> `Order Completed`. */
export function eventNameOfKey(key: string): string {
  return key
    .split('_')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
}

const MESSAGE_TYPES = new Set(['page', 'screen', 'identify'])

function syntheticEvent(key: string): ProfileEvent {
  const type = MESSAGE_TYPES.has(key) ? key : 'track'
  return {
    eventId: `standard:${key}`,
    eventTime: '',
    eventAction: key,
    rawData: { action: type, event: eventNameOfKey(key), properties: {} },
  }
}

let standard: readonly StandardEvent[] | undefined

/** Every event classify.ts knows, once (the list is fixed; the entries hold messages, not text). */
export function standardEvents(): readonly StandardEvent[] {
  if (standard === undefined) {
    const memory = new TraitMemory()
    standard = Object.values(KIND_KEYS)
      .flat()
      .map((key) => ({
        key,
        name: eventNameOfKey(key),
        entry: describeEvent(syntheticEvent(key), 0, memory),
      }))
  }
  return standard
}

/** Lower case, punctuation and quotes as single spaces, trimmed. */
export function searchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A matcher for `typed`: true when a candidate's texts (already searchText'ed) match it. */
export function textMatcher(typed: string): (texts: readonly string[]) => boolean {
  const whole = searchText(typed)
  const words = whole === '' ? [] : whole.split(' ')
  return (texts) => {
    if (whole === '') return false
    if (texts.some((text) => text.includes(whole))) return true
    return words.every((word) => texts.some((text) => text.includes(word)))
  }
}

/** A candidate for the search: an event key and the texts it is known by. */
export interface SearchCandidate {
  readonly key: string
  /** Name, titles…; searchText'ed by the caller or not, both work. */
  readonly texts: readonly string[]
}

/**
 * The event keys `typed` asks for: the candidates it matches, then the typed text itself as a key
 * (a custom event not loaded yet, typed by its name). Unique, in that order; [] for blank text.
 */
export function eventKeysForText(typed: string, candidates: readonly SearchCandidate[]): string[] {
  const own = toEventKey(typed)
  if (own === '') return []
  const matches = textMatcher(typed)
  const keys = new Set<string>()
  for (const candidate of candidates) {
    if (matches(candidate.texts.map(searchText))) keys.add(candidate.key)
  }
  keys.add(own)
  return [...keys]
}
