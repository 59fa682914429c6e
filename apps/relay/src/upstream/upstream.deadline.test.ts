// No read outlives its deadline, callers may leave without hurting others, and scroll pages pass
// straight through.
import { createProfileRef } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { RelayError } from '../errors.ts'
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

const joe = createProfileRef('userId', 'u-1')
const FAST = { deadlineMs: 300, timeoutMs: 100 }

async function timed(work: Promise<unknown>): Promise<{ result: unknown; ms: number }> {
  const started = performance.now()
  const result = await work.catch((e: unknown) => e)
  return { result, ms: performance.now() - started }
}

describe('deadline', () => {
  it('rejects a hanging upstream within the deadline, retrying timed-out attempts meanwhile', async () => {
    const { upstream, fetch } = setup(hang, FAST)
    const { result, ms } = await timed(upstream.traits(joe))
    expect(result).toBeInstanceOf(RelayError)
    expect(result).toMatchObject({ code: 'upstream_unavailable', retryAfter: 5 })
    expect(ms).toBeGreaterThanOrEqual(FAST.deadlineMs - 5)
    expect(ms).toBeLessThan(FAST.deadlineMs + 150)
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2)
    // Every attempt was aborted, so nothing is left open upstream.
    expect(fetch.mock.calls.every(([, init]) => init?.signal?.aborted === true)).toBe(true)
  })

  it('rejects even when fetch ignores its abort signal, and the key is not left stuck', async () => {
    const { upstream, answerWith } = setup(hangIgnoringAbort, FAST)
    const { result, ms } = await timed(upstream.traits(joe))
    expect(result).toMatchObject({ code: 'upstream_unavailable' })
    expect(ms).toBeLessThan(FAST.deadlineMs + 250 + 150)
    answerWith(ok)
    expect((await upstream.traits(joe)).stale).toBe(false)
  })

  it('answers at once with stale data while upstream hangs', async () => {
    const clock = manualClock()
    const { upstream, answerWith } = setup(ok, FAST, clock.now)
    await upstream.traits(joe)
    clock.advance(40_000)
    answerWith(hang)
    const { result, ms } = await timed(upstream.traits(joe))
    expect(result).toMatchObject({ stale: true })
    expect(ms).toBeLessThan(50)
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
    const { result, ms } = await timed(upstream.eventsPage(joe, 'abc'))
    expect(result).toMatchObject({ code: 'upstream_unavailable' })
    expect(ms).toBeLessThan(FAST.deadlineMs + 150)
  })

  it('refuses an empty scrollId before sending', async () => {
    const { upstream, fetch } = setup()
    await expect(upstream.eventsPage(joe, '')).rejects.toMatchObject({
      code: 'invalid_request_error',
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})
