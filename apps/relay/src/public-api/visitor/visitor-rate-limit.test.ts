import { describe, expect, it } from 'vitest'

import type { SharedBudgetBackend, SharedBudgetMode } from '../../upstream/shared-budget.ts'
import { memoryBudget } from '../../upstream/testing/memory-budget.ts'
import { visitorRateLimiter } from './visitor-rate-limit.ts'
import { outcome } from './testing/limit-outcome.ts'

const LIMIT = { burst: 2, perMinute: 30 }

describe('the per-visitor rate limit', () => {
  it("takes every instance's calls from one bucket per visitor in the shared budget", async () => {
    const clock = { ms: 1_000_000 }
    const shared = memoryBudget(() => clock.ms)
    const one = visitorRateLimiter(LIMIT, () => clock.ms, shared)
    const other = visitorRateLimiter(LIMIT, () => clock.ms, shared)
    expect(await outcome(one.take('site\u0000joe'))).toBe('passed')
    expect(await outcome(other.take('site\u0000joe'))).toBe('passed')
    // 30 a minute: the next token in 2 s.
    expect(await outcome(one.take('site\u0000joe'))).toBe(2)
    expect(await outcome(other.take('site\u0000joe'))).toBe(2)
    expect(await outcome(other.take('site\u0000sam'))).toBe('passed')
    clock.ms += 2_000
    expect(await outcome(other.take('site\u0000joe'))).toBe('passed')
    // The visitor's key is the shared budget's, apart from any credential's; no wait is granted.
    expect(shared.asked.map((asked) => [asked.key, asked.maxWaitMs])).toContainEqual([
      'visitor\u0000site\u0000joe',
      0,
    ])
  })

  it("keeps each instance's own bucket while the shared budget is away or fails", async () => {
    const clock = { ms: 1_000_000 }
    let mode: SharedBudgetMode = 'local'
    const failing: SharedBudgetBackend = {
      mode: () => mode,
      reserve: () => Promise.reject(new Error('Command timed out')),
    }
    const limiter = visitorRateLimiter(LIMIT, () => clock.ms, failing)
    expect(await outcome(limiter.take('joe'))).toBe('passed')
    expect(await outcome(limiter.take('joe'))).toBe('passed')
    expect(await outcome(limiter.take('joe'))).toBe(2)
    // Redis back but not answering in time: still limited here, never let through unlimited.
    mode = 'shared'
    expect(await outcome(limiter.take('joe'))).toBe(2)
    clock.ms += 2_000
    expect(await outcome(limiter.take('joe'))).toBe('passed')
  })
})
