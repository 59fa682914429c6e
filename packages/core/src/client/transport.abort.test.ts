import { describe, expect, it } from 'vitest'

import { emptyingBucket, fakeFetch, hang, ok, ref, setup, status } from './testing/fake-fetch.ts'

describe('caller abort', () => {
  it('rejects with the signal’s reason during a request, without retrying', async () => {
    const controller = new AbortController()
    const reason = new Error('agent closed the ticket')
    const fetch = fakeFetch((init) => {
      const pending = hang(init)
      controller.abort(reason)
      return pending
    }, ok)
    const { client, retries } = setup(fetch)
    await expect(client.traits(ref, { signal: controller.signal })).rejects.toBe(reason)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(retries).toHaveLength(0)
  })

  it('rejects with the default AbortError reason when none was given', async () => {
    const controller = new AbortController()
    const fetch = fakeFetch((init) => {
      const pending = hang(init)
      controller.abort()
      return pending
    })
    const error = await setup(fetch)
      .client.traits(ref, { signal: controller.signal })
      .catch((e: unknown) => e)
    expect(error).toBe(controller.signal.reason)
    expect(error).toMatchObject({ name: 'AbortError' })
  })

  it('stops a backoff wait at once', async () => {
    const controller = new AbortController()
    const reason = new Error('stop')
    const fetch = fakeFetch(status(503), ok)
    const { client } = setup(fetch, {
      // Any backoff drawn below 10 s fits the 30 s default deadline, so the wait does start.
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
      hooks: { onRetry: () => controller.abort(reason) },
    })
    await expect(client.traits(ref, { signal: controller.signal })).rejects.toBe(reason)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('stops a backoff wait that is already under way', async () => {
    const controller = new AbortController()
    const reason = new Error('stop')
    const fetch = fakeFetch(status(429, { 'Retry-After': '1' }), ok)
    const { client } = setup(fetch, {
      // The microtask runs once the 1 s wait has begun.
      hooks: { onRetry: () => queueMicrotask(() => controller.abort(reason)) },
    })
    await expect(client.traits(ref, { signal: controller.signal })).rejects.toBe(reason)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('stops a wait for the rate-limit bucket without sending anything', async () => {
    const fetch = fakeFetch(ok)
    const { client } = setup(fetch, emptyingBucket())
    await client.traits(ref) // takes the only token
    const controller = new AbortController()
    const reason = new Error('gone')
    const result = client.traits(ref, { signal: controller.signal })
    controller.abort(reason)
    await expect(result).rejects.toBe(reason)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('never sends with an already-aborted signal', async () => {
    const reason = new Error('too late')
    const limited = fakeFetch(ok)
    await expect(
      setup(limited, emptyingBucket()).client.traits(ref, { signal: AbortSignal.abort(reason) })
    ).rejects.toBe(reason)
    expect(limited).not.toHaveBeenCalled()
    // Without a bucket the signal reaches fetch already aborted, so fetch sends nothing either.
    const unlimited = fakeFetch(hang)
    await expect(
      setup(unlimited).client.traits(ref, { signal: AbortSignal.abort(reason) })
    ).rejects.toBe(reason)
    expect(unlimited.mock.calls.every(([, init]) => init?.signal?.aborted === true)).toBe(true)
    expect(unlimited.mock.calls.length).toBeLessThanOrEqual(1)
  })
})
