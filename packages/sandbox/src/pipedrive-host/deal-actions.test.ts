// The deal page's sales actions: each calls the local Pipedrive's API (so it sends its webhooks),
// only from the page itself, and the page lists the deliveries that followed.
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startPipedrive, type RunningPipedrive } from '../pipedrive/server.ts'
import { createPipedriveHostApp } from './server.ts'

const ORIGIN = 'http://127.0.0.1:4700'
let pipedrive: RunningPipedrive
let receiver: ReturnType<typeof serve>
const received: { action: string; previous: unknown }[] = []

beforeAll(async () => {
  const app = new Hono()
  app.post('/hook', async (c) => {
    const body = await c.req.json<{ meta: { action: string }; previous: unknown }>()
    received.push({ action: body.meta.action, previous: body.previous })
    return c.body(null, 200)
  })
  receiver = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  pipedrive = await startPipedrive({
    clientId: 'c',
    clientSecret: 's',
    redirectUri: 'http://127.0.0.1:9/callback',
  })
  pipedrive.webhooks.add(
    2001,
    {
      subscription_url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      event_action: 'change',
      event_object: 'deal',
      version: '2.0',
    },
    'application'
  )
})
afterAll(async () => {
  await pipedrive.stop()
  await new Promise((resolve) => receiver.close(resolve))
})

const host = () =>
  createPipedriveHostApp(
    {
      relayUrl: 'http://127.0.0.1:8787',
      companyId: 1001,
      userId: 2001,
      panelJwtSecret: 'a',
      customPanelJwtSecret: 'b',
      fetch: () => Promise.resolve(Response.json({ data: [] })),
      pipedrive,
    },
    () => ORIGIN
  )

const act = (form: Record<string, string>, origin: string | null = ORIGIN, deal = 1) =>
  host().request(`/deal/${deal}/action`, {
    method: 'POST',
    headers: origin === null ? {} : { origin },
    body: new URLSearchParams(form),
  })

describe('the deal page’s actions', () => {
  it('offers the next stage, won and lost on an open deal', async () => {
    const html = await (await host().request('/deal/1')).text()
    expect(html).toContain('Move to Negotiation')
    expect(html).toContain('Mark won')
    expect(html).toContain('name="lost_reason"')
    expect(html).toContain('id="no-deliveries"')
  })

  it('moves the deal through the API, which sends the webhook, and lists its delivery', async () => {
    const moved = await act({ action: 'next_stage' })
    expect(moved.status).toBe(303)
    await pipedrive.dispatcher.idle()
    expect(pipedrive.data.deals.find((d) => d.id === 1)?.stage_id).toBe(4)
    expect(received.at(-1)).toEqual({ action: 'change', previous: { stage_id: 3 } })
    const html = await (await host().request('/deal/1')).text()
    expect(html).toMatch(/<td>change\.deal #1<\/td><td>1<\/td><td>HTTP 200<\/td>/)
  })

  it('marks a deal lost only with a reason, and won', async () => {
    expect((await act({ action: 'lost' }, ORIGIN, 3)).status).toBe(400)
    expect((await act({ action: 'lost', lost_reason: 'No budget' }, ORIGIN, 3)).status).toBe(303)
    expect((await act({ action: 'won' }, ORIGIN, 4)).status).toBe(303)
    await pipedrive.dispatcher.idle()
    expect(pipedrive.data.deals.find((d) => d.id === 3)).toMatchObject({
      status: 'lost',
      lost_reason: 'No budget',
    })
    expect(pipedrive.data.deals.find((d) => d.id === 4)?.status).toBe('won')
    // The page's details say what the actions did, as its actions section does.
    const page = await (await host().request('/deal/4')).text()
    expect(page).toContain('<div><dt>Status</dt><dd>won</dd></div>')
    expect(page).toContain('Status: <strong id="deal-status">won</strong>')
  })

  it('refuses an action from another page', async () => {
    const before = received.length
    expect((await act({ action: 'won' }, 'https://evil.example', 2)).status).toBe(403)
    expect((await act({ action: 'won' }, null, 2)).status).toBe(403)
    expect(pipedrive.data.deals.find((d) => d.id === 2)?.status).toBe('open')
    expect(received).toHaveLength(before)
  })
})
