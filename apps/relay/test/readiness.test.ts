// /readyz tells a load balancer whether to send traffic: degraded (200) while some tenant's
// Intilery fails, not_ready (503) only when the relay itself cannot serve; which tenant fails is
// for the operator's token only.
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { METRICS_TOKEN, startObservabilityHarness } from './observability-harness.ts'

let harness: Awaited<ReturnType<typeof startObservabilityHarness>>
beforeAll(async () => {
  harness = await startObservabilityHarness()
})
afterAll(() => harness.stop())

const joe = `/zendesk/v1/traits?ref=${encodeURIComponent(`email:${SEEDED.joeBloggs.email}`)}`
const readyz = (token?: string) =>
  harness.app.request('/readyz', {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  })

it('is ready while the store answers and no tenant’s Intilery fails', async () => {
  expect((await harness.asAgent('demo', joe)).status).toBe(200)
  const response = await readyz()
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    status: 'ready',
    checks: { store: 'ok', upstream: 'skipped', sharedBudget: 'skipped' },
  })
  expect(await (await readyz(METRICS_TOKEN)).json()).toEqual({
    status: 'ready',
    checks: { store: 'ok', upstream: 'skipped', sharedBudget: 'skipped' },
    tenants: [{ id: 'demo', upstream: 'ok', breaker: 'closed' }],
  })
})

it('is degraded (200) when one tenant’s breaker is open, naming it only to the operator', async () => {
  harness.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
  try {
    expect((await harness.asAgent('down', joe)).status).toBe(503)
  } finally {
    harness.sandbox.faults.reset()
  }
  // Demo still reads: the relay serves, so it stays in the load balancer.
  expect((await harness.asAgent('demo', joe)).status).toBe(200)

  const response = await readyz()
  expect(response.status).toBe(200)
  const body = (await response.json()) as unknown
  expect(body).toEqual({
    status: 'degraded',
    checks: { store: 'ok', upstream: 'fail', sharedBudget: 'skipped' },
  })
  expect(JSON.stringify(body)).not.toContain('down')
  // A wrong token gets the public answer, not a refusal: probes must always get an answer.
  const wrong = await readyz('operator-metrics-token-0123456789x')
  expect(wrong.status).toBe(200)
  expect(await wrong.json()).toEqual(body)

  const detailed = await readyz(METRICS_TOKEN)
  expect(detailed.status).toBe(200)
  expect(await detailed.json()).toEqual({
    status: 'degraded',
    checks: { store: 'ok', upstream: 'fail', sharedBudget: 'skipped' },
    tenants: [
      { id: 'demo', upstream: 'ok', breaker: 'closed' },
      { id: 'down', upstream: 'failing', breaker: 'open' },
    ],
  })
})

it('is not_ready (503) when the store does not answer', async () => {
  harness.store.up = false
  try {
    const response = await readyz()
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({
      status: 'not_ready',
      checks: { store: 'fail' },
    })
  } finally {
    harness.store.up = true
  }
  expect((await readyz()).status).toBe(200)
})

it('is degraded (200) while Intilery refuses a tenant’s token, and says so to the operator', async () => {
  const own = await startObservabilityHarness()
  try {
    expect((await own.asAgent('demo', joe)).status).toBe(200)
    expect((await own.asAgent('refused', joe)).status).toBe(409)
    const ask = (token?: string) =>
      own.app.request('/readyz', {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      })
    const response = await ask()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'degraded',
      checks: { store: 'ok', upstream: 'fail', sharedBudget: 'skipped' },
    })
    expect(await (await ask(METRICS_TOKEN)).json()).toMatchObject({
      tenants: [
        { id: 'demo', upstream: 'ok', breaker: 'closed' },
        { id: 'refused', upstream: 'refused', breaker: 'closed' },
      ],
    })
  } finally {
    await own.stop()
  }
})
