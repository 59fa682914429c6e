import { describe, expect, it } from 'vitest'

import { fetchVisitorContext, VisitorContextError } from './visitor-context.ts'

const ANSWER = {
  found: true,
  traits: { first_name: 'Joe' },
  audiences: ['VIP shoppers'],
  recommendations: [
    { productId: 'p1', name: 'Candle', lastViewedAt: '2026-12-01T10:00:00.000Z', viewCount: 2 },
  ],
  stale: false,
  requestId: 'req-1',
}

function fakeFetch(response: Response | Error) {
  const calls: { url: string; init: RequestInit | undefined }[] = []
  const fetcher: typeof fetch = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init })
    return response instanceof Error ? Promise.reject(response) : Promise.resolve(response)
  }
  return { calls, fetch: fetcher }
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

describe('fetchVisitorContext', () => {
  it('asks the relay with the token as Bearer, without cookies, and answers the context', async () => {
    const fake = fakeFetch(json(ANSWER))
    const context = await fetchVisitorContext({
      relayUrl: 'https://relay.example/base',
      token: 'tok',
      limit: 3,
      fetch: fake.fetch,
    })
    expect(context).toEqual(ANSWER)
    expect(fake.calls[0]?.url).toBe('https://relay.example/base/v1/visitor/context?limit=3')
    expect(fake.calls[0]?.init).toMatchObject({
      headers: { authorization: 'Bearer tok' },
      credentials: 'omit',
    })
  })

  it('says why the relay refused, with its code, status and Retry-After', async () => {
    const refused = fakeFetch(
      json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'retry-after': '7' })
    )
    const error = await fetchVisitorContext({
      relayUrl: 'https://r.example',
      token: 't',
      fetch: refused.fetch,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VisitorContextError)
    expect(error).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfter: 7,
      message: 'slow down',
    })
  })

  it('tells a network failure and an answer of the wrong shape from a refusal', async () => {
    await expect(
      fetchVisitorContext({
        relayUrl: 'https://r.example',
        token: 't',
        fetch: fakeFetch(new TypeError('offline')).fetch,
      })
    ).rejects.toMatchObject({ code: 'network' })
    for (const body of [{}, { ...ANSWER, audiences: [1] }, { ...ANSWER, traits: [] }, 'text']) {
      await expect(
        fetchVisitorContext({
          relayUrl: 'https://r.example',
          token: 't',
          fetch: fakeFetch(json(body)).fetch,
        })
      ).rejects.toMatchObject({ code: 'bad_answer' })
    }
    await expect(
      fetchVisitorContext({
        relayUrl: 'https://r.example',
        token: 't',
        fetch: fakeFetch(new Response('<html>', { status: 502 })).fetch,
      })
    ).rejects.toMatchObject({ code: 'http_error', status: 502 })
  })
})
