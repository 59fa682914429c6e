import { verify } from 'hono/jwt'
import { describe, expect, it, vi } from 'vitest'

import {
  proxiedRequestSchema,
  proxySecureRequest,
  ProxyRefusal,
  type Installation,
} from './secure-proxy.ts'

const SECRET = 'the-shared-secret'
const install: Installation = {
  settings: { relay_url: 'https://relay.example.com', shared_secret: SECRET, plain: 'p' },
  secureScopes: { shared_secret: ['jwt_secret_key'] },
  domainWhitelist: ['relay.example.com'],
}
const NOW = Math.floor(Date.now() / 1000)

function fakeFetch() {
  return vi.fn<typeof fetch>(() => Promise.resolve(new Response('{"ok":true}', { status: 200 })))
}
const jwtRequest = (overrides: Record<string, unknown> = {}) => ({
  url: 'https://relay.example.com/zendesk/v1/context?email=a%40b.c',
  type: 'GET',
  secure: true,
  headers: { Authorization: 'Bearer {{jwt.token}}' },
  jwt: {
    algorithm: 'HS256' as const,
    secret_key: '{{setting.shared_secret}}',
    expiry: 60,
    claims: { iss: 'https://demo.zendesk.com', sub: '501' },
  },
  ...overrides,
})

describe('the secure-request proxy stand-in', () => {
  it('signs an HS256 JWT with the secure setting and sends it only to the whitelisted host', async () => {
    const fetch = fakeFetch()
    const answer = await proxySecureRequest(jwtRequest(), install, fetch, NOW)
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}' })
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url instanceof URL ? url.href : url).toBe(
      'https://relay.example.com/zendesk/v1/context?email=a%40b.c'
    )
    expect(init?.redirect).toBe('manual')
    const token = (init?.headers as Record<string, string>).Authorization?.replace('Bearer ', '')
    expect(
      await verify(token ?? '', SECRET, { alg: 'HS256', iat: false, exp: false, nbf: false })
    ).toEqual({
      iss: 'https://demo.zendesk.com',
      sub: '501',
      iat: NOW,
      exp: NOW + 60,
    })
  })

  it.each([
    ['a host outside the whitelist', { url: 'https://evil.example.com/x' }],
    [
      'the secret in a header (its scope is jwt_secret_key)',
      { headers: { 'x-leak': '{{setting.shared_secret}}' } },
    ],
    ['the secret in the URL', { url: 'https://relay.example.com/x?s={{setting.shared_secret}}' }],
    ['a setting naming the host', { url: 'https://{{setting.plain}}.example.com/x' }],
    [
      'credentials from a setting before the host',
      { url: 'http://{{setting.plain}}@relay.example.com/x' },
    ],
    ['an unknown setting', { url: 'https://relay.example.com/x?s={{setting.nope}}' }],
  ])('refuses %s without sending anything', async (_name, overrides) => {
    const fetch = fakeFetch()
    await expect(proxySecureRequest(jwtRequest(overrides), install, fetch, NOW)).rejects.toThrow(
      ProxyRefusal
    )
    expect(fetch).not.toHaveBeenCalled()
  })

  it('sends a write’s data as its body with its content type, a secure setting only where `body` is allowed', async () => {
    const fetch = fakeFetch()
    const data = JSON.stringify({ lookup: { type: 'email', value: 'a@b.c' }, id: 'p2' })
    const request = jwtRequest({
      url: 'https://relay.example.com/zendesk/v1/choice',
      type: 'PUT',
      data,
      contentType: 'application/json',
    })
    await proxySecureRequest(proxiedRequestSchema.parse(request), install, fetch, NOW)
    const [, init] = fetch.mock.calls[0] ?? []
    expect(init?.method).toBe('PUT')
    expect(init?.body).toBe(data)
    expect((init?.headers as Record<string, string>)['content-type']).toBe('application/json')

    // The shared secret may be signed with, never written into a body.
    const leaking = jwtRequest({ type: 'PUT', data: '{"s":"{{setting.shared_secret}}"}' })
    await expect(
      proxySecureRequest(proxiedRequestSchema.parse(leaking), install, fetch, NOW)
    ).rejects.toBeInstanceOf(ProxyRefusal)
    // A GET sends no body.
    await proxySecureRequest(proxiedRequestSchema.parse(jwtRequest({ data })), install, fetch, NOW)
    expect(fetch.mock.calls[1]?.[1]?.body).toBeUndefined()
  })

  it('substitutes no setting in the domainWhitelist: a placeholder entry lets no host through', async () => {
    const fetch = fakeFetch()
    const placeholder: Installation = {
      ...install,
      settings: { ...install.settings, relay_host: 'relay.example.com' },
      domainWhitelist: ['{{setting.relay_host}}'],
    }
    await expect(proxySecureRequest(jwtRequest(), placeholder, fetch, NOW)).rejects.toThrow(
      'relay.example.com is not in the app’s domainWhitelist'
    )
    expect(fetch).not.toHaveBeenCalled()
  })

  it('substitutes non-secure settings anywhere, and no secure one in a request that is not secure', async () => {
    const fetch = fakeFetch()
    await proxySecureRequest(
      { url: 'https://relay.example.com/x?p={{setting.plain}}', type: 'GET', headers: {} },
      install,
      fetch,
      NOW
    )
    expect((fetch.mock.calls[0]?.[0] as URL | undefined)?.href).toBe(
      'https://relay.example.com/x?p=p'
    )
    await expect(
      proxySecureRequest(jwtRequest({ secure: false }), install, fetch, NOW)
    ).rejects.toThrow(ProxyRefusal)
  })
})
