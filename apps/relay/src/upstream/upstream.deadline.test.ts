// No read outlives its deadline, callers may leave without hurting others, and scroll pages pass
// straight through. On fake timers: each read is checked still pending one tick before the instant
// it must end, and settled at that instant.
import { createProfileRef } from '@intilery-connect/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import {
  answer,
  deferred,
  hang,
  hangIgnoringAbort,
  manualClock,
  ok,
  setup,
  status,
} from './testing/fake-intilery.ts'
import { watch } from './testing/watch.ts'
import { LAST_RESORT_GRACE_MS } from './upstream.ts'

const joe = createProfileRef('userId', 'u-1')
const FAST = { deadlineMs: 300, timeoutMs: 100 }

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('deadline', () => {
  it('rejects a hanging upstream at the deadline, retrying timed-out attempts meanwhile', async () => {
    const { upstream, fetch } = setup(hang, FAST)
    const read = watch(upstream.traits(joe))
    await vi.advanceTimersByTimeAsync(FAST.deadlineMs - 1)
    expect(read.settled).toBe(false)
    // Attempts that hit the 100 ms per-attempt timeout were retried; the last is still waiting.
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(fetch.mock.lastCall?.[1]?.signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(read.settled).toBe(true)
    expect(read.result).toBeInstanceOf(RelayError)
    expect(read.result).toMatchObject({ code: 'upstream_unavailable', retryAfter: 5 })
    // Every attempt was aborted, so nothing is left open upstream.
    expect(fetch.mock.calls.every(([, init]) => init?.signal?.aborted === true)).toBe(true)
  })

  it('rejects even when fetch ignores its abort signal, and the key is not left stuck', async () => {
    const { upstream, answerWith } = setup(hangIgnoringAbort, FAST)
    const read = watch(upstream.traits(joe))
    // The client's deadline aborts the request, but this fetch never settles: the guard's
    // last-resort timer ends the load one grace later.
    const lastResort = FAST.deadlineMs + LAST_RESORT_GRACE_MS
    await vi.advanceTimersByTimeAsync(lastResort - 1)
    expect(read.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(read.result).toBeInstanceOf(RelayError)
    expect(read.result).toMatchObject({ code: 'upstream_unavailable' })
    // The stuck load no longer holds the key: the next read sends its own request, at once.
    answerWith(ok)
    const next = watch(upstream.traits(joe))
    await vi.advanceTimersByTimeAsync(0)
    expect(next.result).toMatchObject({ stale: false })
  })

  it('answers at once with stale data while upstream hangs', async () => {
    const clock = manualClock()
    const { upstream, answerWith } = setup(ok, FAST, clock.now)
    await upstream.traits(joe)
    clock.advance(40_000)
    answerWith(hang)
    const read = watch(upstream.traits(joe))
    // No timer may fire: the answer must not wait for anything upstream does.
    await vi.advanceTimersByTimeAsync(0)
    expect(read.settled).toBe(true)
    expect(read.result).toMatchObject({ stale: true })
  })

  it('a caller that aborts leaves alone; the others still get the shared answer', async () => {
    const gate = deferred<void>()
    const { upstream, fetch } = setup(async (call) => {
      await gate.promise
      return ok(call)
    })
    const leaving = new AbortController()
    const first = upstream.traits(joe, { signal: leaving.signal })
    const second = upstream.traits(joe)
    leaving.abort(new Error('browser went away'))
    await expect(first).rejects.toThrow('browser went away')
    gate.resolve()
    expect((await second).stale).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(upstream.stats().failures).toBe(0)
  })

  it('rejects at once for a caller whose signal is already aborted, without a request', async () => {
    const { upstream, fetch } = setup()
    const gone = AbortSignal.abort(new Error('gone'))
    await expect(upstream.traits(joe, { signal: gone })).rejects.toThrow('gone')
    await expect(upstream.eventsPage(joe, 's', { signal: gone })).rejects.toThrow('gone')
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('scroll pages', () => {
  it('sends only the scrollId, never caches, and says whether more may follow', async () => {
    const { upstream, fetch, calls } = setup((call) => answer(call, 20))
    const full = await upstream.eventsPage(joe, 'abc+/=', { limit: 20 })
    const again = await upstream.eventsPage(joe, 'abc+/=', { limit: 20 })
    expect(fetch).toHaveBeenCalledTimes(2)
    const url = calls[0]?.url ?? new URL('http://missing')
    expect([...url.searchParams]).toEqual([['scrollId', 'abc+/=']])
    expect(url.pathname).toMatch(/\/profiles\/userId:u-1\/events$/)
    expect(full).toMatchObject({ stale: false, ageMs: 0, value: { hasMore: true } })
    expect(full.value.data).toHaveLength(20)
    expect(again.value.scrollId).toBe('scroll-abc+/=')
    const short = await upstream.eventsPage(joe, 'abc', { limit: 50 })
    expect(short.value.hasMore).toBe(false)
  })

  it('passes an expired scrollId through as invalid_request_error', async () => {
    const { upstream } = setup(status(400))
    await expect(upstream.eventsPage(joe, 'old')).rejects.toMatchObject({
      code: 'invalid_request_error',
    })
  })

  it('maps scroll failures like any other read and respects the deadline', async () => {
    const { upstream } = setup(hang, FAST)
    const read = watch(upstream.eventsPage(joe, 'abc'))
    await vi.advanceTimersByTimeAsync(FAST.deadlineMs - 1)
    expect(read.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(read.result).toMatchObject({ code: 'upstream_unavailable' })
  })

  it('refuses an empty scrollId before sending', async () => {
    const { upstream, fetch } = setup()
    await expect(upstream.eventsPage(joe, '')).rejects.toMatchObject({
      code: 'invalid_request_error',
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})
