// Upstream answering with errors, over real HTTP: 5xx bursts, 429 storms and malformed JSON end in
// stale data or one clean RelayError, never a hang or a crash, and the guard recovers afterwards.
//
// Time is fake (the guard's backoffs, deadlines and bucket, and the breaker's clock, all run on
// vitest's fake setTimeout and Date); only the HTTP between the guard and the sandbox is real. The
// clock moves one timer at a time, and only once every request the guard sent has been answered,
// so each answer is handled at the instant the guard asked. With the retry jitter pinned, how long
// a failing read takes is exact: its backoffs, and nothing for the HTTP.
import type { ProfileRef } from '@intilery-connect/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../../src/platform/errors.ts'
import { OUTAGE_RETRY_AFTER_SECONDS } from '../../src/upstream/relay-errors.ts'
import { watch } from '../../src/upstream/testing/watch.ts'
import { FAST, startResilienceTarget, type ResilienceTarget } from './harness.ts'

/** Math.random while a test runs: each backoff is half its ceiling. */
const JITTER = 0.5
const { baseDelayMs = 0, maxDelayMs = 0 } = FAST.retry ?? {}
/** The wait before retry `n` (0-based): exponential ceiling, jitter pinned. */
const backoffMs = (n: number) => Math.floor(JITTER * Math.min(maxDelayMs, baseDelayMs * 2 ** n))
/** A read whose three attempts all fail with a retryable error waits out two backoffs. */
const TWO_BACKOFFS_MS = backoffMs(0) + backoffMs(1)

type Guard = ReturnType<ResilienceTarget['guard']>

let target: ResilienceTarget
beforeAll(async () => {
  target = await startResilienceTarget()
})
afterAll(() => target.stop())
beforeEach(() => {
  // Only timers and Date: the sockets, and Node's own HTTP timers, stay real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.spyOn(Math, 'random').mockReturnValue(JITTER)
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
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

/**
 * Runs the fake clock one timer at a time until `done()`. Before each timer, every request the
 * guard has sent must have been answered and acted on: that part is real I/O, and an attempt must
 * not be overtaken by its own timeout while its answer is on the way. Returns how far the clock
 * moved.
 */
async function runUntil(guard: Guard, done: () => boolean): Promise<number> {
  const started = Date.now()
  for (;;) {
    await guard.answered()
    // The guard acts on the answers: promise jobs, and timers due now (a zero Retry-After).
    await vi.advanceTimersByTimeAsync(0)
    if (guard.inFlight() > 0) continue
    if (done()) return Date.now() - started
    if (Date.now() - started > 60_000) throw new Error('not done after a minute of fake time')
    await vi.advanceTimersToNextTimerAsync()
  }
}

/** Reads of the guard that must answer from its cache: settled with the clock not moved. */
async function atOnce(read: Promise<unknown>): Promise<unknown> {
  const watched = watch(read)
  await vi.advanceTimersByTimeAsync(0)
  expect(watched.settled).toBe(true)
  return watched.result
}

const byStatus = () => target.sandbox.counters.snapshot().byStatus

describe('5xx bursts', () => {
  it('serves stale when cached, a clean 503 otherwise, and recovers when the burst ends', async () => {
    const guard = target.guard()
    const { upstream } = guard
    const [cached, uncached] = [customer(0), customer(1)]
    await upstream.traits(cached)
    guard.advance(31_000)
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })

    // Served from the cache while a refresh goes to the failing upstream.
    expect(await atOnce(upstream.traits(cached))).toMatchObject({ stale: true, ageMs: 31_000 })
    const miss = watch(upstream.traits(uncached))
    const took = await runUntil(guard, () => miss.settled)
    expect(miss.result).toBeInstanceOf(RelayError)
    expect(miss.result).toMatchObject({
      code: 'upstream_unavailable',
      status: 503,
      retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
    })
    // Three attempts and the backoffs between them, far inside the deadline.
    expect(took).toBe(TWO_BACKOFFS_MS)
    // The refresh and the miss, three attempts each; two failed loads leave the breaker closed.
    expect(byStatus()).toEqual({ '200': 1, '503': 6 })
    expect(upstream.stats()).toMatchObject({ failures: 2, breakerState: 'closed' })

    target.sandbox.faults.reset()
    expect(await upstream.traits(uncached)).toMatchObject({ stale: false })
    // The failed refresh kept the old answer: still served, marked as upstream failing, while a
    // new refresh succeeds; the read after it is fresh.
    expect(await atOnce(upstream.traits(cached))).toMatchObject({
      stale: true,
      upstreamFailing: true,
    })
    await runUntil(guard, () => true)
    expect(await atOnce(upstream.traits(cached))).toMatchObject({
      stale: false,
      upstreamFailing: false,
      ageMs: 0,
    })
    expect(byStatus()).toEqual({ '200': 3, '503': 6 })
  })

  it('opens the breaker in a long burst, then fails fast instead of asking', async () => {
    const guard = target.guard()
    const { upstream } = guard
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 500 })
    // A 500 is not retried: each read is one attempt, answered as soon as it is read.
    for (const customer of pick(10, 5)) {
      const read = watch(upstream.traits(customer))
      expect(await runUntil(guard, () => read.settled)).toBe(0)
      expect(read.result).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    }
    expect(upstream.stats().breakerState).toBe('open')
    expect(byStatus()).toEqual({ '500': 5 })
    // Fails without asking upstream and without waiting; a probe goes in 200 ms, said as 1 s.
    const result = await atOnce(upstream.traits(customer(20)))
    expect(result).toBeInstanceOf(RelayError)
    expect(result).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfter: 1 })
    expect(guard.inFlight()).toBe(0)
    expect(byStatus()).toEqual({ '500': 5 })
  })

  it('retries through a partial error rate: every read is an answer or a clean error', async () => {
    const guard = target.guard()
    const { upstream } = guard
    target.sandbox.faults.set({ errorRate: 0.5, errorStatus: 502 })
    const reads = pick(30, 20).map((c) => watch(upstream.meta(c)))
    await runUntil(guard, () => reads.every((read) => read.settled))
    const failed = reads.filter((read) => read.result instanceof Error)
    for (const read of failed) {
      expect(read.result).toBeInstanceOf(RelayError)
      expect(read.result).toMatchObject({ code: 'upstream_unavailable', status: 503 })
    }
    // The sandbox's errors come from a seeded generator, one draw per request, and the clock waits
    // for every answer, so the counts are the same on every run: 2 of the 20 reads failed all
    // three attempts (without retries, 7 would fail), 11 requests were answered 502 in all.
    expect(failed).toHaveLength(2)
    expect(byStatus()).toEqual({ '200': 18, '502': 11 })
    expect(upstream.stats()).toMatchObject({ upstreamCalls: 29, failures: 2 })
  })
})

describe('429 storms', () => {
  it('ends in rate_limited without hanging, or stale data when cached', async () => {
    const guard = target.guard()
    const { upstream } = guard
    const [cached, uncached] = [customer(50), customer(51)]
    await upstream.audiences(cached)
    guard.advance(31_000)
    target.sandbox.faults.set({ rateLimitStorm: 1_000 })
    const miss = watch(upstream.audiences(uncached))
    const took = await runUntil(guard, () => miss.settled)
    expect(miss.result).toBeInstanceOf(RelayError)
    expect(miss.result).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 1 })
    // A 429 without Retry-After is backed off like a 5xx: three attempts, two backoffs.
    expect(took).toBe(TWO_BACKOFFS_MS)
    expect(byStatus()).toEqual({ '200': 1, '429': 3 })
    expect(await atOnce(upstream.audiences(cached))).toMatchObject({ stale: true })
    // Let the refresh behind it fail too, so that no late request meets the next test's knobs.
    await runUntil(guard, () => upstream.stats().failures === 2)
    expect(byStatus()).toEqual({ '200': 1, '429': 6 })
    // A storm is not an outage.
    expect(upstream.stats().breakerState).toBe('closed')
  })

  it('fails fast when Retry-After exceeds the cap, passing the wait on', async () => {
    const guard = target.guard()
    const { upstream } = guard
    target.sandbox.faults.set({ rateLimitStorm: 1_000, retryAfterSeconds: 60 })
    const read = watch(upstream.traits(customer(60)))
    expect(await runUntil(guard, () => read.settled)).toBe(0)
    expect(read.result).toBeInstanceOf(RelayError)
    expect(read.result).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 60 })
    expect(upstream.stats().upstreamCalls).toBe(1)
  })

  it('waits out a short storm whose Retry-After fits the deadline', async () => {
    const guard = target.guard()
    const { upstream } = guard
    target.sandbox.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 0 })
    const read = watch(upstream.traits(customer(61)))
    // Retry-After: 0 is taken at its word: no backoff on top.
    expect(await runUntil(guard, () => read.settled)).toBe(0)
    expect(read.result).toMatchObject({ stale: false })
    expect(byStatus()).toEqual({ '429': 2, '200': 1 })
  })
})

describe('malformed JSON', () => {
  it('is an upstream_unavailable error, or stale data when cached, never a crash', async () => {
    const guard = target.guard()
    const { upstream } = guard
    const [cached, uncached] = [customer(70), customer(71)]
    await upstream.firstEventsPage(cached)
    await upstream.traits(cached)
    guard.advance(31_000)
    target.sandbox.faults.set({ malformedRate: 1 })
    const misses = [watch(upstream.traits(uncached)), watch(upstream.firstEventsPage(uncached))]
    // A malformed body fails the same way again, so it is not retried: no wait at all.
    expect(await runUntil(guard, () => misses.every((read) => read.settled))).toBe(0)
    for (const read of misses) {
      expect(read.result).toBeInstanceOf(RelayError)
      expect(read.result).toMatchObject({
        code: 'upstream_unavailable',
        status: 503,
        retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
      })
    }
    expect(await atOnce(upstream.firstEventsPage(cached))).toMatchObject({ stale: true })
    expect(await atOnce(upstream.traits(cached))).toMatchObject({ stale: true })
    // Their refreshes get malformed bodies too; the answers are in before the knob is turned off.
    await runUntil(guard, () => true)
    expect(upstream.stats()).toMatchObject({ failures: 4, breakerState: 'closed' })
    target.sandbox.faults.reset()
    expect(await upstream.traits(uncached)).toMatchObject({ stale: false })
  })
})
