/** A read as the guard hands out a fresh one, for tests that stand in for the upstream guard. */
import type { Guarded } from '../types.ts'

export const freshRead = <T>(
  value: T,
  { requestId, fetchedAt = 0 }: { requestId?: string | undefined; fetchedAt?: number } = {}
): Guarded<T> => ({
  value,
  fetchedAt,
  stale: false,
  upstreamFailing: false,
  ageMs: 0,
  requestId,
})
