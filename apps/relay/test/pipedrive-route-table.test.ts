// With the Pipedrive app on, every /pipedrive route still refuses a caller without credentials.
// Walks the app's own route table (middleware entries, method ALL, aside), so a new Pipedrive route is covered the day it is added. The one
// entry point is the install's start, which only sends the browser to Pipedrive's consent page.
import { expect, it } from 'vitest'

import { useHarness } from './pipedrive-harness.ts'

const harness = useHarness([])

const ENTRY_POINTS = new Set(['GET /pipedrive/oauth/start'])

it('refuses requests without credentials on every Pipedrive route', async () => {
  const routes = [
    ...new Set(
      harness()
        .app.routes.filter((r) => r.path.startsWith('/pipedrive') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path}`)
    ),
  ]
  expect(routes.length).toBeGreaterThanOrEqual(10)
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
    // The callback without a code restarts the install (302); nothing answers with data.
    expect([400, 401, 302], `${method} ${path}`).toContain(answer.status)
    expect(await answer.text()).not.toMatch(/joe\.bloggs|"profiles"|Joe Bloggs/)
  }
})
