// The per-credential token bucket, on fake timers: never more than 100 requests in a calendar
// second, and reads that could not get a token before their deadline are shed, not queued.
import { createProfileRef } from '@intilery-connect/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import { AdmissionGroup } from './admission-group.ts'
import { resolveUpstreamOptions, UpstreamOptionsError } from './options.ts'
import { ok, setup } from './testing/fake-intilery.ts'

const customer = (i: number) => createProfileRef('id', `c-${i}`)

beforeEach(() => {
  // Start on a second boundary: the burst and the first 80 refills then share one second, the
  // worst case for the "100 per calendar second" rule.
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
})
afterEach(() => {
  vi.useRealTimers()
})

function perSecond(times: readonly number[]): number[] {
  const counts = new Map<number, number>()
  for (const t of times)
    counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1)
  return [...counts.values()]
}

/** The mechanism is tested at fixed numbers; the shipped defaults are checked on their own below. */
const PACE = { ratePerSecond: 80, burst: 20 }

describe('token bucket', () => {
  it('lets a burst of 20 go at once, then 80 a second, never over 100 in a calendar second', async () => {
    const { upstream, calls } = setup(ok, PACE, () => Date.now())
    const reads = Array.from({ length: 300 }, (_, i) => upstream.traits(customer(i)))
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(20)
    await vi.advanceTimersByTimeAsync(500)
    expect(calls).toHaveLength(60)
    await vi.advanceTimersByTimeAsync(3_000)
    expect(calls).toHaveLength(300)
    const results = await Promise.all(reads)
    expect(results.every((r) => !r.stale)).toBe(true)
    expect(Math.max(...perSecond(calls.map((c) => c.at)))).toBeLessThanOrEqual(100)
    expect(upstream.stats()).toMatchObject({ upstreamCalls: 300, shed: 0, failures: 0 })
  })

  it('sheds reads whose token would come after the deadline, as rate_limited with Retry-After', async () => {
    const { upstream, calls } = setup(ok, PACE, () => Date.now())
    const reads = Array.from({ length: 600 }, (_, i) =>
      upstream.traits(customer(i)).then(
        () => 'ok',
        (error: unknown) => error
      )
    )
    await vi.advanceTimersByTimeAsync(6_000)
    const outcomes = await Promise.all(reads)
    const shed = outcomes.filter((o) => o instanceof RelayError)
    // 20 at once + 80/s for the 4.5 s admission window, give or take one token.
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(370)
    expect(outcomes.filter((o) => o === 'ok').length).toBeLessThanOrEqual(382)
    expect(shed.every((e) => e.code === 'rate_limited' && (e.retryAfter ?? 0) >= 4)).toBe(true)
    expect(calls.length).toBe(outcomes.length - shed.length)
    expect(upstream.stats()).toMatchObject({ shed: shed.length, breakerState: 'closed' })
  })

  it('admits or sheds the reads of one request together when they are a group, so no token is spent on a failed open', async () => {
    const opens = async (grouped: boolean) => {
      const { upstream, calls } = setup(ok, PACE, () => Date.now())
      // 200 opens a second for 3 s, against 80 reads a second: the queue soon sits at the line.
      const results = []
      for (let i = 0; i < 600; i += 1) {
        const opts = grouped ? { admission: new AdmissionGroup(2) } : {}
        results.push(
          Promise.allSettled([
            upstream.meta(customer(i), opts),
            upstream.firstEventsPage(customer(i), {}, opts),
          ])
        )
        await vi.advanceTimersByTimeAsync(5)
      }
      await vi.advanceTimersByTimeAsync(6_000)
      const settled = await Promise.all(results)
      const answered = settled.filter((pair) => pair.every((r) => r.status === 'fulfilled'))
      const half = settled.filter((pair) => new Set(pair.map((r) => r.status)).size === 2)
      return { answered: answered.length, half: half.length, calls: calls.length }
    }
    const apart = await opens(false)
    // Decided read by read, the queue at the line admits one read of an open and sheds the other.
    expect(apart.half).toBeGreaterThan(100)
    expect(apart.calls).toBeGreaterThan(2 * apart.answered + 100)
    const together = await opens(true)
    expect(together.half).toBe(0)
    expect(together.calls).toBe(2 * together.answered)
    // 20 at once + 80/s over the 3 s of opens and the 4.5 s admission window after, in pairs.
    expect(together.answered).toBeGreaterThanOrEqual(300)
  })

  it('shares one bucket among all reads of the credential, scroll pages included', async () => {
    const { upstream, calls } = setup(ok, PACE, () => Date.now())
    const reads = [
      ...Array.from({ length: 10 }, (_, i) => upstream.traits(customer(i))),
      ...Array.from({ length: 10 }, (_, i) => upstream.meta(customer(i))),
      ...Array.from({ length: 10 }, (_, i) => upstream.eventsPage(customer(i), `s-${i}`)),
    ]
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(20)
    await vi.advanceTimersByTimeAsync(1_000)
    await Promise.all(reads)
    expect(calls).toHaveLength(30)
  })
})

describe('options', () => {
  it('refuses a bucket that could exceed 100 requests in a second', () => {
    expect(() => setup(ok, { ratePerSecond: 90, burst: 20 })).toThrow(UpstreamOptionsError)
    expect(() => setup(ok, { ratePerSecond: 90, burst: 20 })).toThrow(/burst \+ ratePerSecond/)
    expect(() => setup(ok, { deadlineMs: 100, timeoutMs: 200 })).toThrow(/timeoutMs/)
    expect(() => setup(ok, { ratePerSecond: 60, burst: 40 })).not.toThrow()
    // The defaults leave headroom under 100 for event-loop stalls that bunch requests together.
    const defaults = resolveUpstreamOptions({})
    expect(defaults.ratePerSecond + defaults.burst).toBeLessThanOrEqual(90)
  })
})
