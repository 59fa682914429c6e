// Slow and silent upstreams, over real HTTP: every read answers within its deadline, stale data is
// served at once when cached, and the sandbox's held responses are released.
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

describe('added latency', () => {
  it('still answers within the deadline when upstream is slow but alive', async () => {
    const { upstream } = target.guard()
    const [customer] = target.customers.slice(0, 1)
    if (!customer) throw new Error('no seeded customer')
    target.sandbox.faults.set({ latencyMs: 150 })
    const reads = await Promise.all([
      timed(upstream.traits(customer)),
      timed(upstream.meta(customer)),
      timed(upstream.audiences(customer)),
      timed(upstream.firstEventsPage(customer, { limit: 20 })),
    ])
    for (const { result, ms } of reads) {
      expect(result).toMatchObject({ stale: false })
      expect(ms).toBeGreaterThanOrEqual(140)
      expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    }
  })

  it('answers latency beyond the deadline with a clean error at the deadline, or stale data', async () => {
    const { upstream, advance } = target.guard()
    const [cached, uncached] = target.customers.slice(1, 3)
    if (!cached || !uncached) throw new Error('not enough seeded customers')
    await upstream.traits(cached)
    advance(31_000)
    target.sandbox.faults.set({ latencyMs: 1_500 })
    const miss = await timed(upstream.traits(uncached))
    expect(miss.result).toBeInstanceOf(RelayError)
    expect(miss.result).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    expect(miss.ms).toBeLessThan(DEADLINE + SLACK_MS)
    const stale = await timed(upstream.traits(cached))
    expect(stale.result).toMatchObject({ stale: true })
    expect(stale.ms).toBeLessThan(SLACK_MS)
    // The sandbox finishes its sleeps after the client has gone. Wait until the miss and the
    // background refresh have both failed and the sandbox has counted every request they sent,
    // so no late request meets the next test's knobs.
    const settled = () => {
      const { failures, upstreamCalls } = upstream.stats()
      return failures === 2 && target.sandbox.counters.snapshot().total === upstreamCalls
    }
    await expect.poll(settled, { timeout: 5_000 }).toBe(true)
  })
})

describe('hanging responses', () => {
  it('answers within the deadline every time, and the held responses are released', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ hangRate: 1 })
    const customers = target.customers.slice(10, 16)
    // Sequential reads: each one must end on its own deadline, not ride on another's.
    for (const customer of customers.slice(0, 3)) {
      const { result, ms } = await timed(upstream.traits(customer))
      expect(result).toMatchObject({ code: 'upstream_unavailable' })
      expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    }
    const parallel = await Promise.all(customers.slice(3).map((c) => timed(upstream.meta(c))))
    for (const { result, ms } of parallel) {
      expect(result).toBeInstanceOf(RelayError)
      expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
    }
    // The client aborted every attempt, so the sandbox let go of every held response.
    await expect.poll(() => target.sandbox.hangs.size, { timeout: 2_000 }).toBe(0)
  })

  it('serves stale data at once while upstream hangs', async () => {
    const { upstream, advance } = target.guard()
    const [customer] = target.customers.slice(20, 21)
    if (!customer) throw new Error('no seeded customer')
    const fresh = await upstream.firstEventsPage(customer)
    advance(15_000)
    target.sandbox.faults.set({ hangRate: 1 })
    const { result, ms } = await timed(upstream.firstEventsPage(customer))
    expect(result).toMatchObject({ stale: true, requestId: fresh.requestId })
    expect((result as typeof fresh).ageMs).toBeGreaterThanOrEqual(15_000)
    expect(ms).toBeLessThan(SLACK_MS)
    await expect.poll(() => target.sandbox.hangs.size, { timeout: 3_000 }).toBe(0)
  })

  it('bounds every read when only some responses hang', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ hangRate: 0.5 })
    const reads = await Promise.all(
      target.customers.slice(30, 40).map((c) => timed(upstream.traits(c)))
    )
    for (const { result, ms } of reads) {
      expect(ms).toBeLessThan(DEADLINE + SLACK_MS)
      if (result instanceof Error) expect(result).toBeInstanceOf(RelayError)
      else expect(result).toMatchObject({ stale: false })
    }
    await expect.poll(() => target.sandbox.hangs.size, { timeout: 2_000 }).toBe(0)
  })
})
