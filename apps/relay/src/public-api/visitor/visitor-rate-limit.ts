/**
 * @module public-api/visitor/visitor-rate-limit
 * A per-visitor token bucket (site and userId), so one visitor's page, or a script holding a
 * leaked token, cannot spend the tenant's Intilery budget. Written here rather than taken from a
 * library: it is a dozen lines over lru-cache, which bounds the memory a flood of visitors can take
 * (the least recently seen are forgotten, which only ever forgives). Per relay instance: behind
 * several instances a visitor gets the limit on each, which still bounds them.
 */
import { LRUCache } from 'lru-cache'

import { RelayError } from '../../platform/errors.ts'

export interface VisitorLimit {
  /** Requests a visitor may make at once. */
  readonly burst: number
  /** Requests a visitor may make per minute, sustained. */
  readonly perMinute: number
}

export const DEFAULT_VISITOR_LIMIT: VisitorLimit = { burst: 10, perMinute: 30 }

export function visitorRateLimiter(limit: VisitorLimit, now: () => number) {
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: 100_000 })
  const perMs = limit.perMinute / 60_000
  return {
    /** @throws RelayError `rate_limited` with the seconds until the next request may pass. */
    take(key: string): void {
      const at = now()
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at }
      const tokens = Math.min(limit.burst, bucket.tokens + (at - bucket.at) * perMs)
      if (tokens < 1) {
        buckets.set(key, { tokens, at })
        throw new RelayError('rate_limited', 'Too many requests for this visitor; slow down.', {
          retryAfter: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
        })
      }
      buckets.set(key, { tokens: tokens - 1, at })
    },
  }
}
