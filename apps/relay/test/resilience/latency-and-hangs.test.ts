// Slow and silent upstreams, over real HTTP: every read answers within its deadline, stale data is
// served at once when cached, and the sandbox's held responses are released.
//
// Time is fake (the guard's timers and clock, and the sandbox's added latency, all run on vitest's
// fake setTimeout and Date); only the HTTP between them is real. So each claim is exact: a read is
// still pending one tick before the deadline and settled at it. Real I/O is waited for by event
// (a request reaching the sandbox, a held response let go), never by the wall clock.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../../src/platform/errors.ts'
import type { Upstream } from '../../src/upstream/index.ts'
import { watch } from '../../src/upstream/testing/watch.ts'
import { FAST, startResilienceTarget, type ResilienceTarget } from './harness.ts'

const DEADLINE = FAST.deadlineMs ?? 0
/** How far the fake clock moves between two waits for requests in flight to reach the sandbox. */
const STEP_MS = 10

let target: ResilienceTarget
beforeAll(async () => {
  target = await startResilienceTarget()
})
afterAll(() => target.stop())

let sandbox: ReturnType<typeof observeSandbox>
beforeEach(() => {
  // Only timers and Date: the sockets, and Node's own HTTP timers, stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  sandbox = observeSandbox()
})
afterEach(() => {
  vi.useRealTimers()
  target.sandbox.faults.reset()
  target.sandbox.counters.reset()
})

/**
 * Watches the sandbox through its knobs: it asks them for the added latency as each request
 * arrives, and holds a hanging response with `hangs.hold`, whose promise settles on release.
 */
function observeSandbox() {
  const { faults, hangs } = target.sandbox
  let arrivals = 0
  const onArrival = new Set<() => void>()
  const latencyFor = faults.latencyFor.bind(faults)
  vi.spyOn(faults, 'latencyFor').mockImplementation((route) => {
    arrivals += 1
    for (const check of [...onArrival]) check()
    return latencyFor(route)
  })
  const held: Promise<void>[] = []
  const hold = hangs.hold.bind(hangs)
  vi.spyOn(hangs, 'hold').mockImplementation((signal) => {
    const release = hold(signal)
    held.push(release)
    return release
  })
  return {
    /** Resolves once `count` requests have reached the sandbox. */
    arrived: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (arrivals < count) return
          onArrival.delete(check)
          resolve()
        }
        onArrival.add(check)
        check()
      }),
    /** How many responses the sandbox has held so far. */
    held: () => held.length,
    /** Resolves once every response held so far has been let go. */
    released: () => Promise.all(held),
  }
}

/**
 * Moves the fake clock `ms` forward, STEP_MS at a time. Before each step every request the guard
 * has sent must have reached the sandbox: that part is real I/O, and a request must not be
 * overtaken by its own timeout before it has even arrived.
 */
async function advance(upstream: Upstream, ms: number): Promise<void> {
  for (let moved = 0; moved < ms; moved += STEP_MS) {
    await sandbox.arrived(upstream.stats().upstreamCalls)
    await vi.advanceTimersByTimeAsync(Math.min(STEP_MS, ms - moved))
  }
}

describe('added latency', () => {
  it('still answers within the deadline when upstream is slow but alive', async () => {
    const { upstream } = target.guard()
    const [customer] = target.customers.slice(0, 1)
    if (!customer) throw new Error('no seeded customer')
    const LATENCY = 150
    target.sandbox.faults.set({ latencyMs: LATENCY })
    const started = Date.now()
    const reads = [
      upstream.traits(customer),
      upstream.meta(customer),
      upstream.audiences(customer),
      upstream.firstEventsPage(customer, { limit: 20 }),
    ]
    const watched = reads.map(watch)
    await sandbox.arrived(4)
    await vi.advanceTimersByTimeAsync(LATENCY - 1)
    expect(watched.filter((read) => read.settled)).toEqual([])
    // Each first attempt is still waiting for its answer: none timed out or was retried.
    expect(upstream.stats()).toMatchObject({ upstreamCalls: 4, failures: 0 })
    await vi.advanceTimersByTimeAsync(1)
    // Only the answers' way back is left, and it is not clock-driven: the clock stays put.
    const results = await Promise.all(reads)
    for (const result of results) expect(result).toMatchObject({ stale: false })
    expect(Date.now() - started).toBe(LATENCY)
    expect(LATENCY).toBeLessThan(DEADLINE)
    expect(upstream.stats()).toMatchObject({ upstreamCalls: 4, failures: 0 })
  })

  it('answers latency beyond the deadline with a clean error at the deadline, or stale data', async () => {
    const { upstream, advance: age } = target.guard()
    const [cached, uncached] = target.customers.slice(1, 3)
    if (!cached || !uncached) throw new Error('not enough seeded customers')
    await upstream.traits(cached)
    age(31_000)
    const LATENCY = 1_500
    target.sandbox.faults.set({ latencyMs: LATENCY })
    const miss = watch(upstream.traits(uncached))
    await advance(upstream, DEADLINE - 1)
    expect(miss.settled).toBe(false)
    await advance(upstream, 1)
    expect(miss.result).toBeInstanceOf(RelayError)
    expect(miss.result).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    // Served from the cache with no timer firing, while a refresh goes to the slow upstream.
    const stale = watch(upstream.traits(cached))
    await vi.advanceTimersByTimeAsync(0)
    expect(stale.result).toMatchObject({ stale: true })
    // Run the refresh to its deadline and the sandbox through its sleeps, so that it has answered
    // every request (to callers long gone) and no late one meets the next test's knobs.
    await advance(upstream, DEADLINE + LATENCY)
    const { failures, upstreamCalls } = upstream.stats()
    expect(failures).toBe(2)
    expect(target.sandbox.counters.snapshot().total).toBe(upstreamCalls)
  })
})

describe('hanging responses', () => {
  it('answers at the deadline every time, and the held responses are released', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ hangRate: 1 })
    const customers = target.customers.slice(10, 16)
    // Sequential reads: each one must end on its own deadline, not ride on another's.
    for (const customer of customers.slice(0, 3)) {
      const read = watch(upstream.traits(customer))
      await advance(upstream, DEADLINE - 1)
      expect(read.settled).toBe(false)
      await advance(upstream, 1)
      expect(read.result).toMatchObject({ code: 'upstream_unavailable' })
    }
    const parallel = customers.slice(3).map((c) => watch(upstream.meta(c)))
    await advance(upstream, DEADLINE - 1)
    expect(parallel.filter((read) => read.settled)).toEqual([])
    await advance(upstream, 1)
    for (const read of parallel) expect(read.result).toBeInstanceOf(RelayError)
    // Every attempt was held upstream; the client aborted each one, and the sandbox let go.
    expect(sandbox.held()).toBe(upstream.stats().upstreamCalls)
    await sandbox.released()
    expect(target.sandbox.hangs.size).toBe(0)
  })

  it('serves stale data at once while upstream hangs', async () => {
    const { upstream, advance: age } = target.guard()
    const [customer] = target.customers.slice(20, 21)
    if (!customer) throw new Error('no seeded customer')
    const fresh = await upstream.firstEventsPage(customer)
    age(15_000)
    target.sandbox.faults.set({ hangRate: 1 })
    const read = watch(upstream.firstEventsPage(customer))
    await vi.advanceTimersByTimeAsync(0)
    expect(read.result).toMatchObject({ stale: true, requestId: fresh.requestId, ageMs: 15_000 })
    // The refresh behind it hangs until its deadline; then nothing is left held.
    await advance(upstream, DEADLINE)
    expect(upstream.stats().failures).toBe(1)
    expect(sandbox.held()).toBeGreaterThan(0)
    await sandbox.released()
    expect(target.sandbox.hangs.size).toBe(0)
  })

  it('bounds every read when only some responses hang', async () => {
    const { upstream } = target.guard()
    target.sandbox.faults.set({ hangRate: 0.5 })
    const reads = target.customers.slice(30, 40).map((c) => watch(upstream.traits(c)))
    await advance(upstream, DEADLINE)
    for (const read of reads) {
      expect(read.settled).toBe(true)
      if (read.result instanceof Error) expect(read.result).toBeInstanceOf(RelayError)
      else expect(read.result).toMatchObject({ stale: false })
    }
    expect(sandbox.held()).toBeGreaterThan(0)
    await sandbox.released()
    expect(target.sandbox.hangs.size).toBe(0)
  })
})
