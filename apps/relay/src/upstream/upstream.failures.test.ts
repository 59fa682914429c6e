// What callers see when Intilery fails, and the circuit breaker that stops asking a dead upstream.
import { createProfileRef, NotFoundError } from '@intilery-connect/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import {
  malformed,
  manualClock,
  networkFailure,
  ok,
  setup,
  status,
} from './testing/fake-intilery.ts'

const joe = createProfileRef('userId', 'u-1')
const someone = (i: number) => createProfileRef('userId', `other-${i}`)

afterEach(() => {
  vi.useRealTimers()
})

describe('errors when nothing stale can be served', () => {
  it('maps 5xx after retries, malformed bodies and network errors to upstream_unavailable', async () => {
    for (const failure of [status(503), status(500), malformed, networkFailure]) {
      const { upstream } = setup(failure)
      const error = await upstream.traits(joe).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RelayError)
      expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfter: 5 })
      // The message is the relay's own, never upstream's text.
      expect((error as Error).message).toBe('Intilery is unavailable; try again shortly')
    }
  })

  it('retries a 503 with jitter and answers when upstream recovers within the deadline', async () => {
    let calls = 0
    const { upstream } = setup((call) => (++calls < 3 ? status(503)(call) : ok(call)))
    expect((await upstream.traits(joe)).stale).toBe(false)
    expect(upstream.stats()).toMatchObject({ upstreamCalls: 3, failures: 0 })
  })

  it('fails a 429 whose Retry-After exceeds the 2 s cap at once, as rate_limited', async () => {
    const { upstream, fetch } = setup(status(429, { 'retry-after': '30' }))
    const error = await upstream.traits(joe).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 30 })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('waits out a 429 whose Retry-After is within the cap', async () => {
    let calls = 0
    const { upstream } = setup((call) =>
      ++calls === 1 ? status(429, { 'retry-after': '0' })(call) : ok(call)
    )
    expect((await upstream.traits(joe)).stale).toBe(false)
  })

  it('gives a 429 without Retry-After a 1 s hint', async () => {
    const { upstream } = setup(status(429))
    await expect(upstream.traits(joe)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfter: 1,
    })
  })

  it('reports refused credentials as misconfigured, without retrying', async () => {
    const { upstream, fetch } = setup(status(401))
    await expect(upstream.traits(joe)).rejects.toMatchObject({
      code: 'misconfigured',
      message: 'The Intilery credentials were refused',
    })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it("passes a 404 through as core's NotFoundError with its request id", async () => {
    const { upstream } = setup(status(404))
    const error = await upstream.traits(joe).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).requestId).toMatch(/^req-/)
  })

  it('serves stale data instead of any of those errors', async () => {
    const clock = manualClock()
    const { upstream, answerWith } = setup(ok, {}, clock.now)
    await upstream.traits(joe)
    for (const failure of [status(503), status(429, { 'retry-after': '30' }), status(401)]) {
      clock.advance(60_000)
      answerWith(failure)
      expect((await upstream.traits(joe)).stale).toBe(true)
    }
  })
})

describe('circuit breaker', () => {
  it('opens after 5 consecutive outages and then fails fast without asking upstream', async () => {
    // Date faked (cockatiel and the breaker time the open period with it): Retry-After is exact.
    vi.useFakeTimers({ toFake: ['Date'] })
    const { upstream, fetch } = setup(status(500))
    for (let i = 0; i < 5; i++) await upstream.traits(someone(i)).catch(() => undefined)
    expect(upstream.stats().breakerState).toBe('open')
    expect(fetch).toHaveBeenCalledTimes(5)
    const error = await upstream.traits(someone(99)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfter: 10 })
    // Retry-After counts down to the probe, in whole seconds rounded up.
    vi.advanceTimersByTime(3_500)
    await expect(upstream.traits(someone(98))).rejects.toMatchObject({ retryAfter: 7 })
    expect(fetch).toHaveBeenCalledTimes(5)
  })

  it('still serves stale data while open', async () => {
    const clock = manualClock()
    const { upstream, answerWith, fetch } = setup(ok, {}, clock.now)
    await upstream.traits(joe)
    answerWith(status(500))
    for (let i = 0; i < 5; i++) await upstream.traits(someone(i)).catch(() => undefined)
    clock.advance(60_000)
    const calls = fetch.mock.calls.length
    expect(await upstream.traits(joe)).toMatchObject({ stale: true, ageMs: 60_000 })
    await expect.poll(() => upstream.stats().failures).toBe(6)
    expect(fetch).toHaveBeenCalledTimes(calls)
  })

  it('half-opens after 10 s: a good probe closes it, a bad one re-opens it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { upstream, fetch, answerWith } = setup(status(503), { retry: { maxRetries: 0 } })
    for (let i = 0; i < 5; i++) await upstream.traits(someone(i)).catch(() => undefined)
    expect(upstream.stats().breakerState).toBe('open')

    vi.advanceTimersByTime(10_001)
    await expect(upstream.traits(someone(10))).rejects.toBeInstanceOf(RelayError)
    expect(fetch).toHaveBeenCalledTimes(6)
    expect(upstream.stats().breakerState).toBe('open')

    vi.advanceTimersByTime(10_001)
    answerWith(ok)
    expect((await upstream.traits(someone(11))).stale).toBe(false)
    expect(upstream.stats().breakerState).toBe('closed')
  })

  it('lets no other read through while the probe runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { upstream, fetch, answerWith } = setup(status(500))
    for (let i = 0; i < 5; i++) await upstream.traits(someone(i)).catch(() => undefined)
    vi.advanceTimersByTime(10_001)
    let release = () => undefined as void
    answerWith(
      (call) =>
        new Promise((resolve) => {
          release = () => resolve(ok(call))
        })
    )
    const probe = upstream.traits(someone(20))
    await expect.poll(() => fetch.mock.calls.length).toBe(6)
    expect(upstream.stats().breakerState).toBe('half-open')
    await expect(upstream.traits(someone(21))).rejects.toMatchObject({ retryAfter: 1 })
    release()
    expect((await probe).stale).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(6)
  })

  it('counts only outages: 404, 400 and 401 leave it closed and do not break a streak', async () => {
    const { upstream, answerWith } = setup(status(500))
    for (let i = 0; i < 4; i++) await upstream.traits(someone(i)).catch(() => undefined)
    for (const answer of [status(404), status(400), status(401)]) {
      answerWith(answer)
      for (let i = 0; i < 5; i++) await upstream.traits(someone(100 + i)).catch(() => undefined)
    }
    expect(upstream.stats().breakerState).toBe('closed')
    answerWith(status(500))
    await upstream.traits(someone(200)).catch(() => undefined)
    expect(upstream.stats().breakerState).toBe('open')
  })

  it('does not count malformed bodies or 429s as outages', async () => {
    const { upstream, answerWith } = setup(malformed)
    for (let i = 0; i < 6; i++) await upstream.traits(someone(i)).catch(() => undefined)
    answerWith(status(429, { 'retry-after': '30' }))
    for (let i = 0; i < 6; i++) await upstream.traits(someone(10 + i)).catch(() => undefined)
    expect(upstream.stats().breakerState).toBe('closed')
  })
})
