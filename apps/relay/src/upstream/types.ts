/**
 * @module upstream/types
 * The shapes the upstream guard hands to the routes.
 */
import type {
  Audiences,
  EventsQuery,
  Lookup,
  Meta,
  ProfileEvent,
  ProfileRef,
  Traits,
} from '@intilery-connect/core'

import type { AdmissionGroup } from './admission-group.ts'
import type { BreakerState } from './breaker.ts'

/** One read's answer and how old it is. */
export interface Guarded<T> {
  readonly value: T
  /** When upstream produced it (epoch ms, on the guard's clock). */
  readonly fetchedAt: number
  /** True when served past its fresh TTL: while refreshing, or because upstream is failing. */
  readonly stale: boolean
  /**
   * True when the last attempt to refresh this answer failed: it is old because Intilery cannot be
   * reached, not merely being refreshed. What callers show as "as of …".
   */
  readonly upstreamFailing: boolean
  readonly ageMs: number
  /** Intilery's `x-amzn-RequestId` of the answer, for logs and support. */
  readonly requestId: string | undefined
}

/** A page of events as plain data (core's EventsPage carries a closure; this can be cached). */
export interface EventsPageValue {
  readonly data: readonly ProfileEvent[]
  /** Opaque cursor for `eventsPage`; Intilery sends one even on the last page. */
  readonly scrollId: string
  /** The page was full, so the cursor may hold more. */
  readonly hasMore: boolean
}

export interface ReadOptions {
  /** The caller's abort (e.g. the browser went away): detaches this caller only. */
  readonly signal?: AbortSignal | undefined
  /**
   * The request's other reads, admitted or shed with this one (admission-group.ts); without it
   * this read's load is admitted on its own.
   */
  readonly admission?: AdmissionGroup | undefined
}

export interface ScrollReadOptions extends ReadOptions {
  /** The `limit` of the first page's query (default 100), so `hasMore` can tell a short page. */
  readonly limit?: number | undefined
}

/** Counters since the guard was built. */
export interface UpstreamCounts {
  /** Reads answered fresh from the cache (a remembered 404 included). */
  readonly hits: number
  /** Reads answered with stale data (while refreshing, or because upstream failed). */
  readonly stale: number
  /** Reads that started an upstream load and waited for it (scroll pages included). */
  readonly misses: number
  /** Reads that joined a load another read had started. */
  readonly inflightShared: number
  /** HTTP requests sent to Intilery, retries included. */
  readonly upstreamCalls: number
  /** Upstream loads that failed, shed ones included (a 404 is an answer, not a failure). */
  readonly failures: number
  /** Loads refused before queueing because their token would come after the deadline. */
  readonly shed: number
}

/** Every count at zero: where a guard starts, and what summing guards starts from. */
export const ZERO_COUNTS: { readonly [K in keyof UpstreamCounts]: 0 } = {
  hits: 0,
  stale: 0,
  misses: 0,
  inflightShared: 0,
  upstreamCalls: 0,
  failures: 0,
  shed: 0,
}

/** A guard as its operator sees it: its counts, Intilery's answers, its budget and breaker. */
export interface UpstreamStats extends UpstreamCounts {
  /**
   * Intilery's answers by HTTP status (`200`, `404`, `503`…), `error` for attempts that got none
   * (network errors, timeouts); retries included.
   */
  readonly responses: Readonly<Record<string, number>>
  /**
   * Intilery's latest answer (`error` when the attempt got none), undefined before the first. A
   * 401 or 403 here means the credential is refused now, whatever was refused before.
   */
  readonly lastResponse: string | undefined
  /** Tokens left in the credential's bucket now (fractional while it refills). */
  readonly budgetTokens: number
  readonly breakerState: BreakerState
}

/**
 * The credential's budget as low-priority work sees it (write-back's batches): a token only when
 * it costs readers nothing (see PacedTokenBucket.tryTakeSpare). Never waits.
 */
export interface SpareBudget {
  /** Takes a token if one is spare now (asks the shared budget, when there is one). */
  readonly tryTake: () => Promise<boolean>
  /** Whether one is spare now; takes nothing. */
  readonly hasSpare: () => boolean
  /** How many are spare now, taken one after another; takes nothing. */
  readonly spareTokens: () => number
  /** When one will be spare if nobody takes one first; undefined while a reader is queued. */
  readonly msUntilSpare: () => number | undefined
  /** Whether readers took tokens lately (on this instance): the larger reserve applies. */
  readonly readersActive: () => boolean
}

/**
 * The guard of one credential. Members are plain functions (no `this`), so routes may destructure
 * them.
 */
export interface Upstream {
  /** Standard and computed traits; an email ref answers a list. */
  readonly traits: <R extends ProfileRef>(
    ref: R,
    opts?: ReadOptions
  ) => Promise<Guarded<Lookup<R, Traits>>>
  /** First/last event per action, audiences, last activity. */
  readonly meta: <R extends ProfileRef>(
    ref: R,
    opts?: ReadOptions
  ) => Promise<Guarded<Lookup<R, Meta>>>
  /** Dynamic and static audiences. */
  readonly audiences: <R extends ProfileRef>(
    ref: R,
    opts?: ReadOptions
  ) => Promise<Guarded<Lookup<R, Audiences>>>
  /** The first page of an events query: cached and shared like the other reads. */
  readonly firstEventsPage: (
    ref: ProfileRef,
    query?: EventsQuery,
    opts?: ReadOptions
  ) => Promise<Guarded<EventsPageValue>>
  /** The page after `scrollId`: passed through, never cached. */
  readonly eventsPage: (
    ref: ProfileRef,
    scrollId: string,
    opts?: ScrollReadOptions
  ) => Promise<Guarded<EventsPageValue>>
  readonly stats: () => UpstreamStats
  /** The same bucket, for low-priority work outside the Profile API (write-back). */
  readonly spare: SpareBudget
}
