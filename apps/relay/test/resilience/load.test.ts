// What reaches upstream under load, counted by the sandbox: concurrent opens of one customer
// collapse into one request, and a flood of distinct customers is paced under 100 requests in
// every calendar second, so Intilery never answers 429. Production settings throughout.
//
// Seconds are fake: the guard's bucket and the sandbox's per-second counter both read vitest's
// fake Date, so a stalled event loop cannot bunch requests into one real second. Only the HTTP
// between them is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Upstream } from '../../src/upstream/index.ts'
import { watch } from '../../src/upstream/testing/watch.ts'
import { startResilienceTarget, type ResilienceTarget } from './harness.ts'

/** How far the fake clock moves between two waits for requests in flight to reach the sandbox. */
const STEP_MS = 10

let target: ResilienceTarget
beforeAll(async () => {
  // Faked before the sandbox starts: its request counters take Date.now as their clock then.
  // Started on a calendar-second boundary, the worst case for "100 in a calendar second".
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'Date'],
    now: Math.ceil(Date.now() / 1000) * 1000,
  })
  target = await startResilienceTarget()
})
afterAll(async () => {
  await target.stop()
  vi.useRealTimers()
})

let arrivals = 0
const onArrival = new Set<() => void>()
beforeEach(() => {
  target.sandbox.counters.reset()
  // The sandbox asks its knobs for the added latency as each request arrives.
  arrivals = 0
  const { faults } = target.sandbox
  const latencyFor = faults.latencyFor.bind(faults)
  vi.spyOn(faults, 'latencyFor').mockImplementation((route) => {
    arrivals += 1
    for (const check of [...onArrival]) check()
    return latencyFor(route)
  })
})

/** Resolves once `count` requests have reached the sandbox. */
function arrived(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (arrivals < count) return
      onArrival.delete(check)
      resolve()
    }
    onArrival.add(check)
    check()
  })
}

/**
 * Moves the fake clock STEP_MS at a time until `done`. Before each step every request the guard
 * has sent must have reached the sandbox: that part is real I/O, and a request must not be
 * overtaken by its own timeout before it has even arrived.
 */
async function runUntil(upstream: Upstream, done: () => boolean): Promise<void> {
  while (!done()) {
    await arrived(upstream.stats().upstreamCalls)
    await vi.advanceTimersByTimeAsync(STEP_MS)
  }
}

describe('load', () => {
  it('makes 1,000 concurrent reads of one customer cost at most 2 upstream requests', async () => {
    const { upstream } = target.guard({})
    const [customer] = target.customers
    if (!customer) throw new Error('no seeded customer')
    const reads = await Promise.all(Array.from({ length: 1_000 }, () => upstream.traits(customer)))
    expect(new Set(reads.map((r) => r.requestId)).size).toBeLessThanOrEqual(2)
    expect(target.sandbox.counters.snapshot().total).toBeLessThanOrEqual(2)
    expect(upstream.stats()).toMatchObject({ failures: 0 })
  })

  it('paces 300 distinct customers read at once: <= 100 requests a second, no 429', async () => {
    const { upstream } = target.guard({})
    const customers = target.customers.slice(0, 300)
    expect(customers).toHaveLength(300)
    const started = Date.now()
    const reads = customers.map((c) => watch(upstream.traits(c)))
    await runUntil(upstream, () => reads.every((read) => read.settled))
    const counters = target.sandbox.counters.snapshot()
    expect(reads.filter((read) => read.result instanceof Error).map((read) => read.result)).toEqual(
      []
    )
    expect(counters.total).toBe(300)
    expect(counters.peakPerSecond).toBeLessThanOrEqual(100)
    expect(counters.byStatus['429']).toBeUndefined()
    // Paced, not just few: 15 at once, then 75 a second, so the last is sent after 3.8 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_800)
  })
})
