/**
 * @module public-api/visitor/visitor-rate-limit
 * A per-visitor token bucket (site and userId), so one visitor's page, or a script holding a
 * leaked token, cannot spend the tenant's Intilery budget.
 *
 * With Redis (REDIS_URL), every instance takes the visitor's tokens from one bucket there, through
 * the shared budget's script (platform/redis/redis-budget.ts: the same GCRA, keys hashed and
 * expiring once full again), so a visitor gets the limit once however the load balancer spreads
 * their calls. While Redis does not answer, and without it, each instance keeps its own buckets:
 * behind several instances a visitor then gets the limit on each, which still bounds them.
 *
 * The local buckets are written here rather than taken from a library: a dozen lines over
 * lru-cache, which bounds the memory a flood of visitors can take (the least recently seen are
 * forgotten, which only ever forgives).
 */
import { LRUCache } from 'lru-cache'

import { RelayError } from '../../platform/errors.ts'
import type { SharedBudgetBackend } from '../../upstream/shared-budget.ts'

export interface VisitorLimit {
  /** Requests a visitor may make at once. */
  readonly burst: number
  /** Requests a visitor may make per minute, sustained. */
  readonly perMinute: number
}

export const DEFAULT_VISITOR_LIMIT: VisitorLimit = { burst: 10, perMinute: 30 }

export interface VisitorRateLimiter {
  /** @throws RelayError `rate_limited` with the seconds until the next request may pass. */
  take(visitorKey: string): Promise<void>
}

const tooMany = (retryAfterSeconds: number) =>
  new RelayError('rate_limited', 'Too many requests for this visitor; slow down.', {
    retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)),
  })

/** This instance's own buckets. */
function localBuckets(limit: VisitorLimit, now: () => number) {
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: 100_000 })
  const perMs = limit.perMinute / 60_000
  return (visitorKey: string): void => {
    const at = now()
    const bucket = buckets.get(visitorKey) ?? { tokens: limit.burst, at }
    const tokens = Math.min(limit.burst, bucket.tokens + (at - bucket.at) * perMs)
    if (tokens < 1) {
      buckets.set(visitorKey, { tokens, at })
      throw tooMany((1 - tokens) / perMs / 1000)
    }
    buckets.set(visitorKey, { tokens: tokens - 1, at })
  }
}

/**
 * @param shared the shared budget's backend when the relay runs with Redis; its reservations are
 *   asked for a token free now (no wait), in a bucket of the visitor's own.
 */
export function visitorRateLimiter(
  limit: VisitorLimit,
  now: () => number,
  shared?: SharedBudgetBackend
): VisitorRateLimiter {
  const takeLocal = localBuckets(limit, now)
  const rate = { ratePerSecond: limit.perMinute / 60, burst: limit.burst }
  return {
    async take(visitorKey) {
      if (shared === undefined || shared.mode() !== 'shared') return takeLocal(visitorKey)
      let answer
      try {
        answer = await shared.reserve({
          key: `visitor\u0000${visitorKey}`,
          rate,
          maxWaitMs: 0,
          keepTokens: 0,
        })
      } catch {
        // Redis did not answer in time: this instance's own bucket decides, as while it is away.
        return takeLocal(visitorKey)
      }
      if (!answer.granted) throw tooMany(answer.waitMs / 1000)
    },
  }
}
