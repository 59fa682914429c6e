import { describe, expect, it, vi } from 'vitest'

import { createProfileRef } from '../profile-ref.ts'
import { createProfileClient, type ProfileClientOptions } from './create-profile-client.ts'
import type { RetryInfo } from './transport.ts'

type Step = (init: RequestInit | undefined) => Response | Promise<Response>

const ok: Step = () => new Response(JSON.stringify({ id: 'p1' }))
const status =
  (code: number, headers: Record<string, string> = {}): Step =>
  () =>
    new Response(JSON.stringify({ error: { code: 'x', message: 'x' } }), { status: code, headers })
/** Never answers; rejects with the signal's reason once the request is aborted, as fetch does. */
const hang: Step = (init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal
    if (signal?.aborted) reject(signal.reason as Error)
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })

/** A fetch that plays the steps in order, repeating the last one. */
function fakeFetch(...steps: Step[]) {
  let call = 0
  return vi.fn<typeof fetch>((_input, init) => {
    const step = steps[Math.min(call++, steps.length - 1)] ?? hang
    return Promise.resolve().then(() => step(init))
  })
}

function setup(fetchImpl: typeof fetch, options: Partial<ProfileClientOptions> = {}) {
  const retries: RetryInfo[] = []
  const client = createProfileClient({
    baseUrl: 'https://intilery.test',
    clientId: 'c',
    accountId: 'a',
    brandId: 'b',
    authToken: 'secret',
    rateLimit: false,
    retry: { baseDelayMs: 1 },
    hooks: { onRetry: (info) => retries.push(info) },
    ...options,
    fetch: fetchImpl,
  })
  return { client, retries }
}

const ref = createProfileRef('userId', 'u-1')

let credential = 0
/** A client-side bucket of one token that refills in ~17 minutes, private to this client's fresh token. */
const emptyingBucket = () => ({
  authToken: `transport-abort-test-${credential++}`,
  rateLimit: { ratePerSecond: 0.001, burst: 1 },
})

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
