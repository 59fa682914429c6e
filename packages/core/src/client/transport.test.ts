import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  AuthenticationError,
  type IntileryError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
} from '../errors.ts'
import {
  emptyingBucket,
  fakeFetch,
  hang,
  networkFailure,
  ok,
  ref,
  setup,
  status,
} from './testing/fake-fetch.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('retries', () => {
  it('retries network errors and then succeeds', async () => {
    const fetch = fakeFetch(networkFailure, networkFailure, ok)
    const { client, retries } = setup(fetch)
    await expect(client.traits(ref)).resolves.toMatchObject({
      kind: 'single',
      profile: { id: 'p1' },
    })
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(retries.map((r) => [r.attempt, r.error.constructor])).toEqual([
      [1, NetworkError],
      [2, NetworkError],
    ])
  })

  it.each([429, 502, 503, 504])('retries HTTP %d', async (code) => {
    const fetch = fakeFetch(status(code), ok)
    const { client, retries } = setup(fetch)
    await expect(client.traits(ref)).resolves.toMatchObject({ profile: { id: 'p1' } })
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(retries).toHaveLength(1)
  })

  it('gives up after maxRetries (2 by default) with the last error', async () => {
    const fetch = fakeFetch(status(503))
    const error = await setup(fetch)
      .client.traits(ref)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpstreamError)
    expect(error).toMatchObject({ status: 503, retryable: true })
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('honours retry.maxRetries and retry: false', async () => {
    const five = fakeFetch(networkFailure)
    await expect(
      setup(five, { retry: { maxRetries: 4, baseDelayMs: 1 } }).client.traits(ref)
    ).rejects.toThrow(NetworkError)
    expect(five).toHaveBeenCalledTimes(5)
    const one = fakeFetch(networkFailure)
    await expect(setup(one, { retry: false }).client.traits(ref)).rejects.toThrow(NetworkError)
    expect(one).toHaveBeenCalledTimes(1)
  })

  it.each([
    [400, InvalidRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [413, PayloadTooLargeError],
    [500, UpstreamError],
  ] as const)('never retries HTTP %d', async (code, Class) => {
    const fetch = fakeFetch(status(code), ok)
    const { client, retries } = setup(fetch)
    const error = (await client.traits(ref).catch((e: unknown) => e)) as IntileryError
    expect(error).toBeInstanceOf(Class)
    expect(error.status).toBe(code)
    expect(error.retryable).toBe(false)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(retries).toHaveLength(0)
  })
})

describe('Retry-After', () => {
  it('waits the Retry-After seconds before retrying a 429', async () => {
    vi.useFakeTimers()
    const fetch = fakeFetch(status(429, { 'Retry-After': '1' }), ok)
    const { client, retries } = setup(fetch, { retry: { baseDelayMs: 1 } })
    const result = client.traits(ref)
    await vi.advanceTimersByTimeAsync(0)
    expect(retries.map((r) => r.delayMs)).toEqual([1_000])
    expect((retries[0]?.error as RateLimitError).retryAfter).toBe(1)
    await vi.advanceTimersByTimeAsync(999)
    expect(fetch).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetch).toHaveBeenCalledTimes(2)
    await expect(result).resolves.toMatchObject({ profile: { id: 'p1' } })
  })

  it('throws a RateLimitError at once when Retry-After exceeds maxRetryAfterSeconds (5 s by default)', async () => {
    const fetch = fakeFetch(status(429, { 'Retry-After': '60' }), ok)
    const { client, retries } = setup(fetch)
    const error = await client.traits(ref).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({
      retryAfter: 60,
      status: 429,
      requestId: 'req-429',
      code: 'rate_limit_error',
    })
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(retries).toHaveLength(0)
  })

  it('uses the configured maxRetryAfterSeconds', async () => {
    const fetch = fakeFetch(status(429, { 'Retry-After': '1' }), ok)
    const { client } = setup(fetch, { retry: { baseDelayMs: 1, maxRetryAfterSeconds: 0 } })
    await expect(client.traits(ref)).rejects.toMatchObject({ retryAfter: 1 })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('does not wait for a Retry-After that would end past the deadline', async () => {
    const fetch = fakeFetch(status(429, { 'Retry-After': '2' }), ok)
    const { client, retries } = setup(fetch, { deadlineMs: 1_000 })
    await expect(client.traits(ref)).rejects.toBeInstanceOf(RateLimitError)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(retries).toHaveLength(0)
  })

  it('backs off with jitter on a 429 without Retry-After', async () => {
    const fetch = fakeFetch(status(429), ok)
    const { client, retries } = setup(fetch, { retry: { baseDelayMs: 5 } })
    await client.traits(ref)
    expect(retries).toHaveLength(1)
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(0)
    expect(retries[0]?.delayMs).toBeLessThan(5)
  })
})

describe('timeouts and the deadline', () => {
  it('turns a slow attempt into a retryable TimeoutError and retries it', async () => {
    const fetch = fakeFetch(hang, ok)
    const { client, retries } = setup(fetch, { timeoutMs: 50 })
    await expect(client.traits(ref)).resolves.toMatchObject({ profile: { id: 'p1' } })
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(retries[0]?.error).toBeInstanceOf(TimeoutError)
    expect(retries[0]?.error.retryable).toBe(true)
  })

  it('rejects with the per-attempt TimeoutError once the retries are spent', async () => {
    const fetch = fakeFetch(hang)
    const error = await setup(fetch, { timeoutMs: 30 })
      .client.traits(ref)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'timeout', retryable: true, status: undefined })
    expect(fetch).toHaveBeenCalledTimes(3)
  })

  it('ends with a final, non-retryable TimeoutError at the total deadline', async () => {
    const fetch = fakeFetch(hang, ok)
    const { client, retries } = setup(fetch, { timeoutMs: 10_000, deadlineMs: 60 })
    const error = await client.traits(ref).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ code: 'timeout', retryable: false })
    expect((error as Error).message).toMatch(/60 ms deadline/)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(retries).toHaveLength(0)
  })

  it('bounds the retries by the deadline', async () => {
    const fetch = fakeFetch(hang)
    const { client } = setup(fetch, {
      timeoutMs: 40,
      deadlineMs: 200,
      retry: { maxRetries: 10, baseDelayMs: 1 },
    })
    await expect(client.traits(ref)).rejects.toBeInstanceOf(TimeoutError)
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(fetch.mock.calls.length).toBeLessThan(11)
  })

  it('counts a wait for the rate-limit bucket against the deadline', async () => {
    const fetch = fakeFetch(ok)
    const { client } = setup(fetch, { ...emptyingBucket(), deadlineMs: 50 })
    await client.traits(ref) // takes the only token
    const error = await client.traits(ref).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ retryable: false })
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
