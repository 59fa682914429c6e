// The OpenAPI document is generated from the schemas the relay validates with; it must describe
// every route the app serves (bar the catch-alls) and embed the real CustomerContext schema.
import { customerContextSchema } from '@intilery-connect/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'

import { startHarness } from './app-harness.ts'
import { startPipedriveHarness } from './pipedrive-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.stop())

it('documents every served route, with the CustomerContext schema', async () => {
  const doc = (await (await harness.app.request('/openapi.json')).json()) as {
    openapi: string
    paths: Record<
      string,
      {
        get: {
          responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>
        }
      }
    >
  }
  expect(doc.openapi).toBe('3.1.0')
  const served = [
    ...new Set(harness.app.routes.filter((r) => r.method === 'GET').map((r) => r.path)),
  ]
    .filter((path) => !path.endsWith('*') && path !== '/openapi.json')
    .map((path) => path.replace(':ref', '{ref}').replace(':endpoint', '{endpoint}'))
  for (const path of served) expect(Object.keys(doc.paths), path).toContain(path)
  const schema =
    doc.paths['/zendesk/v1/context']?.get.responses['200']?.content?.['application/json'].schema
  expect(schema).toEqual(
    z.toJSONSchema(customerContextSchema, { unrepresentable: 'any', io: 'output' })
  )
  // The host apps' display part (issue #13): the tenant's presentation and record link.
  const display = (schema as { properties: Record<string, { properties?: object }> }).properties
    .display
  expect(Object.keys(display?.properties ?? {})).toEqual(['presentation', 'recordUrl'])
  // And, among several matches, the agent's remembered choice, written with PUT and DELETE.
  expect(Object.keys((schema as { properties: object }).properties)).toContain('choice')
  expect(Object.keys(doc.paths['/zendesk/v1/choice'] ?? {}).sort()).toEqual(['delete', 'put'])
})

it('documents personalization: recommendations, one-call decisions and the visitor path', async () => {
  const doc = (await (await harness.app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>
    components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> }
  }
  expect(
    Object.keys(doc.paths['/v1/profiles/{ref}/recommendations/recently-viewed'] ?? {})
  ).toEqual(['get'])
  expect(doc.paths['/v1/personalize']?.post?.requestBody).toBeDefined()
  expect(doc.paths['/v1/personalize']?.post?.security).toEqual([{ apiKey: [] }])
  expect(doc.paths['/v1/visitor/context']?.get?.security).toEqual([{ visitorToken: [] }])
  expect(Object.keys(doc.components.securitySchemes)).toEqual(
    expect.arrayContaining(['apiKey', 'visitorToken'])
  )
  expect(Object.keys(doc.components.schemas)).toEqual(
    expect.arrayContaining([
      'ViewedProduct',
      'PersonalizeRequest',
      'PersonalizeAnswer',
      'VisitorContext',
    ])
  )
})

it('documents every Pipedrive route and method when the Pipedrive app is on', async () => {
  const pipedrive = await startPipedriveHarness()
  try {
    const doc = (await (await pipedrive.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const served = pipedrive.app.routes.filter(
      (r) => r.path.startsWith('/pipedrive') && r.method !== 'ALL'
    )
    // The walk sees the panel APIs, the install flow and its notices, not only some of them.
    expect(served.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'GET /pipedrive/v1/panel',
        'GET /pipedrive/v1/subject',
        'POST /pipedrive/v1/notes',
        'GET /pipedrive/v1/context',
        'GET /pipedrive/v1/events',
        'GET /pipedrive/v1/traits',
        'PUT /pipedrive/v1/choice',
        'DELETE /pipedrive/v1/choice',
        'GET /pipedrive/panel',
        'GET /pipedrive/oauth/start',
        'GET /pipedrive/oauth/callback',
        'DELETE /pipedrive/oauth/callback',
        'POST /pipedrive/oauth/callback',
        'GET /pipedrive/setup',
        'POST /pipedrive/setup',
      ])
    )
    for (const { path, method } of served)
      expect(Object.keys(doc.paths[path] ?? {}), `${method} ${path}`).toContain(
        method.toLowerCase()
      )
  } finally {
    await pipedrive.stop()
  }
})
