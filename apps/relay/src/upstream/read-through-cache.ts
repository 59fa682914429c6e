/**
 * @module upstream/read-through-cache
 * Stale-while-revalidate and in-flight de-duplication, both from lru-cache's `fetch()`: concurrent
 * reads of one key share one load (status `inflight`), a stale entry is served at once while one
 * background load refreshes it, and a failed refresh keeps the stale entry. What lru-cache has no
 * notion of is added here in a few lines:
 *
 * - a maximum stale age: an entry older than `maxStaleMs` is not offered as stale (the read waits
 *   for the load, and the entry is dropped if the load fails);
 * - negative caching: a 404 is stored as a `not-found` entry with its own short TTL and re-thrown by
 *   the caller; every other failure rejects the load, so nothing but answers and 404s is stored.
 */
import { NotFoundError } from '@intilery-connect/core'
import { LRUCache } from 'lru-cache'

/** What one upstream load yields. */
export interface Loaded {
  readonly value: unknown
  readonly requestId: string | undefined
  /**
   * When upstream produced it, if earlier than now: another instance's answer from the shared
   * cache (shared-answers.ts) keeps its age, so it is no fresher here than it is there.
   */
  readonly fetchedAt?: number | undefined
}

export type CacheEntry =
  | (Loaded & { readonly kind: 'value'; readonly fetchedAt: number; readonly freshMs: number })
  | {
      readonly kind: 'not-found'
      readonly error: NotFoundError
      readonly fetchedAt: number
      readonly freshMs: number
    }

/** Passed as lru-cache's fetch `context`: how to load this key, and how long the answer is fresh. */
export interface LoadContext {
  readonly load: (signal: AbortSignal) => Promise<Loaded>
  readonly freshMs: number
}

/** hit: fresh from cache; stale: served stale (refreshing behind); miss: waited for a new load;
 * inflight: waited for a load another read had started. */
export type ReadOutcome = 'hit' | 'stale' | 'miss' | 'inflight'

export interface CacheSettings {
  /** Bound on the summed sizes, in characters of JSON. */
  readonly maxChars: number
  readonly maxStaleMs: number
  readonly notFoundTtlMs: number
  readonly now: () => number
}

export interface ReadThroughCache {
  /**
   * Starts a read. `outcome` is known at once; `entry` settles with the entry to serve, or
   * rejects with the load's error when there is nothing servable.
   */
  read(
    key: string,
    context: LoadContext
  ): {
    entry: Promise<CacheEntry>
    outcome: ReadOutcome
    /** The last load of this key failed (not a 404): what is served is old because upstream is. */
    failing: boolean
  }
  readonly size: number
}

const NOT_FOUND_SIZE = 256

export function createReadThroughCache(settings: CacheSettings): ReadThroughCache {
  const { now, maxStaleMs } = settings
  // Keys whose last load failed; bounded by the cache, since an evicted key is forgotten here too.
  const failing = new Set<string>()
  const lru = new LRUCache<string, CacheEntry, LoadContext>({
    dispose: (_value, key, reason) => {
      if (reason !== 'set') failing.delete(key)
    },
    maxSize: settings.maxChars,
    // One huge events page must not push out hundreds of profiles.
    maxEntrySize: Math.max(1, Math.floor(settings.maxChars / 8)),
    // JSON length approximates memory well enough for a bound, and costs ~1 ms for the largest
    // (100-event) page, paid once per upstream answer, not per read.
    sizeCalculation: (entry) =>
      entry.kind === 'value' ? Math.max(1, JSON.stringify(entry.value).length) : NOT_FOUND_SIZE,
    // Ages and TTLs on the guard's clock, read on every check (no 1 ms caching timer).
    perf: { now },
    ttlResolution: 0,
    fetchMethod: async (key, _stale, { signal, options, context }) => {
      try {
        const loaded = await context.load(signal)
        failing.delete(key)
        const fetchedAt = Math.min(now(), loaded.fetchedAt ?? Number.POSITIVE_INFINITY)
        // Fresh for what is left of its fresh time, not for a whole one from now.
        options.ttl = Math.max(1, context.freshMs - (now() - fetchedAt))
        return {
          kind: 'value',
          value: loaded.value,
          requestId: loaded.requestId,
          fetchedAt,
          freshMs: context.freshMs,
        }
      } catch (error) {
        if (!(error instanceof NotFoundError)) {
          failing.add(key)
          throw error
        }
        failing.delete(key)
        // lru-cache lets fetchMethod change the TTL of the entry it is about to store.
        options.ttl = settings.notFoundTtlMs
        return { kind: 'not-found', error, fetchedAt: now(), freshMs: settings.notFoundTtlMs }
      }
    },
  })

  return {
    read(key, context) {
      const existing = lru.peek(key, { allowStale: true })
      // Only answers within the max stale age are worth serving while (or instead of) loading; a
      // remembered 404 past its TTL is asked again rather than repeated.
      const servable = existing?.kind === 'value' && now() - existing.fetchedAt <= maxStaleMs
      const status: LRUCache.Status<string, CacheEntry, LoadContext> = {}
      const pending = lru.fetch(key, {
        context,
        ttl: context.freshMs,
        allowStale: servable,
        // true keeps the stale entry when its refresh fails; false drops a dead entry and makes
        // the awaited load reject with its error (true would resolve it to undefined instead).
        allowStaleOnFetchRejection: servable,
        status,
      })
      const entry = pending.then((found) => {
        // Only reachable when a read joined a refresh that fell back to an entry it could not
        // serve itself; the refresh's error is not visible here, so report the plain fact.
        if (found === undefined || (found.kind === 'value' && now() - found.fetchedAt > maxStaleMs))
          throw new LoadFellThroughError()
        return found
      })
      return { entry, outcome: outcomeOf(status), failing: failing.has(key) }
    },
    get size() {
      return lru.size
    },
  }
}

function outcomeOf(status: LRUCache.Status<string, CacheEntry, LoadContext>): ReadOutcome {
  if (status.returnedStale === true) return 'stale'
  if (status.fetch === 'hit') return 'hit'
  if (status.fetch === 'inflight') return 'inflight'
  return 'miss'
}

/** A load ended without an entry that may be served; the guard reports it as unavailable. */
export class LoadFellThroughError extends Error {
  override readonly name = 'LoadFellThroughError'
  constructor() {
    super('The upstream load ended without an answer that may be served')
  }
}
