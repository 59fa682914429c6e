/**
 * @module upstream
 * The upstream guard in front of the Intilery Profile API: per-credential token bucket, in-flight
 * de-duplication, stale-while-revalidate cache, retries with jitter, deadline, circuit breaker.
 */
export { createUpstream, type UpstreamDeps } from './upstream.ts'
export type {
  EventsPageValue,
  Guarded,
  ReadOptions,
  ScrollReadOptions,
  SpareBudget,
  Upstream,
  UpstreamCounts,
  UpstreamStats,
} from './types.ts'
export { ZERO_COUNTS } from './types.ts'
export { AdmissionGroup } from './admission-group.ts'
export type { UpstreamCredentials } from './cache-key.ts'
export type { BreakerState } from './breaker.ts'
export {
  resolveUpstreamOptions,
  upstreamOptionsSchema,
  UpstreamOptionsError,
  UPSTREAM_REQUESTS_PER_SECOND,
  type UpstreamOptions,
  type UpstreamSettings,
} from './options.ts'
export { OUTAGE_RETRY_AFTER_SECONDS, RATE_LIMIT_RETRY_AFTER_SECONDS } from './relay-errors.ts'
