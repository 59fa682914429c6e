/**
 * @module testing/fake-fetch
 * Test support for the client's tests: scripted fake fetches, canned responses and a client
 * wired to them. Only test files import it; it stays free of Node APIs like the rest of core.
 */
import { vi } from 'vitest'

import { createProfileRef } from '../../profile-ref.ts'
import type { ProfileClientOptions } from '../client-options.ts'
import { createProfileClient } from '../create-profile-client.ts'
import type { RetryInfo } from '../transport.ts'

/** One scripted answer of a fake fetch; it sees the request's init, so it can watch the signal. */
export type Step = (init: RequestInit | undefined) => Response | Promise<Response>

/** The account `setup` connects to; tests assert the URLs and the auth header built from it. */
export const BASE = {
  baseUrl: 'https://intilery.test',
  clientId: 'intilery',
  accountId: 'marketing',
  brandId: 'MARKETING',
  authToken: 'secret-token',
} as const

export const ref = createProfileRef('userId', 'u-1')

export function json(body: unknown, code = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: code,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export const ok: Step = () =>
  json({ id: 'p1', firstName: 'Joe' }, 200, { 'x-amzn-RequestId': 'req-ok' })

/** An HTTP error with an Intilery error body and the request id `req-{code}`. */
export const status =
  (code: number, headers: Record<string, string> = {}): Step =>
  () =>
    json({ error: { code: 'x', message: `HTTP ${code}` } }, code, {
      'x-amzn-RequestId': `req-${code}`,
      ...headers,
    })

/** What fetch does when the network is down: it rejects with a TypeError. */
export const networkFailure: Step = () => Promise.reject(new TypeError('fetch failed'))

/** Never answers; rejects with the signal's reason once the request is aborted, as fetch does. */
export const hang: Step = (init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal
    if (signal?.aborted) reject(signal.reason as Error)
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })

/** A fetch that plays the steps in order, repeating the last one. */
export function fakeFetch(...steps: Step[]) {
  let call = 0
  return vi.fn<typeof fetch>((_input, init) => {
    const step = steps[Math.min(call++, steps.length - 1)] ?? hang
    return Promise.resolve().then(() => step(init))
  })
}

/** A fetch answering every call with `body` and the request id `req-1`, recording what was asked. */
export function answering(body: unknown) {
  return vi.fn<typeof fetch>(() =>
    Promise.resolve(json(body, 200, { 'x-amzn-RequestId': 'req-1' }))
  )
}

/** The URL a fetch was called with, whatever form the input took. */
export function href(input: string | URL | Request | undefined): string {
  return input === undefined
    ? ''
    : typeof input === 'string'
      ? input
      : input instanceof URL
        ? input.href
        : input.url
}

/**
 * A client of `BASE` on `fetchImpl` with no client-side rate limit and 1 ms backoffs, so tests
 * run fast; `retries` records every retry it makes (unless `overrides` replaces the hooks).
 */
export function setup(fetchImpl: typeof fetch, overrides: Partial<ProfileClientOptions> = {}) {
  const retries: RetryInfo[] = []
  const client = createProfileClient({
    ...BASE,
    rateLimit: false,
    retry: { baseDelayMs: 1 },
    hooks: { onRetry: (info) => retries.push(info) },
    ...overrides,
    fetch: fetchImpl,
  })
  return { client, retries }
}

let credential = 0
/**
 * Options for a client-side bucket of one token that refills in ~17 minutes; the fresh token
 * keeps the bucket private to this client, as buckets are shared per credential.
 */
export const emptyingBucket = () => ({
  authToken: `emptying-bucket-${credential++}`,
  rateLimit: { ratePerSecond: 0.001, burst: 1 },
})
