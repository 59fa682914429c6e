// The local Zendesk takes the app's domainWhitelist from the built app's manifest, as Zendesk takes
// it from the uploaded package, and its proxy refuses a secure call to any other host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it, vi } from 'vitest'

import { createZendeskHostApp, manifestWhitelist, startZendeskHost } from './server.ts'

const appDir = mkdtempSync(join(tmpdir(), 'zendesk-host-'))
afterAll(() => rmSync(appDir, { recursive: true, force: true }))

function hostFor(domainWhitelist: readonly string[], relayUrl: string) {
  writeFileSync(join(appDir, 'manifest.json'), JSON.stringify({ domainWhitelist }))
  const fetch = vi.fn<typeof globalThis.fetch>(() => Promise.resolve(new Response('{}')))
  const app = createZendeskHostApp(
    {
      appDir,
      subdomain: 'demo',
      settings: { relay_url: relayUrl, relay_host: new URL(relayUrl).hostname, shared_secret: 's' },
      secureScopes: { shared_secret: ['jwt_secret_key'] },
      tickets: [],
      fetch,
    },
    () => 1234
  )
  const proxy = (url: string) =>
    app.request('http://127.0.0.1:1234/__zendesk/proxy', {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:1234', 'content-type': 'application/json' },
      body: JSON.stringify({
        url,
        type: 'GET',
        secure: true,
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 60 },
      }),
    })
  return { proxy, fetch }
}

describe('the local Zendesk’s whitelist', () => {
  it('is read from the built app’s manifest', () => {
    writeFileSync(join(appDir, 'manifest.json'), JSON.stringify({ domainWhitelist: ['a.example'] }))
    expect(manifestWhitelist(appDir)).toEqual(['a.example'])
  })

  it('lets a secure call through to a whitelisted host only', async () => {
    const { proxy, fetch } = hostFor(['relay.acme.example'], 'https://relay.acme.example')
    expect(await (await proxy('https://relay.acme.example/zendesk/v1/x')).json()).toMatchObject({
      status: 200,
    })
    expect(await (await proxy('https://relay.other.example/zendesk/v1/x')).json()).toEqual({
      status: 403,
      body: 'relay.other.example is not in the app’s domainWhitelist',
      headers: {},
    })
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('substitutes no setting in it, so a placeholder entry lets nothing through', async () => {
    const { proxy, fetch } = hostFor(['{{setting.relay_host}}'], 'https://relay.acme.example')
    expect(await (await proxy('https://relay.acme.example/zendesk/v1/x')).json()).toMatchObject({
      status: 403,
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('starting the local Zendesk', () => {
  it('rejects, without crashing the process, when its port is taken', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = taken.address() as AddressInfo
      await expect(
        startZendeskHost({ appDir, subdomain: 'demo', settings: {}, secureScopes: {}, port })
      ).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await new Promise((resolve) => taken.close(resolve))
    }
  })
})

describe('the local Zendesk’s colour scheme', () => {
  it('opens a ticket in the theme its URL names, light otherwise', async () => {
    writeFileSync(join(appDir, 'manifest.json'), JSON.stringify({ domainWhitelist: [] }))
    const app = createZendeskHostApp(
      { appDir, subdomain: 'demo', settings: {}, secureScopes: {} },
      () => 1234
    )
    const ticket = async (query: string) =>
      (await app.request(`http://127.0.0.1:1234/tickets/101${query}`)).text()
    expect(await ticket('?colorScheme=dark')).toContain('&amp;colorScheme=dark"')
    expect(await ticket('')).toContain('&amp;colorScheme=light"')
    expect(await ticket('?colorScheme=<b>')).toContain('&amp;colorScheme=light"')
  })
})
