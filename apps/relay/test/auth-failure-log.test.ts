// An operator reads why a caller was refused, as a reason code, and never the token itself; and a
// tenant whose Intilery token is refused shows up at error level with the tenant named.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { SECRET, startObservabilityHarness, WRONG_INTILERY_TOKEN } from './observability-harness.ts'

let harness: Awaited<ReturnType<typeof startObservabilityHarness>>
beforeAll(async () => {
  harness = await startObservabilityHarness()
})
afterAll(() => harness.stop())

const joe = `/zendesk/v1/traits?ref=${encodeURIComponent(`email:${SEEDED.joeBloggs.email}`)}`

it('logs each refused caller with its reason code, never the token', async () => {
  const now = Math.floor(Date.now() / 1000)
  const tokens = {
    unknown_installation: await harness.zendeskToken('nobody'),
    bad_signature: await harness.zendeskToken('demo', {}, `${SECRET}-not`),
    expired: await harness.zendeskToken('demo', { iat: now - 120, exp: now - 60 }),
    malformed_token: 'not.a.jwt',
  }
  const from = harness.logs.length
  for (const token of Object.values(tokens)) {
    const response = await harness.app.request(joe, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(401)
  }
  const missing = await harness.app.request(joe)
  expect(missing.status).toBe(401)

  const lines = harness.logs.slice(from)
  expect(lines.map((line) => [line.level, line.status, line.code, line.reason])).toEqual([
    ...Object.keys(tokens).map((reason) => ['warn', 401, 'unauthenticated', reason]),
    ['warn', 401, 'unauthenticated', 'missing_token'],
  ])
  const text = JSON.stringify(lines)
  for (const token of Object.values(tokens)) expect(text).not.toContain(token)
  expect(text).not.toContain(SEEDED.joeBloggs.email)
})

it('logs a refused Intilery token at error, naming the tenant, never the token', async () => {
  const from = harness.logs.length
  const response = await harness.asAgent('refused', joe)
  expect(response.status).toBe(409)
  expect(await response.json()).toMatchObject({ error: { code: 'misconfigured' } })
  expect(harness.logs.slice(from)).toEqual([
    expect.objectContaining({
      level: 'error',
      tenant: 'refused',
      status: 409,
      code: 'misconfigured',
      reason: 'intilery_token_refused',
    }),
  ])
  expect(JSON.stringify(harness.logs)).not.toContain(WRONG_INTILERY_TOKEN)
})

it('logs a served read at info, without a code or reason', async () => {
  const from = harness.logs.length
  expect((await harness.asAgent('demo', joe)).status).toBe(200)
  const lines = harness.logs.slice(from)
  expect(lines).toEqual([expect.objectContaining({ level: 'info', tenant: 'demo', status: 200 })])
  expect([lines[0]?.code, lines[0]?.reason]).toEqual([undefined, undefined])
})
