import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  AuthenticationError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
  ValidationError,
} from '../errors.ts'
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.ts'

const policy: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterSeconds: 5,
}
const network = new NetworkError('down')
const top = () => 1 - Number.EPSILON

describe('DEFAULT_RETRY_POLICY', () => {
  it('retries twice, backing off from 250 ms up to 4 s, and waits at most 5 s for Retry-After', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maxRetries: 2,
      baseDelayMs: 250,
      maxDelayMs: 4_000,
      maxRetryAfterSeconds: 5,
    })
  })
})

describe('retryDelayMs: what is retried', () => {
  it.each([
    ['NetworkError', network],
    ['TimeoutError (per attempt)', new TimeoutError('slow')],
    ['RateLimitError without Retry-After', new RateLimitError('busy')],
    ['UpstreamError 502', new UpstreamError('bad gateway', { status: 502 })],
    ['UpstreamError 503', new UpstreamError('unavailable', { status: 503 })],
    ['UpstreamError 504', new UpstreamError('gateway timeout', { status: 504 })],
  ])('retries %s on GET and HEAD', (_name, error) => {
    expect(retryDelayMs(error, 'GET', 0, policy, () => 0.5)).toBe(50)
    expect(retryDelayMs(error, 'HEAD', 0, policy, () => 0.5)).toBe(50)
  })

  it.each([
    ['AuthenticationError', new AuthenticationError('no', { status: 401 })],
    ['NotFoundError', new NotFoundError('none', { status: 404 })],
    ['ValidationError', new ValidationError('bad ref', { status: 400 })],
    ['InvalidRequestError', new InvalidRequestError('bad query', { status: 400 })],
    ['PayloadTooLargeError', new PayloadTooLargeError('big', { status: 413 })],
    ['UpstreamError 500', new UpstreamError('boom', { status: 500 })],
    [
      'UpstreamError malformed_response',
      new UpstreamError('junk', { status: 200, code: 'malformed_response' }),
    ],
    ['TimeoutError at the total deadline', new TimeoutError('deadline', { final: true })],
  ])('never retries %s', (_name, error) => {
    expect(retryDelayMs(error, 'GET', 0, policy, () => 0.5)).toBeUndefined()
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'never retries a %s, which may not be idempotent',
    (method) => {
      expect(retryDelayMs(network, method, 0, policy, () => 0.5)).toBeUndefined()
    }
  )

  it('stops after maxRetries retries', () => {
    expect(retryDelayMs(network, 'GET', 4, policy, () => 0.5)).toBeDefined()
    expect(retryDelayMs(network, 'GET', 5, policy, () => 0.5)).toBeUndefined()
    expect(retryDelayMs(network, 'GET', 0, { ...policy, maxRetries: 0 }, () => 0.5)).toBeUndefined()
  })
})

describe('retryDelayMs: exponential backoff with full jitter', () => {
  it('doubles the ceiling on every retry up to maxDelayMs', () => {
    const ceilings = [0, 1, 2, 3, 4].map((retry) =>
      retryDelayMs(network, 'GET', retry, policy, top)
    )
    expect(ceilings).toEqual([99, 199, 399, 799, 999])
  })

  it('picks uniformly below the ceiling: 0 for a random 0, half way for 0.5', () => {
    expect(retryDelayMs(network, 'GET', 2, policy, () => 0)).toBe(0)
    expect(retryDelayMs(network, 'GET', 2, policy, () => 0.5)).toBe(200)
    expect(retryDelayMs(network, 'GET', 2, policy, () => 0.25)).toBe(100)
  })

  it('stays in [0, min(maxDelayMs, baseDelayMs * 2^retry)) for any random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (retry, draw, baseDelayMs, maxDelayMs) => {
          const p = { maxRetries: 10, baseDelayMs, maxDelayMs, maxRetryAfterSeconds: 5 }
          const delay = retryDelayMs(network, 'GET', retry, p, () => draw)
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry)
          expect(delay).toBeDefined()
          expect(Number.isInteger(delay)).toBe(true)
          expect(delay).toBeGreaterThanOrEqual(0)
          expect(delay).toBeLessThan(ceiling)
        }
      ),
      { numRuns: 500 }
    )
  })

  it('uses Math.random when no random source is injected', () => {
    const delays = new Set(
      Array.from({ length: 50 }, () =>
        retryDelayMs(network, 'GET', 3, { ...policy, maxDelayMs: 1e9 })
      )
    )
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThan(800)
    }
    expect(delays.size).toBeGreaterThan(1)
  })
})

describe('retryDelayMs: Retry-After', () => {
  it('waits what the server asked when it is within the cap, without jitter', () => {
    expect(
      retryDelayMs(new RateLimitError('busy', { retryAfter: 1 }), 'GET', 0, policy, () => 0)
    ).toBe(1_000)
    expect(retryDelayMs(new RateLimitError('busy', { retryAfter: 5 }), 'GET', 1, policy, top)).toBe(
      5_000
    )
    expect(retryDelayMs(new RateLimitError('busy', { retryAfter: 0 }), 'GET', 0, policy, top)).toBe(
      0
    )
  })

  it('gives up at once when Retry-After exceeds maxRetryAfterSeconds', () => {
    expect(
      retryDelayMs(new RateLimitError('busy', { retryAfter: 6 }), 'GET', 0, policy, () => 0)
    ).toBeUndefined()
    const patient = { ...policy, maxRetryAfterSeconds: 60 }
    expect(
      retryDelayMs(new RateLimitError('busy', { retryAfter: 6 }), 'GET', 0, patient, () => 0)
    ).toBe(6_000)
  })

  it('still counts retries and methods for a Retry-After', () => {
    const error = new RateLimitError('busy', { retryAfter: 1 })
    expect(retryDelayMs(error, 'GET', policy.maxRetries, policy, () => 0)).toBeUndefined()
    expect(retryDelayMs(error, 'POST', 0, policy, () => 0)).toBeUndefined()
  })
})
