// What reaches upstream under load, counted by the sandbox: concurrent opens of one customer
// collapse into one request, and a flood of distinct customers is paced under 100 requests in
// every calendar second, so Intilery never answers 429. Production settings throughout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startResilienceTarget, type ResilienceTarget } from './harness.ts'

let target: ResilienceTarget
beforeAll(async () => {
  target = await startResilienceTarget()
})
afterAll(() => target.stop())
beforeEach(() => {
  target.sandbox.counters.reset()
})

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
    const reads = await Promise.allSettled(customers.map((c) => upstream.traits(c)))
    const counters = target.sandbox.counters.snapshot()
    expect(reads.filter((r) => r.status === 'rejected')).toEqual([])
    expect(counters.total).toBe(300)
    expect(counters.peakPerSecond).toBeLessThanOrEqual(100)
    expect(counters.byStatus['429']).toBeUndefined()
  })
})
