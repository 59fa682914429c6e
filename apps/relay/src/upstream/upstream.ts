/**
 * @module upstream/upstream
 * The upstream guard: everything between a relay route and the Intilery Profile API for one
 * credential. In order, a read goes through:
 *
 * 1. the cache (read-through-cache.ts): a fresh answer or remembered 404 is served at once; a stale
 *    one within the max stale age is served at once while one load refreshes it; concurrent reads
 *    of one key share one load;
 * 2. admission (paced-bucket.ts): a load whose token would come after the deadline is shed now,
 *    or with the other loads of its request when the route groups them (admission-group.ts);
 * 3. the circuit breaker (breaker.ts): fail fast while Intilery is down;
 * 4. core's client: the shared token bucket (<= 100 requests/s), per-attempt timeout, retries with
 *    jitter honouring Retry-After up to a cap, and the total deadline.
 *
 * Failures with nothing stale to serve become RelayErrors (relay-errors.ts); no read waits past the
 * deadline, whatever upstream does.
 */
import {
  createProfileClient,
  InvalidRequestError,
  NotFoundError,
  TimeoutError,
  type EventsPage,
  type EventsQuery,
  type ProfileClientOptions,
  type ProfileRef,
} from '@intilery-connect/core'

import type { AdmissionGroup } from './admission-group.ts'
import { RelayError } from '../platform/errors.ts'
import { createBreaker } from './breaker.ts'
import {
  cacheKey,
  canonicalEventsQuery,
  credentialKey,
  normaliseRef,
  type CachedEndpoint,
  type UpstreamCredentials,
} from './cache-key.ts'
import { resolveUpstreamOptions, type UpstreamOptions } from './options.ts'
import { bucketFor, type SharedBudgetDeps } from './bucket-for.ts'
import { sharedLoad, type SharedAnswerStore } from './shared-answers.ts'
import { createReadThroughCache, type Loaded, type ReadOutcome } from './read-through-cache.ts'
import { timedOutError, toRelayError } from './relay-errors.ts'
import {
  ZERO_COUNTS,
  type EventsPageValue,
  type Guarded,
  type ReadOptions,
  type ScrollReadOptions,
  type Upstream,
  type UpstreamCounts,
} from './types.ts'
import { waitFor } from './wait-for.ts'

export interface UpstreamDeps {
  /** The fetch used for Intilery (default: the global one). */
  readonly fetch?: typeof fetch | undefined
  /** Clock for cache ages and the token bucket (default: Date.now). */
  readonly now?: (() => number) | undefined
  /**
   * One budget per credential for several relay instances (shared-bucket.ts); `instances` sizes
   * this one's own share for when the shared budget does not answer. None: this process's bucket.
   */
  readonly sharedBudget?: SharedBudgetDeps | undefined
  /** Answers shared by several relay instances, and one load per key among them. */
  readonly sharedAnswers?:
    | { readonly store: SharedAnswerStore; readonly onStoreError: (error: unknown) => void }
    | undefined
}

/**
 * Slack on top of the deadline for the last-resort timers: the client's own deadline fires first
 * and its error is the better answer. The load's timer keeps a fetch that ignores its AbortSignal
 * from pinning a cache key (and a half-open breaker probe) forever; the caller's timer, one grace
 * later, keeps every other path from hanging a caller.
 */
export const LAST_RESORT_GRACE_MS = 250
/** A load is admitted only if its token comes early enough to leave this much for the request. */
const MAX_ADMISSION_HEADROOM_MS = 500

type Counters = { -readonly [K in keyof UpstreamCounts]: number }

const toPageValue = (page: EventsPage): EventsPageValue => ({
  data: page.data,
  scrollId: page.scrollId,
  hasMore: page.hasNextPage(),
})

/**
 * Build one guard per credential and keep it for the life of the process: its bucket, cache and
 * breaker are what make the limits hold, and a second guard on the same token would have its own.
 * @example
 * const upstream = createUpstream(tenant.intilery)
 * const { value, stale } = await upstream.traits(parseProfileRef('email:joe@example.com'), { signal })
 * @throws UpstreamOptionsError or core's InvalidRequestError for a bad option or credential.
 */
export function createUpstream(
  credentials: UpstreamCredentials,
  options: UpstreamOptions = {},
  deps: UpstreamDeps = {}
): Upstream {
  const settings = resolveUpstreamOptions(options)
  const now = deps.now ?? (() => Date.now())
  const baseFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const credential = credentialKey(credentials)
  const counters: Counters = { ...ZERO_COUNTS }
  const responses: Record<string, number> = {}
  let lastResponse: string | undefined
  const outcomeCounter: Record<ReadOutcome, keyof Counters> = {
    hit: 'hits',
    stale: 'stale',
    miss: 'misses',
    inflight: 'inflightShared',
  }

  const shared =
    deps.sharedAnswers === undefined
      ? undefined
      : {
          ...deps.sharedAnswers,
          now,
          keepMs: settings.maxStaleMs,
          loadMs: settings.deadlineMs,
          waitMs: settings.deadlineMs / 2,
        }
  const admissionMs =
    settings.deadlineMs - Math.min(MAX_ADMISSION_HEADROOM_MS, settings.deadlineMs / 2)
  const bucket = bucketFor(credential, settings, admissionMs, now, deps.sharedBudget)
  const breaker = createBreaker(settings.breaker)
  const clientOptions: ProfileClientOptions & { readonly fetch: typeof fetch } = {
    ...credentials,
    fetch: baseFetch,
    timeoutMs: settings.timeoutMs,
    deadlineMs: settings.deadlineMs,
    retry: settings.retry,
    // An instance, so every read of this credential (scroll pages and retries too) draws from it.
    rateLimit: bucket,
    hooks: {
      onRequest: () => void counters.upstreamCalls++,
      onResponse: ({ status }) => {
        const key = status === undefined ? 'error' : String(status)
        responses[key] = (responses[key] ?? 0) + 1
        lastResponse = key
      },
    },
  }
  const client = createProfileClient(clientOptions)
  const cache = createReadThroughCache({
    maxChars: settings.maxCacheChars,
    maxStaleMs: settings.maxStaleMs,
    notFoundTtlMs: settings.notFoundTtlMs,
    now,
  })
  /** Admits `loads` tokens' worth if the last of them would come within the admission time. */
  const decide = (loads: number, group?: AdmissionGroup) => bucket.admit(loads, admissionMs, group)

  /**
   * One upstream load: shed if it would queue past the deadline (with the rest of its request's
   * loads, when they are a group), else through the breaker.
   */
  async function load<T>(
    task: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    group: AdmissionGroup | undefined
  ) {
    try {
      const decided = group === undefined ? decide(1) : group.admit((loads) => decide(loads, group))
      // Awaited only when it is a shared budget's reservation: a decision made here must be
      // followed by its token's take in the same turn, so the next decision sees the queue.
      const decision = decided instanceof Promise ? await decided : decided
      if (decision !== 'admitted') throw decision
      return await breaker.run((inner) => {
        // A token the group reserved for this read, found by the client's take through `inner`.
        if (group !== undefined) bucket.assignGroupToken(group, inner)
        return waitFor(task(inner), {
          timeoutMs: settings.deadlineMs + LAST_RESORT_GRACE_MS,
          onTimeout: () =>
            new TimeoutError(`Intilery did not answer within ${settings.deadlineMs} ms`, {
              final: true,
            }),
        })
      }, signal)
    } catch (error) {
      // Shed here or, with a shared budget, when the reservation came too late (shared-bucket.ts).
      if (error instanceof RelayError && error.code === 'rate_limited') counters.shed += 1
      else if (!(error instanceof NotFoundError) && !signal.aborted) counters.failures += 1
      throw error
    }
  }

  const wait = <T>(promise: Promise<T>, signal: AbortSignal | undefined) =>
    waitFor(promise, {
      signal,
      timeoutMs: settings.deadlineMs + 2 * LAST_RESORT_GRACE_MS,
      onTimeout: () => timedOutError(settings.deadlineMs),
    })

  async function cachedRead<T>(
    endpoint: CachedEndpoint,
    ref: ProfileRef,
    query: string,
    call: (ref: ProfileRef, signal: AbortSignal) => Promise<Loaded>,
    opts: ReadOptions
  ): Promise<Guarded<T>> {
    opts.signal?.throwIfAborted()
    const normal = normaliseRef(ref)
    const key = cacheKey(credential, endpoint, normal, query)
    const freshMs = settings.freshMs[endpoint]
    const fromUpstream = (signal: AbortSignal) =>
      load((inner) => call(normal, inner), signal, opts.admission)
    // Other instances' answers first: one of them costs no token (shared-answers.ts).
    const { entry, outcome, failing } = cache.read(key, {
      freshMs,
      load: shared === undefined ? fromUpstream : sharedLoad(shared, key, freshMs, fromUpstream),
    })
    counters[outcomeCounter[outcome]] += 1
    let found
    try {
      // A hit or a stale answer is already in hand: nothing to wait for, so no timer to set.
      found =
        outcome === 'hit' || outcome === 'stale' ? await entry : await wait(entry, opts.signal)
    } catch (error) {
      throw toRelayError(error, opts.signal)
    }
    // A remembered 404 is re-thrown as it first came (same message and request id).
    if (found.kind === 'not-found') throw found.error
    const ageMs = Math.max(0, now() - found.fetchedAt)
    return {
      value: found.value as T,
      fetchedAt: found.fetchedAt,
      stale: outcome === 'stale' || ageMs > found.freshMs,
      upstreamFailing: failing,
      ageMs,
      requestId: found.requestId,
    }
  }

  const lookup =
    (method: 'traits' | 'meta' | 'audiences') =>
    (ref: ProfileRef, signal: AbortSignal): Promise<Loaded> =>
      client[method](ref, { signal }).then((found) => ({
        value: found,
        requestId: found.requestId,
      }))

  return {
    traits: (ref, opts = {}) => cachedRead('traits', ref, '', lookup('traits'), opts),
    meta: (ref, opts = {}) => cachedRead('meta', ref, '', lookup('meta'), opts),
    audiences: (ref, opts = {}) => cachedRead('audiences', ref, '', lookup('audiences'), opts),

    async firstEventsPage(ref, query: EventsQuery = {}, opts = {}) {
      // Validated here so a bad query fails before it can occupy a cache slot.
      const canonical = canonicalEventsQuery(query)
      return cachedRead<EventsPageValue>(
        'events',
        ref,
        canonical,
        async (normal, signal) => {
          const page = await client.events(normal, query, { signal })
          return { value: toPageValue(page), requestId: page.requestId }
        },
        opts
      )
    },

    async eventsPage(ref, scrollId, opts: ScrollReadOptions = {}) {
      opts.signal?.throwIfAborted()
      const normal = normaliseRef(ref)
      counters.misses += 1
      // Not shared with anyone, so the caller's signal may cancel the request itself.
      const signal = opts.signal ?? new AbortController().signal
      if (scrollId === '') throw new InvalidRequestError('scrollId must not be empty')
      const task = (inner: AbortSignal) =>
        client.scrollEvents(normal, scrollId, { limit: opts.limit, signal: inner })
      let page
      try {
        page = await wait(load(task, signal, opts.admission), opts.signal)
      } catch (error) {
        throw toRelayError(error, opts.signal)
      }
      return {
        value: toPageValue(page),
        fetchedAt: now(),
        stale: false,
        upstreamFailing: false,
        ageMs: 0,
        requestId: page.requestId,
      }
    },

    spare: bucket.spareBudget(),

    stats: () => ({
      ...counters,
      responses: { ...responses },
      lastResponse,
      budgetTokens: bucket.availableTokens(),
      breakerState: breaker.state,
    }),
  }
}
