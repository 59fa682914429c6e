// Several relay instances, one Intilery budget, against a real redis-server: the instances'
// reservations make one schedule, their reads together stay within the credential's limit, and
// when Redis goes away mid-load each instance carries on at its own share and comes back to the
// shared budget when Redis does.
import { createProfileRef } from '@intilery-connect/core'
import { Redis } from 'ioredis'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { createHasher } from '../../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../../src/platform/crypto/secret-box.ts'
import { createRedisAnswers, type RedisAnswers } from '../../src/platform/redis/redis-answers.ts'
import { createRedisBudget, type RedisBudget } from '../../src/platform/redis/redis-budget.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../../src/store/suite/context.ts'
import type { SharedBudgetMode } from '../../src/upstream/shared-budget.ts'
import { createUpstream } from '../../src/upstream/upstream.ts'
import { CREDENTIALS, fakeIntilery, ok } from '../../src/upstream/testing/fake-intilery.ts'
import { startOwnRedis, type OwnRedis } from './redis-process.ts'
import { serverUrl } from './server-urls.ts'

/** The value, which the test knows is there (the lint forbids `!`). */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value')
  return value
}

const budgets: (RedisBudget | RedisAnswers)[] = []
afterEach(async () => {
  await Promise.all(budgets.splice(0).map((b) => b.close()))
})

async function answersAt(url: string) {
  const answers = createRedisAnswers({
    url,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    hasher: await createHasher(AUDIT_KEY),
  })
  budgets.push(answers)
  await answers.ready(5_000)
  return answers
}

async function budgetAt(url: string, modes: SharedBudgetMode[] = []) {
  const budget = createRedisBudget({ url, onModeChange: (mode) => modes.push(mode) })
  budgets.push(budget)
  await budget.ready(5_000)
  return budget
}

/** A relay instance's guard for the one credential, on the shared budget. */
function instance(budget: RedisBudget, fake: ReturnType<typeof fakeIntilery>, instances = 2) {
  return createUpstream(
    CREDENTIALS,
    { ratePerSecond: 80, burst: 20 },
    { fetch: fake.fetch, sharedBudget: { backend: budget, instances } }
  )
}

const customer = (i: number) => createProfileRef('id', `c-${i}`)

function maxPerCalendarSecond(times: readonly number[]): number {
  const counts = new Map<number, number>()
  for (const t of times)
    counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1)
  return Math.max(...counts.values())
}

describe('the shared budget in Redis', () => {
  it('gives two instances one schedule: after the burst, one token per interval between them', async () => {
    const url = serverUrl('RELAY_TEST_REDIS_URL')
    const [a, b] = [await budgetAt(url), await budgetAt(url)]
    const request = {
      key: `schedule-${Date.now()}`,
      rate: { ratePerSecond: 50, burst: 10 },
      maxWaitMs: 60_000,
      keepTokens: 0,
    }
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? a : b).reserve(request))
    )
    expect(answers.every((r) => r.granted)).toBe(true)
    const waits = answers.map((r) => r.waitMs).sort((x, y) => x - y)
    // One bucket for both: 10 at once, then 50 a second, so the last of 400 waits ~7.8 s (two
    // buckets would let each instance's 200 go in ~3.8 s, and ~120 within the first second).
    expect(waits.filter((w) => w < 1_000).length).toBeLessThanOrEqual(65)
    expect(waits.at(-1)).toBeGreaterThan(7_500)
    // Write-back's kind of request: nothing is spare now, so nothing is reserved.
    expect(await a.reserve({ ...request, maxWaitMs: 0, keepTokens: 3 })).toMatchObject({
      granted: false,
    })
  })

  it('reserves a request’s tokens together or not at all', async () => {
    const url = serverUrl('RELAY_TEST_REDIS_URL')
    const budget = await budgetAt(url)
    // 1/s, a burst of 2: a second a token. Two tokens now empty the bucket. (Slow on purpose: the
    // margins below are half a second, far beyond any pause of a loaded machine.)
    const request = {
      key: `group-${Date.now()}`,
      rate: { ratePerSecond: 1, burst: 2 },
      maxWaitMs: 1_500,
      keepTokens: 0,
    }
    expect(await budget.reserve({ ...request, tokens: 2 })).toMatchObject({ granted: true })
    // Two more would make the last wait ~2 s, past 1.5 s: refused, and neither is taken...
    const refused = await budget.reserve({ ...request, tokens: 2 })
    expect(refused.granted).toBe(false)
    expect(refused.waitMs).toBeGreaterThan(1_500)
    // ...so one alone still comes within ~1 s.
    const single = await budget.reserve(request)
    expect(single.granted).toBe(true)
    expect(single.waitMs).toBeLessThanOrEqual(1_000)
  })

  it('keeps two instances’ reads of one credential within its limit together', async () => {
    const url = serverUrl('RELAY_TEST_REDIS_URL')
    const fake = fakeIntilery()
    const redis = new Redis(url)
    try {
      await redis.flushall()
    } finally {
      redis.disconnect()
    }
    const [one, two] = [instance(await budgetAt(url), fake), instance(await budgetAt(url), fake)]
    const reads = Array.from({ length: 240 }, (_, i) =>
      (i % 2 === 0 ? one : two).traits(customer(i))
    )
    const answers = await Promise.allSettled(reads)
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(240)
    expect(fake.calls).toHaveLength(240)
    // 80/s and a burst of 20 for both instances together: never more than 100 in a calendar
    // second (each on its own bucket would send up to 200).
    expect(maxPerCalendarSecond(fake.calls.map((c) => c.at))).toBeLessThanOrEqual(100)
    // And paced at 80/s together past the burst: measured from the first read after the burst,
    // since the burst's own reads reach the fake late on a cold start (7 ms short once, from the
    // first read).
    const at = fake.calls.map((c) => c.at).sort((a, b) => a - b)
    const paced = (at[239] ?? 0) - (at[20] ?? 0)
    expect(paced).toBeGreaterThanOrEqual(((240 - 21) / 80) * 1000 - 100)
  })
})

describe('when Redis goes away mid-load', () => {
  let own: OwnRedis | undefined
  afterAll(async () => {
    await own?.stop()
  })

  it('serves every read on the instance’s own share meanwhile, says so once, and shares again when Redis is back', async () => {
    own = await startOwnRedis()
    const modes: SharedBudgetMode[] = []
    const budget = await budgetAt(own.url, modes)
    const fake = fakeIntilery()
    const guard = instance(budget, fake)
    const reads: Promise<unknown>[] = []
    const readMore = (from: number, count: number) => {
      for (let i = from; i < from + count; i += 1) reads.push(guard.traits(customer(i)))
    }

    readMore(0, 30)
    await expect.poll(() => fake.calls.length).toBeGreaterThanOrEqual(20)
    await own.kill()
    readMore(30, 60)
    await expect.poll(() => budget.mode()).toBe('local')
    const answers = await Promise.allSettled(reads)
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([])
    expect(fake.calls).toHaveLength(90)
    expect(modes).toEqual(['shared', 'local'])

    await own.restart()
    await expect.poll(() => budget.mode(), { timeout: 5_000 }).toBe('shared')
    await guard.traits(customer(1_000))
    const redis = new Redis(own.url)
    try {
      expect(await redis.keys('intilery-connect:budget:*')).toHaveLength(1)
    } finally {
      redis.disconnect()
    }
    expect(modes).toEqual(['shared', 'local', 'shared'])
  })
})

describe('answers shared in Redis', () => {
  it('costs one upstream read for 1,000 concurrent opens of one customer across three instances, and keeps it sealed there', async () => {
    const url = serverUrl('RELAY_TEST_REDIS_URL')
    const redis = new Redis(url)
    try {
      await redis.flushall()
      const fake = fakeIntilery(async (call) => {
        // Upstream takes a while, as Intilery does: every open arrives before the answer.
        await new Promise((resolve) => setTimeout(resolve, 50))
        return ok(call)
      })
      const storeErrors: unknown[] = []
      const guards = await Promise.all(
        [1, 2, 3].map(async () =>
          createUpstream(
            CREDENTIALS,
            {},
            {
              fetch: fake.fetch,
              sharedBudget: { backend: await budgetAt(url), instances: 3 },
              sharedAnswers: {
                store: await answersAt(url),
                onStoreError: (e) => storeErrors.push(e),
              },
            }
          )
        )
      )
      const joe = createProfileRef('email', 'joe.sealed@example.com')
      const reads = Array.from({ length: 1_000 }, (_, i) => must(guards[i % 3]).meta(joe))
      const answers = await Promise.all(reads)
      expect(storeErrors).toEqual([])
      expect(fake.calls.filter((c) => c.endpoint === 'meta')).toHaveLength(1)
      expect(new Set(answers.map((a) => a.requestId)).size).toBe(1)
      const keys = await redis.keys('intilery-connect:answer:*')
      expect(keys).toHaveLength(1)
      expect(keys[0]).not.toContain('joe')
      const stored = (await redis.get(must(keys[0]))) ?? ''
      expect(stored).not.toContain('joe')
      expect(stored).not.toContain('"value"')
      expect(await redis.keys('intilery-connect:lock:*')).toEqual([])
    } finally {
      redis.disconnect()
    }
  })
})
