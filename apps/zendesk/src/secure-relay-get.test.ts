import { RelayCallError } from '@intilery-connect/ui'
import { describe, expect, it } from 'vitest'

import { secureRelayGet, secureRelaySend } from './secure-relay-get.ts'
import type { ZafClient, ZafRequestOptions } from './zaf.ts'

/** A ZAF client whose proxied request fails the way Zendesk reports it (jqXHR-like). */
const failingWith = (status: number, responseText: string | undefined) =>
  ({
    request: () =>
      // Zendesk rejects with the jqXHR-like object itself, not an Error.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      Promise.reject({ status, responseText, getResponseHeader: () => null }),
  }) as unknown as ZafClient

const install = { relayUrl: 'https://relay.acme.example', subdomain: 'acme', agentId: '501' }
const failureOf = async (status: number, body: string | undefined) => {
  const error: unknown = await secureRelayGet(failingWith(status, body), install)('/x', {}).catch(
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(RelayCallError)
  return error as RelayCallError
}
const relayBody = (code: string) =>
  JSON.stringify({ error: { code, message: 'm', requestId: 'r-1' } })

describe('secureRelayGet failures', () => {
  it.each([
    ['no answer at all', 0, undefined],
    ['the proxy’s 502 when the relay host is down', 502, 'The proxied request failed'],
    ['a 404 page from something else at the relay URL', 404, '<html>Not Found</html>'],
    ['a 504 with an empty body', 504, ''],
  ])('says the relay was not reached on %s', async (_name, status, body) => {
    const error = await failureOf(status, body)
    expect(error.details.code).toBe('relay_unreachable')
    expect(error.failure).toBe('network')
    expect(error.message).toContain('https://relay.acme.example')
  })

  it.each([
    [503, 'upstream_unavailable', 'unavailable'],
    [404, 'not_found', 'not_found'],
    [401, 'unauthenticated', 'misconfigured'],
  ])('keeps the relay’s own %i %s answer as the relay said it', async (status, code, failure) => {
    const error = await failureOf(status, relayBody(code))
    expect(error.details.code).toBe(code)
    expect(error.failure).toBe(failure)
  })
})

describe('calls through the proxy', () => {
  /** A ZAF client recording each request's options and answering `answer`. */
  const recording = (answer: unknown = { ok: true }) => {
    const seen: ZafRequestOptions[] = []
    const client = {
      request: (options: ZafRequestOptions) => {
        seen.push(options)
        return Promise.resolve(answer)
      },
    } as unknown as ZafClient
    return { client, seen }
  }

  it('reads with a GET whose proxy-signed token names the agent and the installation', async () => {
    const { client, seen } = recording()
    const get = secureRelayGet(client, { ...install, installationId: '360001' })
    expect(await get('/zendesk/v1/context', { email: 'a+b@example.com' })).toEqual({ ok: true })
    expect(seen[0]).toMatchObject({
      url: 'https://relay.acme.example/zendesk/v1/context?email=a%2Bb%40example.com',
      type: 'GET',
      secure: true,
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: {
        secret_key: '{{setting.shared_secret}}',
        claims: { iss: 'https://acme.zendesk.com', sub: '501', installation_id: '360001' },
      },
    })
    expect(seen[0]).not.toHaveProperty('data')
  })

  it('writes a remembered choice with a JSON body, and deletes it by query', async () => {
    const { client, seen } = recording({ choice: null })
    const send = secureRelaySend(client, { ...install, installationId: '360001' })
    const body = { lookup: { type: 'email', value: 'sam@example.com' }, id: 'p2' }
    await send('PUT', '/zendesk/v1/choice', {}, body)
    await send('DELETE', '/zendesk/v1/choice', { email: 'sam@example.com' })
    expect(
      seen.map(({ url, type, data, contentType }) => ({ url, type, data, contentType }))
    ).toEqual([
      {
        url: 'https://relay.acme.example/zendesk/v1/choice',
        type: 'PUT',
        data: JSON.stringify(body),
        contentType: 'application/json',
      },
      {
        url: 'https://relay.acme.example/zendesk/v1/choice?email=sam%40example.com',
        type: 'DELETE',
        data: undefined,
        contentType: undefined,
      },
    ])
  })

  it('leaves out an installation id the relay would refuse, rather than every call failing', async () => {
    const { client, seen } = recording()
    await secureRelayGet(client, { ...install, installationId: 'not an id' })('/x', {})
    expect(seen[0]?.jwt.claims).toEqual({ iss: 'https://acme.zendesk.com', sub: '501' })
  })
})
