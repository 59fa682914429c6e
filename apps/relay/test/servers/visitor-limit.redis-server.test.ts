// The per-visitor rate limit with Redis, on a real redis-server: two relay instances take one
// visitor's calls from one bucket there, under a hashed key that expires, never the visitor's id.
import { createHash } from 'node:crypto'

import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'

import { createRedisBudget, type RedisBudget } from '../../src/platform/redis/redis-budget.ts'
import { visitorRateLimiter } from '../../src/public-api/visitor/visitor-rate-limit.ts'
import { serverUrl } from './server-urls.ts'
import { outcome } from '../../src/public-api/visitor/testing/limit-outcome.ts'

const opened: (RedisBudget | Redis)[] = []
afterEach(async () => {
  await Promise.all(
    opened.splice(0).map((one) => (one instanceof Redis ? one.quit() : one.close()))
  )
})

async function instanceAt(url: string) {
  const budget = createRedisBudget({ url, onModeChange: () => undefined })
  opened.push(budget)
  await budget.ready(5_000)
  return visitorRateLimiter({ burst: 2, perMinute: 30 }, () => Date.now(), budget)
}

it("counts a visitor's calls once across two instances, in a key that names nobody and expires", async () => {
  const url = serverUrl('RELAY_TEST_REDIS_URL')
  const [one, other] = [await instanceAt(url), await instanceAt(url)]
  const site = `shop-${Date.now()}`
  const visitor = `${site}\u0000visitor-joe`
  expect(await outcome(one.take(visitor))).toBe('passed')
  expect(await outcome(other.take(visitor))).toBe('passed')
  // A burst of 2, 30 a minute: the third call is refused on either instance, the next token in
  // at most 2 s (two buckets, one per instance, would have let it through).
  for (const limiter of [one, other]) {
    const refused = await outcome(limiter.take(visitor))
    expect(refused).toBeGreaterThanOrEqual(1)
    expect(refused).toBeLessThanOrEqual(2)
  }
  expect(await outcome(other.take(`${site}\u0000visitor-sam`))).toBe('passed')

  const redis = new Redis(url, { lazyConnect: true })
  opened.push(redis)
  const key = `intilery-connect:budget:${createHash('sha256').update(`visitor\u0000${visitor}`).digest('hex')}`
  // Full again within 4 s (two tokens of 2 s): gone a second after that.
  const ttl = await redis.pttl(key)
  expect(ttl).toBeGreaterThan(0)
  expect(ttl).toBeLessThanOrEqual(5_000)
  expect(await redis.keys('*visitor-joe*')).toEqual([])
})
