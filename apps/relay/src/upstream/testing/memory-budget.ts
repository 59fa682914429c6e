/**
 * A shared budget held in memory, for tests of several guards ("instances") sharing one: the same
 * GCRA as platform/redis/redis-budget.ts's Lua script, on the test's clock, so the guard's side is
 * tested without a Redis server (test/servers checks the script itself against one).
 */
import type { Reservation, ReservationRequest, SharedBudgetBackend } from '../shared-budget.ts'

export function memoryBudget(now: () => number) {
  const arrivals = new Map<string, number>()
  const asked: ReservationRequest[] = []
  const backend = {
    asked,
    mode: () => 'shared' as const,
    reserve(request: ReservationRequest): Promise<Reservation> {
      asked.push(request)
      const at = now()
      const { ratePerSecond, burst } = request.rate
      const interval = 1000 / ratePerSecond
      const tat = Math.max(arrivals.get(request.key) ?? 0, at)
      const next = tat + (request.tokens ?? 1) * interval
      const waitMs = Math.max(0, next - burst * interval - at)
      const leftAfter = burst - (next - at) / interval
      if (waitMs > request.maxWaitMs || (request.keepTokens > 0 && leftAfter < request.keepTokens))
        return Promise.resolve({
          granted: false,
          waitMs,
          tokensLeft: burst - (tat - at) / interval,
        })
      arrivals.set(request.key, next)
      return Promise.resolve({ granted: true, waitMs, tokensLeft: leftAfter })
    },
  }
  return backend satisfies SharedBudgetBackend
}
