/**
 * @module timeline/filter-timeline
 * The timeline's filters, with the events endpoint's semantics so that filtering on the client and
 * asking the server agree (docs/profile-api-contract.md):
 * - `include` / `exclude` take event keys or names (`Email Opened` = `email_opened`); a key also
 *   matches the message type of non-track calls, so `page` keeps every page call. Blank items are
 *   ignored; a list with no usable item is no filter.
 * - `start` is inclusive and `end` exclusive; ISO 8601 text (a date-time without offset is UTC) or a
 *   Date. An unreadable instant, or a start after the end, throws InvalidRequestError as the server
 *   answers 400.
 * - `kinds` keeps entries of those kinds (`[]` keeps none; absent keeps all).
 *
 * A burst is kept when its items are (they share one action, so only the time window can split
 * one); a burst cut by the window keeps its remaining items, rebuilt, or becomes its single item.
 * A campaign fold (several email keys) is cut the same way by kinds, keys and times.
 *
 * `toEventsQuery` sends the same filter to the server. Kinds are sent as the event keys that make
 * them (classify.ts): each kind but `custom` as an include list, and `custom`, which is "every other
 * key", as an exclude list of the kinds not wanted. That is exact for every event the tracking API
 * stores, since its kind follows from its keys. Two filters cannot be expressed, so the query asks
 * for more and the client must still run filterTimeline (`needsClientFilter` says when):
 * - `kinds: []`, or kinds with an `include` none of whose keys is of those kinds (a server list
 *   cannot say "nothing");
 * - any key list longer than the endpoint's 50 keys.
 */
import { InvalidRequestError } from '../errors.ts'
import { toEventKey } from '../event-key.ts'
import type { EventsQuery } from '../events-query.ts'
import { parseIsoInstant } from '../iso-instant.ts'
import { makeBurst } from './bursts.ts'
import { makeCampaignFold } from './campaign-fold.ts'
import { instantMs } from './event-time.ts'
import { KIND_KEYS, type KnownKind, kindOfKey } from './classify.ts'
import { asBag, field } from './read-event.ts'
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from './timeline-entry.ts'

export interface TimelineFilter {
  readonly kinds?: readonly TimelineKind[] | undefined
  /** Event keys or names to keep. */
  readonly include?: readonly string[] | undefined
  /** Event keys or names to leave out. */
  readonly exclude?: readonly string[] | undefined
  /** Entries at or after this instant. */
  readonly start?: Date | string | undefined
  /** Entries before this instant. */
  readonly end?: Date | string | undefined
}

/** The endpoint's limit on include/exclude list length. */
const MAX_KEYS = 50

/** Normalised keys, blanks dropped; undefined when nothing usable is left. */
function keySet(names: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (names === undefined) return undefined
  const keys = new Set(names.map(toEventKey).filter((key) => key !== ''))
  return keys.size === 0 ? undefined : keys
}

function instant(name: string, value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined
  const ms = typeof value === 'string' ? parseIsoInstant(value) : value.getTime()
  if (ms === undefined || Number.isNaN(ms)) {
    throw new InvalidRequestError(`${name} must be an ISO 8601 date or a valid Date`)
  }
  return ms
}

/** What an entry is matched on, as the server does: its event key, and its type unless track. */
function keysOf(entry: TimelineEntry): string[] {
  const type = field(asBag(field(asBag(entry.raw), 'rawData')), 'action')
  return typeof type === 'string' && type !== 'track' ? [entry.action, type] : [entry.action]
}

const matches = (keys: readonly string[], set: ReadonlySet<string>) =>
  keys.some((key) => set.has(key))

/** Entries (newest first, as toTimeline answers) that pass `filter`. */
export function filterTimeline(
  entries: readonly TimelineEntry[],
  filter: TimelineFilter
): TimelineEntry[] {
  const start = instant('start', filter.start) ?? Number.NEGATIVE_INFINITY
  const end = instant('end', filter.end) ?? Number.POSITIVE_INFINITY
  if (start > end) throw new InvalidRequestError('start must not be after end')
  const kinds = filter.kinds === undefined ? undefined : new Set(filter.kinds)
  const include = keySet(filter.include)
  const exclude = keySet(filter.exclude)
  const timed = filter.start !== undefined || filter.end !== undefined

  const passes = (entry: TimelineEntry): boolean => {
    if (kinds !== undefined && !kinds.has(entry.kind)) return false
    if (include !== undefined || exclude !== undefined) {
      const keys = keysOf(entry)
      if (include !== undefined && !matches(keys, include)) return false
      if (exclude !== undefined && matches(keys, exclude)) return false
    }
    if (!timed) return true
    const ms = instantMs(entry.at)
    return ms !== undefined && ms >= start && ms < end
  }

  const kept: TimelineEntry[] = []
  for (const entry of entries) {
    if (entry.burst === undefined) {
      if (passes(entry)) kept.push(entry)
      continue
    }
    const items = entry.burst.items.filter(passes)
    if (items.length === entry.burst.items.length) kept.push(entry)
    else if (items.length === 1) kept.push(items[0] as TimelineEntry)
    else if (items.length > 1)
      kept.push(entry.burst.fold === 'campaign' ? makeCampaignFold(items) : makeBurst(items))
  }
  return kept
}

const KNOWN_KINDS = TIMELINE_KINDS.filter((kind): kind is KnownKind => kind !== 'custom')

interface ServerPlan {
  readonly query: EventsQuery
  readonly exact: boolean
}

function plan(filter: TimelineFilter): ServerPlan {
  const include = keySet(filter.include)
  const exclude = keySet(filter.exclude)
  const window = {
    ...(filter.start === undefined ? {} : { start: filter.start }),
    ...(filter.end === undefined ? {} : { end: filter.end }),
  }
  const plain = (exact: boolean): ServerPlan => ({
    query: {
      ...(include === undefined ? {} : { include: [...include] }),
      ...(exclude === undefined ? {} : { exclude: [...exclude] }),
      ...window,
    },
    exact,
  })
  const kinds = filter.kinds === undefined ? undefined : new Set(filter.kinds)
  if (kinds === undefined || TIMELINE_KINDS.every((kind) => kinds.has(kind))) return plain(true)
  if (kinds.size === 0) return plain(false)

  let includeKeys: string[] | undefined
  let excludeKeys = exclude === undefined ? [] : [...exclude]
  if (include !== undefined) {
    // Keep the include keys whose events are of a wanted kind; the kind filter then adds nothing.
    includeKeys = [...include].filter((key) => kinds.has(kindOfKey(key)))
    if (includeKeys.length === 0) return plain(false)
  } else if (kinds.has('custom')) {
    // `custom` is every key not listed in classify.ts: leave out the listed kinds not wanted.
    const unwanted = KNOWN_KINDS.filter((kind) => !kinds.has(kind))
    excludeKeys = [...new Set([...excludeKeys, ...unwanted.flatMap((kind) => KIND_KEYS[kind])])]
  } else {
    includeKeys = [...kinds].flatMap((kind) => (kind === 'custom' ? [] : KIND_KEYS[kind]))
  }
  if ((includeKeys?.length ?? 0) > MAX_KEYS || excludeKeys.length > MAX_KEYS) return plain(false)
  return {
    query: {
      ...(includeKeys === undefined ? {} : { include: includeKeys }),
      ...(excludeKeys.length === 0 ? {} : { exclude: excludeKeys }),
      ...window,
    },
    exact: true,
  }
}

/**
 * The events endpoint query for `filter`: the same events when `needsClientFilter(filter)` is
 * false, otherwise a superset to pass through filterTimeline. Keys are sent normalised.
 */
export function toEventsQuery(filter: TimelineFilter): EventsQuery {
  return plan(filter).query
}

/** True when the server cannot express `filter` exactly (see the module comment). */
export function needsClientFilter(filter: TimelineFilter): boolean {
  return !plan(filter).exact
}
