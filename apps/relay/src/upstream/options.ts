/**
 * @module upstream/options
 * The upstream guard's settings and their defaults, validated once when a guard is built so that a
 * bad setting (a bucket that could exceed Intilery's 100 requests/s, a zero deadline) stops start-up
 * with a message naming it instead of surfacing as 429s in production.
 */
import { z } from 'zod'

import type { SpareReserve } from './paced-bucket.ts'

/** Intilery's documented sustained limit per auth token. */
export const UPSTREAM_REQUESTS_PER_SECOND = 100

const ms = z.number().int().positive()

export const upstreamOptionsSchema = z
  .object({
    /**
     * Sustained requests per second per credential. With `burst` it bounds any calendar second to
     * `burst + ratePerSecond` requests, so the two together must stay within 100. The defaults
     * keep 10 in hand: a stalled event loop releases queued requests together, and the upstream
     * counts them by arrival (measured: 105 in one second at 80 + 20 under CI load).
     */
    ratePerSecond: z.number().positive().default(75),
    /** Requests that may go at once after a quiet spell. */
    burst: z.number().int().min(1).default(15),
    /**
     * Share of the burst that low-priority work (write-back's batches) leaves to readers: it takes
     * a token only while more than this is in the bucket, so a sidebar opening during a write-back
     * burst still finds its tokens at once.
     */
    spareReserve: z.number().min(0).max(1).default(0.2),
    /**
     * The share left while readers are active (one took a token within `readingWindowMs`): room
     * for a few sidebars opening at once. bench:writeback measured reads during a write-back
     * drain: with 0.2 throughout their p95 rose 25-35%; with 0.6 it stayed within 10%, and a
     * backlog with no readers still drains at the whole refill because the idle share applies.
     */
    spareReserveWhileReading: z.number().min(0).max(1).default(0.6),
    readingWindowMs: ms.default(1_000),
    /**
     * Low-priority tokens a second at most while readers are active, one at a time: 5 lets
     * write-back send 500 events a second while agents read (a support team's day is a few a
     * second). bench:writeback measured the reads' p95 during a drain at +6.5 to +11.5% over quiet
     * with write-back at what the budget spared (about 11 batches a second), +3.8 to +10.3% at
     * about 3.7 a second.
     */
    spareRateWhileReading: z.number().positive().max(UPSTREAM_REQUESTS_PER_SECOND).default(5),
    /** How long an answer is served without asking upstream again, per endpoint. */
    freshMs: z
      .object({
        traits: ms.default(30_000),
        meta: ms.default(30_000),
        audiences: ms.default(30_000),
        /**
         * The first page of an events query: a timeline moves faster than traits. With the apps'
         * 5 s live refresh, a new event shows within 15 s however many agents watch (stale at 5 s,
         * refreshed by the next poll, shown by the one after), and costs one upstream read per 5 s.
         */
        events: ms.default(5_000),
      })
      .prefault({}),
    /** Past this age an answer is never served, not even when upstream is down. */
    maxStaleMs: ms.default(10 * 60_000),
    /** How long "no such customer" is remembered, so a hot unknown id costs one request. */
    notFoundTtlMs: ms.default(30_000),
    /** Total time for one upstream read, bucket wait, retries and backoff included. */
    deadlineMs: ms.default(5_000),
    /** One HTTP attempt; shorter than the deadline so a stuck attempt leaves time for a retry. */
    timeoutMs: ms.default(2_000),
    retry: z
      .object({
        maxRetries: z.number().int().min(0).max(10).default(2),
        baseDelayMs: z.number().int().min(0).default(200),
        maxDelayMs: z.number().int().min(0).default(1_000),
        /** A longer `Retry-After` is not waited for: the sidebar gets stale data or a 429 now. */
        maxRetryAfterSeconds: z.number().min(0).default(2),
      })
      .prefault({}),
    breaker: z
      .object({
        /** Consecutive 5xx/timeout/network failures that open the circuit. */
        failures: z.number().int().min(1).default(5),
        /** How long the circuit stays open before one probe request is let through. */
        halfOpenAfterMs: ms.default(10_000),
      })
      .prefault({}),
    /** Cache bound, in characters of the cached JSON (about bytes for ASCII-heavy bodies). */
    maxCacheChars: z
      .number()
      .int()
      .min(1_024)
      .default(32 * 1024 * 1024),
  })
  .refine((o) => o.ratePerSecond + o.burst <= UPSTREAM_REQUESTS_PER_SECOND, {
    message: `burst + ratePerSecond must not exceed Intilery's ${UPSTREAM_REQUESTS_PER_SECOND} requests/s`,
    path: ['burst'],
  })
  .refine((o) => o.timeoutMs <= o.deadlineMs, {
    message: 'timeoutMs must not exceed deadlineMs',
    path: ['timeoutMs'],
  })
  .refine((o) => o.spareReserveWhileReading >= o.spareReserve, {
    message: 'spareReserveWhileReading must not be below spareReserve',
    path: ['spareReserveWhileReading'],
  })

/** What a caller may pass: every field optional. */
export type UpstreamOptions = z.input<typeof upstreamOptionsSchema>
/** The settings in force, defaults filled in. */
export type UpstreamSettings = z.output<typeof upstreamOptionsSchema>

export class UpstreamOptionsError extends Error {
  override readonly name = 'UpstreamOptionsError'
}

/**
 * @throws UpstreamOptionsError naming the first bad option.
 */
export function resolveUpstreamOptions(options: UpstreamOptions = {}): UpstreamSettings {
  const parsed = upstreamOptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UpstreamOptionsError(
      `Invalid upstream option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`
    )
  }
  return parsed.data
}

/** The settings' reserve shares as whole tokens of the burst, for PacedTokenBucket. */
export function spareReserveOf(settings: UpstreamSettings): SpareReserve {
  return {
    idle: Math.ceil(settings.burst * settings.spareReserve),
    whileReading: Math.ceil(settings.burst * settings.spareReserveWhileReading),
    readingWindowMs: settings.readingWindowMs,
    readingRatePerSecond: settings.spareRateWhileReading,
  }
}
