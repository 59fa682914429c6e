/**
 * @module upstream/testing/fake-intilery
 * Test support for the guard's unit tests: a scripted stand-in for Intilery behind an injected
 * fetch (real `Response` objects, the headers and error bodies the Profile API sends), a manual
 * clock, and a guard wired to both. Only test files import it; no network is ever touched.
 */
import { vi } from 'vitest'

import type { UpstreamOptions } from '../options.ts'
import type { UpstreamCredentials } from '../cache-key.ts'
import { createUpstream } from '../upstream.ts'

export const CREDENTIALS: UpstreamCredentials = {
  baseUrl: 'https://intilery.test',
  clientId: 'intilery',
  accountId: 'marketing',
  brandId: 'MARKETING',
  authToken: 'secret-token',
}

/** One request as the fake saw it. */
export interface Call {
  readonly url: URL
  /** `traits`, `meta`, `audiences` or `events`. */
  readonly endpoint: string
  /** The ref segment decoded, e.g. `userId:u-1`. */
  readonly ref: string
  readonly signal: AbortSignal | undefined
  /** The fake clock's time, when the test uses fake timers. */
  readonly at: number
}

export type Handler = (call: Call) => Response | Promise<Response>

let requestNo = 0
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-RequestId': `req-${++requestNo}`,
      ...headers,
    },
  })
}

/** A well-formed answer: a profile named after the ref, or one page of `events` events. */
export function answer(call: Call, events = 0): Response {
  if (call.endpoint === 'events') {
    const data = Array.from({ length: events }, (_, i) => ({
      eventId: `e-${i}`,
      eventTime: '2026-01-01T00:00:00Z',
      eventAction: 'page',
      rawData: { action: 'page' },
    }))
    return json({ scrollId: `scroll-${call.url.searchParams.get('scrollId') ?? 'first'}`, data })
  }
  const body = { id: `p-${call.ref}`, firstName: 'Joe' }
  return json(call.ref.startsWith('email:') ? { data: [body] } : body)
}

export const ok: Handler = (call) => answer(call)

const CODES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found',
  429: 'rate_limit_error',
}

/** An Intilery error answer with the spec's body. */
export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  () =>
    json(
      { error: { code: CODES[code] ?? 'internal_server_error', message: `HTTP ${code}` } },
      code,
      headers
    )

/** What fetch does when the network is down. */
export const networkFailure: Handler = () => Promise.reject(new TypeError('fetch failed'))

/** A 200 whose JSON is cut short, as the sandbox's malformed knob sends. */
export const malformed: Handler = () =>
  new Response('{"data": [{"eventId": "tr', {
    status: 200,
    headers: { 'x-amzn-RequestId': 'req-m' },
  })

/** Never answers; rejects once the request is aborted, as fetch does. */
export const hang: Handler = ({ signal }) =>
  new Promise((_resolve, reject) => {
    if (signal?.aborted === true) reject(signal.reason as Error)
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })

/** Never answers and ignores its signal: a fetch implementation that misbehaves. */
export const hangIgnoringAbort: Handler = () => new Promise<Response>(() => undefined)

/** A fake Intilery answering with `handler` (swap it with `fake.answerWith`). */
export function fakeIntilery(handler: Handler = ok) {
  const calls: Call[] = []
  let current = handler
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    )
    // ['', 'track', clientId, accountId, brandId, 'v1', 'profiles', ref, endpoint]
    const parts = url.pathname.split('/')
    const call: Call = {
      url,
      ref: decodeURIComponent(parts[7] ?? ''),
      endpoint: parts[8] ?? '',
      signal: init?.signal ?? undefined,
      at: Date.now(),
    }
    calls.push(call)
    await Promise.resolve()
    return current(call)
  })
  return {
    fetch,
    calls,
    /** From now on, answer with `next`. */
    answerWith: (next: Handler) => {
      current = next
    },
  }
}

/** A clock the test moves by hand (cache ages, bucket refills). */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let time = start
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms
    },
  }
}

/**
 * A guard on a fake Intilery with 1 ms backoffs (so retries cost no time) unless `options` says
 * otherwise.
 */
export function setup(handler: Handler = ok, options: UpstreamOptions = {}, now?: () => number) {
  const fake = fakeIntilery(handler)
  const upstream = createUpstream(
    CREDENTIALS,
    { ...options, retry: { baseDelayMs: 1, maxDelayMs: 5, ...options.retry } },
    { fetch: fake.fetch, now }
  )
  return { ...fake, upstream }
}

/** A promise and the functions that settle it, for handlers the test releases by hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
