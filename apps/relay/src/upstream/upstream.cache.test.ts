// Caching, stale-while-revalidate and de-duplication, against a fake Intilery and a manual clock.
import { createProfileRef, NotFoundError } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import {
  answer,
  deferred,
  hang,
  manualClock,
  ok,
  setup,
  status,
  type Handler,
} from './testing/fake-intilery.ts'

const joe = createProfileRef('userId', 'u-1')
const SECOND = 1000

describe('cache hits and misses', () => {
  it('answers a second read within the fresh TTL from the cache', async () => {
    const clock = manualClock()
    const { upstream, fetch } = setup(ok, {}, clock.now)
    const first = await upstream.traits(joe)
    clock.advance(29 * SECOND)
    const second = await upstream.traits(joe)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(first).toMatchObject({ stale: false, ageMs: 0, value: { kind: 'single' } })
    expect(second).toMatchObject({ stale: false, ageMs: 29 * SECOND })
    expect(second.requestId).toBe(first.requestId)
    expect(second.value.profile.id).toBe('p-userId:u-1')
    expect(upstream.stats()).toMatchObject({ hits: 1, misses: 1, upstreamCalls: 1, failures: 0 })
  })

  it('keys by endpoint and by the normalised ref: emails in any case share one entry', async () => {
    const { upstream, fetch } = setup()
    await upstream.traits(createProfileRef('email', 'Joe.Bloggs@Intilery.com'))
    const list = await upstream.traits({ type: 'email', value: ' joe.bloggs@intilery.com ' })
    expect(list.value.profiles).toHaveLength(1)
    await upstream.meta(joe)
    await upstream.audiences(joe)
    await upstream.traits(joe)
    expect(fetch).toHaveBeenCalledTimes(4)
    expect(fetch.mock.calls[0]?.[0]).toContain('/profiles/email:joe.bloggs%40intilery.com/traits')
  })

  it('caches a first events page per canonical query, for 10 s by default', async () => {
    const clock = manualClock()
    const { upstream, fetch } = setup((call) => answer(call, 2), {}, clock.now)
    const first = await upstream.firstEventsPage(joe, { include: ['Email Opened', 'page'] })
    expect(first.value).toMatchObject({ scrollId: 'scroll-first', hasMore: false })
    expect(first.value.data).toHaveLength(2)
    await upstream.firstEventsPage(joe, { include: ['page', 'email_opened'], sort: 'desc' })
    await upstream.firstEventsPage(joe, { include: ['page'] })
    expect(fetch).toHaveBeenCalledTimes(2)
    clock.advance(11 * SECOND)
    expect((await upstream.firstEventsPage(joe, { include: ['page'] })).stale).toBe(true)
  })

  it('refuses a bad ref or query before any request', async () => {
    const { upstream, fetch } = setup()
    await expect(upstream.traits({ type: 'email', value: 'not-an-email' })).rejects.toMatchObject({
      code: 'validation_error',
    })
    await expect(upstream.firstEventsPage(joe, { limit: 500 })).rejects.toMatchObject({
      code: 'invalid_request_error',
    })
    expect(fetch).not.toHaveBeenCalled()
  })

  it('stays within its memory bound by evicting the least recently used entries', async () => {
    // About 90 characters an entry: 1,024 hold about 11 (20 reads stay within the burst).
    const { upstream, fetch } = setup(ok, { maxCacheChars: 1024 })
    for (let i = 0; i < 19; i++) await upstream.traits(createProfileRef('userId', `u-${i}`))
    await upstream.traits(createProfileRef('userId', 'u-18'))
    expect(fetch).toHaveBeenCalledTimes(19)
    await upstream.traits(createProfileRef('userId', 'u-0'))
    expect(fetch).toHaveBeenCalledTimes(20)
  })
})

describe('stale-while-revalidate', () => {
  it('serves stale at once while one refresh runs, then fresh', async () => {
    const clock = manualClock()
    const { upstream, fetch, answerWith } = setup(ok, {}, clock.now)
    await upstream.traits(joe)
    clock.advance(31 * SECOND)
    const gate = deferred<void>()
    answerWith(async (call) => {
      await gate.promise
      return ok(call)
    })
    const stale = await upstream.traits(joe)
    // Old, but only because it is being refreshed: nothing says Intilery is failing.
    expect(stale).toMatchObject({ stale: true, upstreamFailing: false, ageMs: 31 * SECOND })
    // Reads during the refresh get the stale entry too, without another request.
    expect((await upstream.traits(joe)).stale).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(2)
    gate.resolve()
    await expect.poll(async () => (await upstream.traits(joe)).stale).toBe(false)
    const fresh = await upstream.traits(joe)
    expect(fresh).toMatchObject({ stale: false, ageMs: 0 })
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(upstream.stats().misses).toBe(1)
    expect(upstream.stats().stale).toBeGreaterThanOrEqual(2)
  })

  it('keeps serving stale data while refreshes fail, with its true age', async () => {
    const clock = manualClock()
    const { upstream, answerWith } = setup(ok, {}, clock.now)
    const original = await upstream.traits(joe)
    clock.advance(60 * SECOND)
    answerWith(status(503))
    for (let i = 1; i <= 3; i++) {
      const read = await upstream.traits(joe)
      // The first read starts the refresh that fails; the reads after it know it failed.
      expect(read).toMatchObject({
        stale: true,
        upstreamFailing: i > 1,
        requestId: original.requestId,
      })
      expect(read.ageMs).toBe(60 * SECOND + (i - 1) * SECOND)
      await expect.poll(() => upstream.stats().failures).toBe(i)
      clock.advance(SECOND)
    }
    answerWith(ok)
    await upstream.traits(joe)
    await expect
      .poll(async () => await upstream.traits(joe))
      .toMatchObject({ stale: false, upstreamFailing: false })
  })

  it('never serves an entry past the max stale age: the read waits and fails cleanly', async () => {
    const clock = manualClock()
    const { upstream, answerWith } = setup(ok, { maxStaleMs: 60 * SECOND }, clock.now)
    await upstream.traits(joe)
    clock.advance(61 * SECOND)
    answerWith(status(503))
    const error = await upstream.traits(joe).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RelayError)
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfter: 5 })
    // The dead entry is gone: recovery is a plain miss.
    answerWith(ok)
    expect(await upstream.traits(joe)).toMatchObject({ stale: false, ageMs: 0 })
  })

  it('waits for the refresh (rather than serve) past the max stale age when upstream is up', async () => {
    const clock = manualClock()
    const { upstream } = setup(ok, {}, clock.now)
    await upstream.traits(joe)
    clock.advance(11 * 60 * SECOND)
    expect(await upstream.traits(joe)).toMatchObject({ stale: false, ageMs: 0 })
  })
})

describe('what is cached and what is not', () => {
  it('remembers a 404 for 30 s and re-throws it, then asks again', async () => {
    const clock = manualClock()
    const { upstream, fetch, answerWith } = setup(status(404), {}, clock.now)
    const first = await upstream.traits(joe).catch((e: unknown) => e)
    expect(first).toBeInstanceOf(NotFoundError)
    clock.advance(29 * SECOND)
    expect(await upstream.traits(joe).catch((e: unknown) => e)).toBe(first)
    expect(fetch).toHaveBeenCalledTimes(1)
    clock.advance(2 * SECOND)
    answerWith(ok)
    expect((await upstream.traits(joe)).stale).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(upstream.stats()).toMatchObject({ failures: 0, hits: 1 })
  })

  it.each<[string, Handler]>([
    ['500', status(500)],
    ['503 (after retries)', status(503)],
    ['401', status(401)],
    ['429', status(429, { 'retry-after': '60' })],
    ['a malformed body', () => new Response('{"id":', { status: 200 })],
  ])('does not cache %s: the next read asks again', async (_name, failure) => {
    const { upstream, fetch, answerWith } = setup(failure)
    await expect(upstream.traits(joe)).rejects.toBeInstanceOf(RelayError)
    const failedCalls = fetch.mock.calls.length
    answerWith(ok)
    expect((await upstream.traits(joe)).stale).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(failedCalls + 1)
  })

  it('does not cache a timeout', async () => {
    const { upstream, fetch, answerWith } = setup(hang, { deadlineMs: 50, timeoutMs: 50 })
    await expect(upstream.traits(joe)).rejects.toMatchObject({ code: 'upstream_unavailable' })
    answerWith(ok)
    expect((await upstream.traits(joe)).stale).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(2)
  })
})

describe('in-flight de-duplication', () => {
  it('makes 100 concurrent identical reads cost one request', async () => {
    const gate = deferred<void>()
    const { upstream, fetch } = setup(async (call) => {
      await gate.promise
      return ok(call)
    })
    const reads = Array.from({ length: 100 }, () => upstream.traits(joe))
    gate.resolve()
    const results = await Promise.all(reads)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(new Set(results.map((r) => r.requestId)).size).toBe(1)
    expect(upstream.stats()).toMatchObject({ misses: 1, inflightShared: 99, upstreamCalls: 1 })
  })

  it('shares a failure too: 100 concurrent reads, one request, 100 clean errors', async () => {
    const { upstream, fetch } = setup(status(500))
    const reads = await Promise.allSettled(Array.from({ length: 100 }, () => upstream.meta(joe)))
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(reads.map((read) => read.status)).toEqual(Array.from({ length: 100 }, () => 'rejected'))
    for (const read of reads) {
      const reason: unknown = read.status === 'rejected' ? read.reason : undefined
      expect(reason).toBeInstanceOf(RelayError)
      expect(reason).toMatchObject({ code: 'upstream_unavailable', status: 503, retryAfter: 5 })
    }
  })
})
