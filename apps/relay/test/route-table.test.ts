// Every route the relay serves must refuse an unauthenticated caller, except health, readiness and
// the OpenAPI document. The test walks the app's own route table, so a new route is covered the
// day it is added.
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startHarness } from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.stop())

const PUBLIC = new Set(['/healthz', '/readyz', '/openapi.json'])

it('rejects unauthenticated requests on every route but health, readiness and OpenAPI', async () => {
  const paths = [...new Set(harness.app.routes.map((r) => r.path))]
    .filter((path) => !PUBLIC.has(path) && path !== '/*')
    .map((path) =>
      path
        .replace(':ref', 'email:joe.bloggs@intilery.com')
        .replace(':endpoint', 'traits')
        .replace(/\*$/, 'anything')
        // The visitor routes' middleware path; its one route is /v1/visitor/context.
        .replace('/v1/visitor/anything', '/v1/visitor/context')
    )
  // The walk reaches every customer read, not only the catch-alls in front of them.
  expect(paths).toEqual(
    expect.arrayContaining([
      '/zendesk/v1/context',
      '/zendesk/v1/events',
      '/zendesk/v1/traits',
      '/zendesk/v1/choice',
      '/v1/profiles/email:joe.bloggs@intilery.com/traits',
      '/v1/visitor/context',
      // The operator's metrics, on in the harness (RELAY_METRICS_TOKEN set).
      '/metrics',
    ])
  )
  for (const path of paths) {
    for (const headers of [
      {},
      { authorization: 'Bearer nonsense' },
      { authorization: 'Basic ZGVtbzpkZW1v' },
    ]) {
      const response = await harness.app.request(
        `${path}?email=joe.bloggs@intilery.com&ref=userId:x`,
        { headers }
      )
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401)
      const body = (await response.json()) as { error: { code: string; requestId: string } }
      expect(body.error.code).toBe('unauthenticated')
      expect(body.error.requestId).toEqual(response.headers.get('x-request-id'))
    }
  }
  for (const path of PUBLIC) expect((await harness.app.request(path)).status).toBe(200)
})
