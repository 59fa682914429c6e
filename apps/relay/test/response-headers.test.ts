// Every answer of every route says `Cache-Control: no-store` (customer data must not sit in a
// browser's or a proxy's cache), and every answer but the Pipedrive panel page's, the one page that
// is framed, says `frame-ancestors 'none'` (JSON answers: exactly `default-src 'none'` and that). The walks go over the apps' own route tables,
// with and without valid credentials, so a route added tomorrow is covered the day it is added.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_KEY, METRICS_TOKEN, startHarness } from './app-harness.ts'
import { CUSTOM_PANEL_SECRET, useHarness } from './pipedrive-harness.ts'

const JOE = SEEDED.joeBloggs.email
/** One query that fills in what any route asks for. */
const QUERY = `?email=${encodeURIComponent(JOE)}&ref=email:${encodeURIComponent(JOE)}&resource=person&id=1&selectedIds=1&view=details&userId=2001&companyId=1001`

const fillIn = (path: string) =>
  path.replace(':ref', `email:${JOE}`).replace(':endpoint', 'traits').replace(/\*$/, 'anything')

/** The method-and-path pairs of an app's routes, without the middleware entries. */
function walk(routes: readonly { method: string; path: string }[], prefix = '/') {
  return [
    ...new Set(
      routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith(prefix))
        .map((r) => `${r.method} ${fillIn(r.path)}`)
    ),
  ].map((route) => {
    const [method = 'GET', path = '/'] = route.split(' ')
    return { route, method, path }
  })
}

/** The framed page: its answers, refusals included, keep the page's own framing policy. */
const PANEL_PAGE = 'GET /pipedrive/panel'

function expectHeaders(route: string, response: Response, label = route) {
  expect(response.headers.get('cache-control'), label).toBe('no-store')
  if (route === PANEL_PAGE) return
  const csp = response.headers.get('content-security-policy') ?? ''
  // The relay's own pages (OAuth and setup notices) add their nonce'd style; nobody frames them.
  expect(csp, label).toMatch(/(^|; )frame-ancestors 'none'(;|$)/)
  if (response.headers.get('content-type')?.startsWith('application/json') === true)
    expect(csp, label).toBe("default-src 'none'; frame-ancestors 'none'")
}

describe('the relay’s routes', () => {
  let harness: Awaited<ReturnType<typeof startHarness>>
  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(() => harness.stop())

  it('answer no-store and frame-ancestors none, with every credential or none', async () => {
    const routes = walk(harness.app.routes)
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'GET /zendesk/v1/context',
        'GET /zendesk/v1/events',
        'GET /zendesk/v1/traits',
        `GET /v1/profiles/email:${JOE}/traits`,
        'GET /healthz',
        'GET /openapi.json',
      ])
    )
    const statuses = new Set<number>()
    for (const { route, method, path } of routes) {
      for (const authorization of [
        undefined,
        `Bearer ${await harness.zendeskToken()}`,
        `Bearer ${API_KEY}`,
        // The operator's: `/metrics` answers its exposition too.
        `Bearer ${METRICS_TOKEN}`,
      ]) {
        const response = await harness.app.request(`${path}${QUERY}`, {
          method,
          headers: authorization === undefined ? {} : { authorization },
        })
        statuses.add(response.status)
        expectHeaders(route, response, `${route} (${authorization?.slice(0, 12) ?? 'none'})`)
      }
    }
    // The walk saw customer data served, not only refusals.
    expect(statuses).toContain(200)
    expect(statuses).toContain(401)
  })

  it('answer an unknown route and an error the same way', async () => {
    expectHeaders('GET /nowhere', await harness.app.request('/nowhere'))
    expectHeaders(
      'GET /zendesk/v1/context (bad query)',
      await harness.app.request('/zendesk/v1/context', {
        headers: { authorization: `Bearer ${await harness.zendeskToken()}` },
      })
    )
  })
})

describe('the Pipedrive routes', () => {
  const harness = useHarness(['2001'])

  it('answer no-store, and frame-ancestors none except the panel page', async () => {
    const routes = walk(harness().app.routes, '/pipedrive')
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'GET /pipedrive/v1/panel',
        'GET /pipedrive/v1/subject',
        'GET /pipedrive/v1/context',
        'POST /pipedrive/v1/notes',
        'GET /pipedrive/panel',
        'GET /pipedrive/oauth/start',
        'GET /pipedrive/setup',
      ])
    )
    const statuses = new Set<number>()
    for (const { route, method, path } of routes) {
      const panelToken = await harness().token()
      const sdkToken = await harness().token({}, CUSTOM_PANEL_SECRET)
      for (const credentials of ['none', 'panel', 'sdk'] as const) {
        const query =
          credentials === 'none'
            ? QUERY
            : `${QUERY}&token=${credentials === 'panel' ? panelToken : sdkToken}`
        const response = await fetch(`${harness().relayUrl}${path}${query}`, {
          method,
          redirect: 'manual',
          headers: {
            'content-type': 'application/json',
            ...(credentials === 'sdk' ? { authorization: `Bearer ${sdkToken}` } : {}),
          },
          ...(method === 'GET' ? {} : { body: '{}' }),
        })
        statuses.add(response.status)
        expectHeaders(route, response, `${route} (${credentials})`)
        await response.body?.cancel()
      }
    }
    // The walk saw the panels and the panel API serve data, not only refusals.
    expect(statuses).toContain(200)
    expect(statuses).toContain(401)
  })
})
