// Tokens reserved and never spent, given back to the shared budget in a real redis-server: the
// next reservation finds them, and a bucket already full is not filled past its burst.
import { afterEach, expect, it } from 'vitest'

import { createRedisBudget, type RedisBudget } from '../../src/platform/redis/redis-budget.ts'
import { serverUrl } from './server-urls.ts'

const budgets: RedisBudget[] = []
afterEach(async () => {
  await Promise.all(budgets.splice(0).map((budget) => budget.close()))
})

async function budgetAt(url: string) {
  const budget = createRedisBudget({ url, onModeChange: () => undefined })
  budgets.push(budget)
  await budget.ready(5_000)
  return budget
}

// 1 a second, a burst of 4: slow on purpose, so the machine's pauses are far inside the margins.
const rate = { ratePerSecond: 1, burst: 4 }

it('gives back unspent tokens to every instance, never past a full bucket', async () => {
  const url = serverUrl('RELAY_TEST_REDIS_URL')
  const [one, other] = [await budgetAt(url), await budgetAt(url)]
  const key = `refund-${Date.now()}`
  const now = { key, rate, maxWaitMs: 0, keepTokens: 0 }
  expect(await one.reserve({ ...now, tokens: 4 })).toMatchObject({ granted: true, waitMs: 0 })
  // The bucket is empty: another instance's two are refused...
  expect(await other.reserve({ ...now, tokens: 2 })).toMatchObject({ granted: false })
  // ...until the first gives back the two its request never used.
  await one.refund({ key, rate, tokens: 2 })
  const after = await other.reserve({ ...now, tokens: 2 })
  expect(after).toMatchObject({ granted: true, waitMs: 0 })
  expect(after.tokensLeft).toBeLessThan(1)

  // A full bucket (a key never used) stays at its burst: a refund adds nothing to it.
  const full = `refund-full-${Date.now()}`
  await one.refund({ key: full, rate, tokens: 3 })
  expect(await one.reserve({ ...now, key: full, tokens: 5 })).toMatchObject({ granted: false })
  expect(await one.reserve({ ...now, key: full, tokens: 4 })).toMatchObject({ granted: true })
  // Given back more than were taken: full again, not more.
  await one.refund({ key: full, rate, tokens: 10 })
  expect(await one.reserve({ ...now, key: full, tokens: 5 })).toMatchObject({ granted: false })
  expect(await one.reserve({ ...now, key: full, tokens: 4 })).toMatchObject({ granted: true })
})
