import { RelayCallError } from '@intilery-connect/ui'
import { describe, expect, it, vi } from 'vitest'

import { createRelayFetch } from './relay-fetch.ts'
import { createTokenCache } from './token-cache.ts'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
const refusal = () =>
  json(401, { error: { code: 'unauthenticated', message: 'expired', requestId: 'r1' } })

/** A relay answering from a script, recording each call's Authorization header. */
function setup(...answers: (Response | Error)[]) {
  let signed = 0
  const fetchToken = vi.fn(() => Promise.resolve(`token-${++signed}`))
  const seen: { url: string; auth: string | null; init: RequestInit | undefined }[] = []
  const fetchImpl = vi.fn<typeof fetch>((url, init) => {
    seen.push({ url: url as string, auth: new Headers(init?.headers).get('authorization'), init })
    const next = answers.shift()
    if (next === undefined) throw new Error('unexpected call')
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next)
  })
  const relay = createRelayFetch(createTokenCache(fetchToken), fetchImpl)
  return { relay, seen, fetchToken }
}

describe('calls to the relay', () => {
  it('GETs same-origin paths with the Pipedrive-signed token as a Bearer, and no cookies', async () => {
    const { relay, seen } = setup(json(200, { ok: true }))
    expect(await relay.get('/pipedrive/v1/context', { email: 'a+b@example.com' })).toEqual({
      ok: true,
    })
    expect(seen[0]?.url).toBe('/pipedrive/v1/context?email=a%2Bb%40example.com')
    expect(seen[0]?.auth).toBe('Bearer token-1')
    expect(seen[0]?.init?.credentials).toBe('omit')
  })

  it('POSTs a JSON body', async () => {
    const { relay, seen } = setup(json(201, { id: 7 }))
    await relay.call('/pipedrive/v1/notes', { method: 'POST', body: { id: 1 } })
    expect(seen[0]?.init?.method).toBe('POST')
    expect(seen[0]?.init?.body).toBe('{"id":1}')
    expect(new Headers(seen[0]?.init?.headers).get('content-type')).toBe('application/json')
  })

  it('PUTs and DELETEs a remembered choice (the writes ui’s relayChoiceMemory makes)', async () => {
    const { relay, seen } = setup(json(200, { choice: { id: 'p2' } }), json(200, { choice: null }))
    const lookup = { type: 'email', value: 'sam@example.com' }
    expect(
      await relay.send('PUT', '/pipedrive/v1/choice', {}, { lookup, id: 'p2', scope: 'person:1' })
    ).toEqual({ choice: { id: 'p2' } })
    await relay.send('DELETE', '/pipedrive/v1/choice', {
      email: 'sam@example.com',
      scope: 'person:1',
    })
    expect(seen.map((call) => [call.init?.method, call.url, call.init?.body])).toEqual([
      ['PUT', '/pipedrive/v1/choice', JSON.stringify({ lookup, id: 'p2', scope: 'person:1' })],
      ['DELETE', '/pipedrive/v1/choice?email=sam%40example.com&scope=person%3A1', undefined],
    ])
    expect(seen.map((call) => call.auth)).toEqual(['Bearer token-1', 'Bearer token-1'])
  })

  it('on a 401 gets a new token and retries once', async () => {
    const { relay, seen, fetchToken } = setup(refusal(), json(200, { ok: 1 }))
    expect(await relay.call('/pipedrive/v1/subject')).toEqual({ ok: 1 })
    expect(seen.map((call) => call.auth)).toEqual(['Bearer token-1', 'Bearer token-2'])
    expect(fetchToken).toHaveBeenCalledTimes(2)
  })

  it('gives up after the retry is refused too, with the relay’s error', async () => {
    const { relay, seen } = setup(refusal(), refusal())
    const error = await relay.call('/pipedrive/v1/subject').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RelayCallError)
    expect(error).toMatchObject({
      failure: 'misconfigured',
      details: { status: 401, code: 'unauthenticated' },
    })
    expect(seen).toHaveLength(2)
  })

  it('does not retry other failures, and keeps the relay’s code and Retry-After', async () => {
    const body = { error: { code: 'not_connected', message: 'Connect Pipedrive', requestId: 'r' } }
    const { relay, seen } = setup(json(403, body, { 'retry-after': '3' }))
    const error = await relay.call('/pipedrive/v1/subject').catch((e: unknown) => e)
    expect(error).toMatchObject({
      message: 'Connect Pipedrive',
      details: { status: 403, code: 'not_connected', retryAfter: 3 },
    })
    expect(seen).toHaveLength(1)
  })

  it('reports an unreachable relay and a non-JSON answer as such', async () => {
    const down = setup(new TypeError('fetch failed'))
    await expect(down.relay.call('/x')).rejects.toMatchObject({ failure: 'network' })
    const html = setup(new Response('<html>', { status: 200 }))
    await expect(html.relay.call('/x')).rejects.toMatchObject({ failure: 'malformed' })
  })

  it('reports a host that signs no token without calling the relay', async () => {
    const fetchImpl = vi.fn<typeof fetch>()
    const relay = createRelayFetch(
      createTokenCache(() => Promise.reject(new Error('not initialized'))),
      fetchImpl
    )
    await expect(relay.call('/x')).rejects.toMatchObject({
      failure: 'misconfigured',
      details: { code: 'no_signed_token' },
    })
    expect(fetchImpl).not.toHaveBeenCalled()
  })
})
