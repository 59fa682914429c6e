import { afterEach, describe, expect, it, vi } from 'vitest'

import { InvalidRequestError } from '../errors.ts'
import { createProfileRef } from '../profile-ref.ts'
import type { ProfileClientOptions } from './client-options.ts'
import { createProfileClient } from './create-profile-client.ts'
import { answering, BASE, json, setup } from './testing/fake-fetch.ts'
import { TokenBucket } from './token-bucket.ts'

const joe = { id: '4c90b9cf', firstName: 'Joe' }

afterEach(() => {
  vi.useRealTimers()
})

describe('options', () => {
  it.each<[string, Partial<ProfileClientOptions>, RegExp]>([
    ['a baseUrl that is not a URL', { baseUrl: 'intilery' }, /baseUrl/],
    ['a non-http baseUrl', { baseUrl: 'ftp://intilery.test' }, /baseUrl must be an http\(s\) URL/],
    ['an empty clientId', { clientId: '' }, /clientId is required/],
    ['an empty accountId', { accountId: '' }, /accountId is required/],
    ['an empty brandId', { brandId: '' }, /brandId is required/],
    ['an empty authToken', { authToken: '' }, /authToken is required/],
    ['a zero timeoutMs', { timeoutMs: 0 }, /timeoutMs/],
    ['a fractional deadlineMs', { deadlineMs: 1.5 }, /deadlineMs/],
    ['more than 10 retries', { retry: { maxRetries: 11 } }, /retry/],
    ['a negative backoff', { retry: { baseDelayMs: -1 } }, /retry/],
    ['a zero rate', { rateLimit: { ratePerSecond: 0, burst: 1 } }, /rateLimit/],
    ['a zero burst', { rateLimit: { ratePerSecond: 1, burst: 0 } }, /rateLimit/],
  ])('rejects %s with InvalidRequestError naming it', (_name, options, message) => {
    const fetch = answering(joe)
    expect(() => setup(fetch, options)).toThrow(InvalidRequestError)
    expect(() => setup(fetch, options)).toThrow(message)
  })

  it('rejects a missing required option', () => {
    const { authToken: _omitted, ...rest } = BASE
    expect(() => createProfileClient(rest as ProfileClientOptions)).toThrow(/authToken/)
  })

  it('accepts the minimal options and uses the global fetch when none is given', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(json(joe)))
    const client = createProfileClient({ ...BASE, rateLimit: false })
    await expect(client.traits(createProfileRef('userId', 'u'))).resolves.toMatchObject({
      kind: 'single',
    })
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})

describe('client-side rate limit', () => {
  it('uses a TokenBucket instance as given', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2, now: () => 0 })
    await setup(answering(joe), { rateLimit: bucket }).client.traits(
      createProfileRef('userId', 'u')
    )
    expect(bucket.tryTake()).toBe(true)
    expect(bucket.tryTake()).toBe(false)
  })

  it('shares one bucket between clients of one credential, and only them', async () => {
    vi.useFakeTimers()
    const fetch = answering(joe)
    const limit = { ratePerSecond: 1, burst: 1 }
    const ref = createProfileRef('userId', 'u')
    const { client: first } = setup(fetch, { authToken: 'shared-credential', rateLimit: limit })
    const { client: second } = setup(fetch, { authToken: 'shared-credential', rateLimit: limit })
    const { client: other } = setup(fetch, { authToken: 'other-credential', rateLimit: limit })
    await first.traits(ref)
    const waiting = second.traits(ref)
    await other.traits(ref)
    await vi.advanceTimersByTimeAsync(999)
    expect(fetch).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(fetch).toHaveBeenCalledTimes(3)
  })
})
