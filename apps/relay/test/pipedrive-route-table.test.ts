// With the Pipedrive app on, every /pipedrive route still refuses a caller without credentials.
// Walks the app's own route table (middleware entries, method ALL, aside), so a new Pipedrive route is covered the day it is added. The one
// entry point is the install's start, which only sends the browser to Pipedrive's consent page.
import { expect, it } from 'vitest'

import { useHarness } from './pipedrive-harness.ts'

const harness = useHarness([])

const ENTRY_POINTS = new Set(['GET /pipedrive/oauth/start'])

/** What a route answers a caller without credentials when that is not 401. */
const NOT_401: Record<string, number> = {
  // The framed page without its signed token: a plain page saying what it is.
  'GET /pipedrive/panel': 400,
  // A callback without code or state (a Marketplace install) restarts the install.
  'GET /pipedrive/oauth/callback': 302,
  // The setup page and form without a signed ticket.
  'GET /pipedrive/setup': 400,
  'POST /pipedrive/setup': 400,
}

it('refuses requests without credentials on every Pipedrive route', async () => {
  const routes = [
    ...new Set(
      harness()
        .app.routes.filter((r) => r.path.startsWith('/pipedrive') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`)
    ),
  ]
  // The walk sees the panel APIs, the install flow and its notices, not only some of them.
  expect(routes).toEqual(
    expect.arrayContaining([
      ...ENTRY_POINTS,
      ...Object.keys(NOT_401),
      'GET /pipedrive/v1/panel',
      'GET /pipedrive/v1/subject',
      'POST /pipedrive/v1/notes',
      'GET /pipedrive/v1/context',
      'GET /pipedrive/v1/events',
      'GET /pipedrive/v1/traits',
      'DELETE /pipedrive/oauth/callback',
      'POST /pipedrive/oauth/callback',
    ])
  )
  for (const route of routes) {
    const [method = 'GET', path = '/'] = route.split(' ')
    if (ENTRY_POINTS.has(route)) {
      const answer = await fetch(`${harness().relayUrl}${path}`, { redirect: 'manual' })
      expect(answer.headers.get('location')).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?/
      )
      continue
    }
    const answer = await fetch(
      `${harness().relayUrl}${path}?resource=person&id=1&selectedIds=1&userId=2001&companyId=1001&email=joe.bloggs@intilery.com`,
      {
        method: method,
        redirect: 'manual',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nonsense' },
        ...(method === 'GET' ? {} : { body: '{}' }),
      }
    )
    // Nothing answers with data.
    expect(answer.status, route).toBe(NOT_401[route] ?? 401)
    if (answer.status === 302) expect(answer.headers.get('location'), route).toBe('start')
    expect(await answer.text()).not.toMatch(/joe\.bloggs|"profiles"|Joe Bloggs/)
  }
})
