import { verify } from 'hono/jwt'
import { describe, expect, it, vi } from 'vitest'

import { createPipedriveHostApp, startPipedriveHost } from './server.ts'

const ORIGIN = 'http://127.0.0.1:4700'
const RELAY = 'http://127.0.0.1:8787'
const SECRETS = { panelJwtSecret: 'json-panel-secret', customPanelJwtSecret: 'custom-panel-secret' }
const NOW = 1_800_000_000_000
const claims = (token: string, secret: string) =>
  verify(token, secret, { alg: 'HS256', exp: false, iat: false, nbf: false })

/** The host app with a relay that answers the JSON panel request with `answer`. */
function host(answer: Response | Error = Response.json({ data: [] }), extra: object = {}) {
  const fetch = vi.fn<typeof globalThis.fetch>(() =>
    answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone())
  )
  const app = createPipedriveHostApp(
    {
      relayUrl: `${RELAY}/`,
      companyId: 1001,
      userId: 2001,
      ...SECRETS,
      now: () => NOW,
      fetch,
      ...extra,
    },
    () => ORIGIN
  )
  return { app, fetch }
}

async function page(app: ReturnType<typeof host>['app'], path: string) {
  const response = await app.request(path)
  return { response, html: await response.text() }
}

describe('the local Pipedrive host', () => {
  it('lists the demo records, names escaped', async () => {
    const { html } = await page(host().app, '/')
    expect(html).toContain('<a href="/person/1">Joe Bloggs (person 1)</a>')
    expect(html).toContain('<a href="/deal/2">')
    expect(html).toContain('<a href="/organization/1">')
    expect(html).toContain('Bobby &lt;img src=x onerror=alert(1)&gt; Tables')
    expect(html).not.toContain('<img')
  })

  it('asks the relay for the JSON panel as Pipedrive does, with a JWT of the panel secret', async () => {
    const { app, fetch } = host()
    await page(app, '/deal/3')
    const url = new URL(fetch.mock.calls[0]?.[0] as string)
    expect(`${url.origin}${url.pathname}`).toBe(`${RELAY}/pipedrive/v1/panel`)
    const query = Object.fromEntries(url.searchParams)
    expect(query).toMatchObject({
      resource: 'deal',
      view: 'details',
      userId: '2001',
      companyId: '1001',
      selectedIds: '3',
      isShared: 'false',
    })
    expect(await claims(query.token ?? '', SECRETS.panelJwtSecret)).toEqual({
      userId: 2001,
      companyId: 1001,
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
    })
  })

  it('frames the relay’s panel page with the runtime id, viewer, record, theme and a signed token', async () => {
    const { html } = await page(host().app, '/person/1?theme=dark')
    const src =
      /<iframe id="panel-frame" title="Intilery panel" src="([^"]+)"/.exec(html)?.[1] ?? ''
    const url = new URL(src.replaceAll('&amp;', '&'))
    expect(`${url.origin}${url.pathname}`).toBe(`${RELAY}/pipedrive/panel`)
    const query = Object.fromEntries(url.searchParams)
    expect(query).toMatchObject({
      userId: '2001',
      companyId: '1001',
      resource: 'person',
      view: 'details',
      selectedIds: '1',
      theme: 'dark',
    })
    expect(query.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(await claims(query.token ?? '', SECRETS.customPanelJwtSecret)).toMatchObject({
      userId: 2001,
      companyId: 1001,
    })
    // The host script gets the same runtime id, to accept only this panel's messages.
    expect(html).toContain(`"runtimeId":"${query.id}"`)
    expect(html).toContain('<body class="pd-dark">')
  })

  it('renders the record and the relay’s JSON panel escaped, and runs only its own files', async () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const { response, html } = await page(
      host(Response.json({ data: [{ id: 5, header: hostile }] })).app,
      '/person/5'
    )
    expect(html).toContain('<section class="pd-box" id="json-panel" data-state="data"')
    expect(html).toContain('<h3 class="pd-object-header">&lt;img src=x onerror=alert(1)&gt;</h3>')
    expect(html).toContain('<h1>Bobby &lt;img src=x onerror=alert(1)&gt; Tables</h1>')
    expect(html).not.toMatch(/<img|<svg/i)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).toContain(`frame-src ${RELAY}`)
    expect(csp).toContain("default-src 'none'")
    expect(html.match(/<script\b[^>]*>/g)).toEqual([
      '<script id="host-data" type="application/json">',
      '<script src="/host.js">',
    ])
  })

  it('shows Pipedrive’s error state and "Nothing to show" as the relay answers them', async () => {
    const error = Response.json({ error: { title: 'Connect Pipedrive' } }, { status: 403 })
    expect((await page(host(error).app, '/person/1')).html).toContain(
      'data-state="error" aria-label="Intilery (JSON panel)"'
    )
    const empty = (await page(host(Response.json({ data: [] })).app, '/person/1')).html
    expect(empty).toContain('<p class="pd-empty">Nothing to show</p>')
  })

  it('shows "Something went wrong…" when the relay cannot be reached or breaks the schema', async () => {
    const down = (await page(host(new TypeError('fetch failed')).app, '/person/1')).html
    expect(down).toContain('data-state="broken"')
    const schema = { items: { properties: { header: { $ref: '#/definitions/header' } } } }
    const extra = Response.json({ data: [{ header: 'Joe', secret: 1 }] })
    expect((await page(host(extra, { schema }).app, '/person/1')).html).toContain(
      'Something went wrong…'
    )
  })

  it('answers 404 for records and pages it does not have', async () => {
    const { app } = host()
    expect((await app.request('/person/99')).status).toBe(404)
    expect((await app.request('/lead/1')).status).toBe(404)
  })

  it('signs the SDK’s tokens (custom panel secret, 5 minutes) for its own page only', async () => {
    const { app } = host()
    const answer = await app.request('/token', { method: 'POST', headers: { origin: ORIGIN } })
    const { token } = (await answer.json()) as { token: string }
    expect(await claims(token, SECRETS.customPanelJwtSecret)).toEqual({
      userId: 2001,
      companyId: 1001,
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
    })
    await expect(claims(token, SECRETS.panelJwtSecret)).rejects.toThrow()
    const foreign = await app.request('/token', {
      method: 'POST',
      headers: { origin: 'http://localhost:9999' },
    })
    expect(foreign.status).toBe(403)
    expect((await app.request('/token', { method: 'POST' })).status).toBe(403)
  })

  it('serves its script and styles, binds 127.0.0.1 and stops', async () => {
    const running = await startPipedriveHost({
      relayUrl: RELAY,
      companyId: 1001,
      userId: 2001,
      ...SECRETS,
    })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(running.pageUrl('deal', 2, 'dark')).toBe(`${running.url}/deal/2?theme=dark`)
    const script = await fetch(`${running.url}/host.js`)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect(await script.text()).toContain('__pipedriveHost')
    expect((await fetch(`${running.url}/host.css`)).status).toBe(200)
    await running.stop()
    await expect(fetch(`${running.url}/host.js`)).rejects.toThrow()
  })
})
