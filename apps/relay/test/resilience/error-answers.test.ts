// Upstream answering with errors, over real HTTP: 5xx bursts, 429 storms and malformed JSON end in
// stale data or one clean RelayError, never a hang or a crash, and the guard recovers afterwards.
import type { ProfileRef } from '@intilery-connect/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { RelayError } from '../../src/platform/errors.ts'
import { FAST, SLACK_MS, startResilienceTarget, timed, type ResilienceTarget } from './harness.ts'

const DEADLINE = FAST.deadlineMs ?? 0
let target: ResilienceTarget
beforeAll(async () => {
  target = await startResilienceTarget()
})
afterAll(() => target.stop())
afterEach(() => {
  target.sandbox.faults.reset()
  target.sandbox.counters.reset()
})

function customer(index: number): ProfileRef {
  const found = target.customers[index]
  if (!found) throw new Error(`no seeded customer #${index}`)
  return found
}
const pick = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => customer(from + i))

describe('5xx bursts', () => {
  it('serves stale when cached, a clean 503 otherwise, and recovers when the burst ends', async () => {
    const { upstream, advance } = target.guard()
    const [cached, uncached] = [customer(0), customer(1)]
    await upstream.traits(cached)
    advance(31_000)
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })

    const stale = await upstream.traits(cached)
    expect(stale.stale).toBe(true)
    expect(stale.ageMs).toBeGreaterThanOrEqual(31_000)
    const { result, ms } = await timed(upstream.traits(uncached))
    expect(result).toBeInstanceOf(RelayError)
    expect(result).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    expect((result as RelayError).retryAfter).toBeGreaterThanOrEqual(1)
    expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    expect(target.sandbox.counters.snapshot().byStatus['503']).toBeGreaterThan(0)

    target.sandbox.faults.reset()
    // The breaker may have opened during the burst; it lets a probe through after 200 ms.
    const recovered = async () => {
      const read = await upstream.traits(uncached).catch(() => undefined)
      return read?.stale
    }
    await expect.poll(recovered, { timeout: 3_000, interval: 50 }).toBe(false)
    await expect
      .poll(async () => (await upstream.traits(cached)).stale, { timeout: 3_000 })
      .toBe(false)
  })

  it('opens the breaker in a long burst, then fails fast instead of asking', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 500 })
    for (const customer of pick(10, 5)) await upstream.traits(customer).catch(() => undefined)
    expect(upstream.stats().breakerState).toBe('open')
    const before = target.sandbox.counters.snapshot().total
    const { result, ms } = await timed(upstream.traits(customer(20)))
    expect(result).toMatchObject({ code: 'upstream_unavailable', retryAfter: 1 })
    expect(ms).toBeLessThan(SLACK_MS)
    expect(target.sandbox.counters.snapshot().total).toBe(before)
  })

  it('retries through a partial error rate: every read is an answer or a clean error', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ errorRate: 0.3, errorStatus: 502 })
    const reads = await Promise.allSettled(pick(30, 20).map((c) => upstream.meta(c)))
    for (const read of reads) {
      if (read.status === 'rejected') expect(read.reason).toBeInstanceOf(RelayError)
    }
    expect(reads.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(15)
  })
})

describe('429 storms', () => {
  it('ends in rate_limited without hanging, or stale data when cached', async () => {
    const { upstream, advance } = target.guard()
    const [cached, uncached] = [customer(50), customer(51)]
    await upstream.audiences(cached)
    advance(31_000)
    target.sandbox.faults.set({ rateLimitStorm: 1_000 })
    const { result, ms } = await timed(upstream.audiences(uncached))
    expect(result).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 1 })
    expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    expect(await upstream.audiences(cached)).toMatchObject({ stale: true })
    // A storm is not an outage.
    expect(upstream.stats().breakerState).toBe('closed')
  })

  it('fails fast when Retry-After exceeds the cap, passing the wait on', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ rateLimitStorm: 1_000, retryAfterSeconds: 60 })
    const { result, ms } = await timed(upstream.traits(customer(60)))
    expect(result).toMatchObject({ code: 'rate_limited', retryAfter: 60 })
    expect(ms).toBeLessThan(SLACK_MS)
    expect(upstream.stats().upstreamCalls).toBe(1)
  })

  it('waits out a short storm whose Retry-After fits the deadline', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 0 })
    expect(await upstream.traits(customer(61))).toMatchObject({ stale: false })
    expect(target.sandbox.counters.snapshot().byStatus).toEqual({ '429': 2, '200': 1 })
  })
})

describe('malformed JSON', () => {
  it('is an upstream_unavailable error, or stale data when cached, never a crash', async () => {
    const { upstream, advance } = target.guard()
    const [cached, uncached] = [customer(70), customer(71)]
    await upstream.firstEventsPage(cached)
    await upstream.traits(cached)
    advance(31_000)
    target.sandbox.faults.set({ malformedRate: 1 })
    const reads: Promise<unknown>[] = [
      upstream.traits(uncached),
      upstream.firstEventsPage(uncached),
    ]
    for (const read of reads) {
      const { result, ms } = await timed(read)
      expect(result).toBeInstanceOf(RelayError)
      expect(result).toMatchObject({ code: 'upstream_unavailable' })
      expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    }
    expect(await upstream.firstEventsPage(cached)).toMatchObject({ stale: true })
    expect(await upstream.traits(cached)).toMatchObject({ stale: true })
    target.sandbox.faults.reset()
    expect(await upstream.traits(uncached)).toMatchObject({ stale: false })
  })
})
