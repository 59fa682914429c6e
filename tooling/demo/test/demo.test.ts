// The README's main command: the demo must come up, and its curl line (a signed JWT for the demo
// installation) must return Joe Bloggs' context through the relay.
import { customerContextSchema } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { DEMO_PIPEDRIVE } from '../src/pipedrive-demo.ts'
import { DEMO, startDemo, StopStack, type RunningDemo } from '../src/start-demo.ts'

// Stopped whether or not the set-up got as far as a running demo.
const running = new StopStack()
let demo: RunningDemo
beforeAll(async () => {
  demo = await running.start(
    () => startDemo({ sandbox: 0, relay: 0, zendesk: 0 }),
    (started) => started.stop()
  )
}, 60_000)
afterAll(() => running.stopAll())

it('serves Joe Bloggs’ context through the relay with the demo installation’s JWT', async () => {
  const response = await fetch(
    `${demo.relayUrl}/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`,
    {
      headers: { authorization: `Bearer ${await demo.zendeskToken()}` },
    }
  )
  expect(response.status).toBe(200)
  const context = customerContextSchema.parse(await response.json())
  expect(context.profiles[0]?.name.text).toBe('Joe Bloggs')
  expect(context.timeline.entries.length).toBeGreaterThan(0)
})

it('refuses the same request without the JWT', async () => {
  const response = await fetch(
    `${demo.relayUrl}/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`
  )
  expect(response.status).toBe(401)
})

it('serves the Profile API to the demo API key, and refuses a wrong key', async () => {
  const path = `${demo.relayUrl}/v1/profiles/userId:${SEEDED.joeBloggs.userId}/traits`
  const ok = await fetch(path, { headers: { authorization: `Bearer ${DEMO.apiKey}` } })
  expect(ok.status).toBe(200)
  expect(await ok.json()).toMatchObject({
    firstName: 'Joe',
    computed: { number_email_delivered_all_time: 9 },
  })
  expect((await fetch(path, { headers: { authorization: 'Bearer demo-api-kez' } })).status).toBe(
    401
  )
})

it('opens /metrics and /readyz’s per-tenant detail to the demo’s metrics token only', async () => {
  const operator = { authorization: `Bearer ${DEMO.metricsToken}` }
  const metrics = await fetch(`${demo.relayUrl}/metrics`, { headers: operator })
  expect(metrics.status).toBe(200)
  expect(await metrics.text()).toContain('# TYPE')
  expect((await fetch(`${demo.relayUrl}/metrics`)).status).toBe(401)
  const ready = (await (await fetch(`${demo.relayUrl}/readyz`, { headers: operator })).json()) as {
    tenants?: { id: string; upstream: string }[]
  }
  expect(ready.tenants).toContainEqual(expect.objectContaining({ id: 'demo', upstream: 'ok' }))
})

it('serves the JSON panel for Joe Bloggs (Pipedrive person 1) to the demo installation', async () => {
  const response = await fetch(await demo.pipedrivePanelUrl('person', DEMO_PIPEDRIVE.joePersonId))
  expect(response.status).toBe(200)
  const panel = (await response.json()) as { data: { header: string }[] }
  expect(panel.data[0]?.header).toBe('Joe Bloggs')
})

it('shows Joe Bloggs’ Pipedrive page with both panels in the preview', async () => {
  const page = await fetch(demo.pipedriveHost.pageUrl('person', DEMO_PIPEDRIVE.joePersonId))
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toContain('Joe Bloggs')
  expect(html).toContain(`${demo.relayUrl}/pipedrive/panel?`)
})

it('writes back the local Zendesk’s Solve: the relay accepts the signed webhook and Intilery gets the event', async () => {
  const host = demo.zendesk.url
  const solved = await fetch(`${host}/__zendesk/tickets/101/actions`, {
    method: 'POST',
    // As the ticket page's Solve button sends it, Joe Bloggs being the requester it shows.
    headers: { origin: host, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'solve', requester: 9101 }),
  })
  expect(await solved.json()).toMatchObject({ event: 'ticket_solved', sent: true })
  const firstAttempt = async () => {
    const answer = (await (await fetch(`${host}/__zendesk/webhook/deliveries`)).json()) as {
      attempts: { event: string; kind: string; result: string; status: number | null }[]
    }
    return answer.attempts.findLast((a) => a.kind === 'first')
  }
  await expect.poll(firstAttempt).toMatchObject({ event: 'ticket_solved', result: 'answered' })
  expect((await firstAttempt())?.status).toSatisfy(
    (status: number) => status >= 200 && status < 300
  )
  const events = `${demo.sandbox.apiRoot}/profiles/email:${encodeURIComponent(SEEDED.joeBloggs.email)}/events?include=${encodeURIComponent('Ticket Solved')}`
  const solvedEvents = async () => {
    const response = await fetch(events, {
      headers: { 'auth-token': demo.sandbox.config.authToken },
    })
    const page = (await response.json()) as { data: { rawData: { properties: object } }[] }
    return page.data.map((event) => event.rawData.properties)
  }
  await expect
    .poll(solvedEvents, { timeout: 15_000 })
    .toEqual([expect.objectContaining({ ticket_id: '101', status: 'solved' })])
})
