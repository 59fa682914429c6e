// Contract rows: auth (401), 413 over 1 MB, 429 token bucket, x-amzn-RequestId, error bodies, no 500s.
import {
  AuthenticationError,
  createProfileRef,
  PayloadTooLargeError,
  RateLimitError,
} from '@intilery-connect/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SEEDED } from '../src/seed/index.ts'
import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget()
})
afterAll(() => target.stop())

const joePath = `/profiles/userId:${SEEDED.joeBloggs.userId}/traits`
const joe = createProfileRef('userId', SEEDED.joeBloggs.userId)

describe('authentication', () => {
  it.each([
    ['no auth-token header', {}],
    ['a wrong token', { 'auth-token': 'wrong' }],
  ])('%s is 401 authentication_error', async (_label, headers) => {
    const response = await fetch(`${target.sandbox.apiRoot}${joePath}`, { headers })
    expect(response.status).toBe(401)
    expect((await expectErrorBody(response)).code).toBe('authentication_error')
  })

  it('a token used for another brand is 401', async () => {
    const { url, config } = target.sandbox
    const response = await fetch(
      `${url}/track/${config.clientId}/${config.accountId}/OTHER/v1${joePath}`,
      {
        headers: { 'auth-token': config.authToken },
      }
    )
    expect(response.status).toBe(401)
  })

  it('the client raises AuthenticationError with status and request id', async () => {
    const error = await target
      .client({ authToken: 'wrong' })
      .traits(joe)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ status: 401, code: 'authentication_error' })
    expect((error as AuthenticationError).requestId).toEqual(expect.any(String))
  })
})

describe('request ids', () => {
  it('every response carries x-amzn-RequestId, success or failure, and the client exposes it', async () => {
    const responses = await Promise.all([
      target.raw(joePath),
      target.raw('/profiles/userId:nobody/traits'),
      target.raw('/profiles/bad/traits'),
      fetch(`${target.sandbox.url}/nowhere`),
      fetch(`${target.sandbox.apiRoot}${joePath}`),
    ])
    const ids = responses.map((r) => r.headers.get('x-amzn-RequestId'))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(ids).size).toBe(ids.length)
    const result = await target.client().traits(joe)
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('request size', () => {
  it('a request over 1 MB is 413 and a PayloadTooLargeError', async () => {
    const response = await target.track('track', {
      userId: 'big',
      event: 'Big',
      properties: { blob: 'x'.repeat(1_100_000) },
    })
    expect(response.status).toBe(413)
    expect(await expectErrorBody(response)).toMatchObject({
      message: 'The request exceeds the 1 MB limit.',
    })
    const huge = await fetch(`${target.sandbox.apiRoot}${joePath}`, {
      headers: {
        'auth-token': target.sandbox.config.authToken,
        'x-padding': 'p'.repeat(1_100_000),
      },
    })
    expect(huge.status).toBe(413)
  })

  it('the client maps 413 to PayloadTooLargeError', async () => {
    const client = target.client({
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            'x-padding': 'p'.repeat(1_100_000),
          },
        }),
    })
    await expect(client.traits(joe)).rejects.toThrow(PayloadTooLargeError)
  })
})

describe('rate limit', () => {
  it('past the burst the sandbox answers 429 rate_limit_error, and the client raises RateLimitError', async () => {
    const limited = await startContractTarget({ ratePerSecond: 0.001, burst: 3 })
    try {
      const client = limited.client()
      for (let i = 0; i < 3; i++) await client.traits(joe)
      const raw = await limited.raw(joePath)
      expect(raw.status).toBe(429)
      expect((await expectErrorBody(raw)).code).toBe('rate_limit_error')
      await expect(client.traits(joe)).rejects.toThrow(RateLimitError)
      expect(limited.sandbox.counters.snapshot().byStatus['429']).toBe(2)
    } finally {
      await limited.stop()
    }
  })

  it('the client-side bucket keeps a well-behaved client from ever seeing a 429', async () => {
    // The server's bucket is deeper than the client's so that a stalled event loop (requests the
    // client spaced out being processed together) still fits; the relay keeps the same headroom.
    // Unpaced, 20 requests at once overrun a burst of 10 however slowly the machine serves them:
    // at 1 a second the bucket cannot refill meanwhile (at 50 a second, a cold start that spread
    // them over 200 ms let all 20 through once).
    const limited = await startContractTarget({ ratePerSecond: 1, burst: 10 })
    try {
      const unpaced = limited.client()
      await Promise.all(
        Array.from({ length: 20 }, () => unpaced.traits(joe).catch(() => undefined))
      )
      expect(limited.sandbox.counters.snapshot().byStatus['429']).toBeGreaterThan(0)

      const paced = await startContractTarget({ ratePerSecond: 50, burst: 10 })
      try {
        const client = paced.client({ rateLimit: { ratePerSecond: 40, burst: 4 } })
        await Promise.all(Array.from({ length: 20 }, () => client.traits(joe)))
        expect(paced.sandbox.counters.snapshot().byStatus).toEqual({ '200': 20 })
      } finally {
        await paced.stop()
      }
    } finally {
      await limited.stop()
    }
  })
})

describe('malformed requests', () => {
  it('wrong methods and unknown routes get JSON errors', async () => {
    const post = await target.raw(joePath, { method: 'POST', body: '{}' })
    expect(post.status).toBe(405)
    expect((await expectErrorBody(post)).code).toBe('invalid_request_error')
    const unknown = await target.raw('/profiles/userId:x/traits/extra')
    expect(unknown.status).toBe(404)
    expect((await expectErrorBody(unknown)).code).toBe('not_found')
  })

  it('no path, query or body ever gets a 500 or a stack trace', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'userId:',
        'email:',
        'id:',
        'anonymousId:',
        'phone:',
        ':',
        '%',
        '%zz',
        '%E0%A4%A',
        '..',
        ''
      ),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.string({ maxLength: 30 })
    )
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(segment, segment),
        fc.constantFrom('traits', 'events', 'meta', 'metadata', 'audiences', 'x'),
        fc.dictionary(
          fc.constantFrom(
            'limit',
            'sort',
            'start',
            'end',
            'include',
            'exclude',
            'scrollId',
            'from',
            'size'
          ),
          fc.string({ maxLength: 20 })
        ),
        async ([type, id], endpoint, query) => {
          const search = new URLSearchParams(query).toString()
          const path = `/profiles/${type}${id}/${endpoint}?${search}`
          const response = await target.raw(path).catch(() => undefined)
          if (response === undefined) return // the URL itself was unsendable
          const text = await response.text()
          expect(response.status).toBeLessThan(500)
          expect(text).not.toMatch(/at .*\.ts:\d+|Error:/)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('bodies that are not JSON or not messages are 400s', async () => {
    const notJson = await fetch(`${target.sandbox.apiRoot}/track`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'auth-token': target.sandbox.config.authToken,
      },
      body: '{"userId": ',
    })
    expect(notJson.status).toBe(400)
    expect((await expectErrorBody(notJson)).code).toBe('invalid_request_error')
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await target.track('track', body)
        expect([200, 400]).toContain(response.status)
      }),
      { numRuns: 60 }
    )
  })
})
