// The ticket page's buttons, through the local Zendesk's routes: each changes the ticket and fires
// its trigger, whose webhook body is core's `zendeskTriggerBody` rendered as Zendesk renders
// placeholders (the expected values are written out here, not computed by the host's code); with
// no webhook set up the ticket still changes and nothing is sent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  zendeskTriggerBody,
  zendeskTriggerBodySchema,
  type ZendeskTriggerEvent,
} from '@intilery-connect/core'
import { afterAll, describe, expect, it } from 'vitest'

import { SEEDED } from '../seed/index.ts'
import { createZendeskHostApp, webhookSenderFor, type ZendeskHostOptions } from './server.ts'

const appDir = mkdtempSync(join(tmpdir(), 'zendesk-host-actions-'))
writeFileSync(join(appDir, 'manifest.json'), JSON.stringify({ domainWhitelist: [] }))
afterAll(() => rmSync(appDir, { recursive: true, force: true }))

const HOST = 'http://127.0.0.1:1234'
const WEBHOOK = 'http://127.0.0.1:9/zendesk/v1/webhooks?subdomain=demo'
const JOE = 9101
const POWER_USER = 9105
/** 2026-04-17T17:18:10.345Z, then a second more on each read. */
const START = Date.UTC(2026, 3, 17, 17, 18, 10, 345)

function host({ webhook = true } = {}) {
  const bodies: string[] = []
  const fetch: typeof globalThis.fetch = (_input, init) => {
    bodies.push(typeof init?.body === 'string' ? init.body : '')
    return Promise.resolve(new Response(null, { status: 200 }))
  }
  let clock = START
  const options: ZendeskHostOptions = {
    appDir,
    subdomain: 'demo',
    settings: {},
    secureScopes: {},
    fetch,
    now: () => new Date((clock += 1000)),
    webhook: webhook
      ? {
          url: WEBHOOK,
          signingSecret: 'secret',
          random: () => 0.99,
          duplicateRate: 0.1,
          // The endpoint answers at once: no timeout or retry comes due in these tests.
          scheduler: { now: () => clock, after: () => () => undefined },
        }
      : undefined,
  }
  const sender = webhookSenderFor(options)
  const app = createZendeskHostApp(options, () => 1234, sender)
  const press = async (ticket: number, action: string, requester = JOE, origin = HOST) => {
    const response = await app.request(`${HOST}/__zendesk/tickets/${ticket}/actions`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ action, requester }),
    })
    await sender?.settled()
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
  const page = async (ticket: number) => (await app.request(`${HOST}/tickets/${ticket}`)).text()
  const deliveries = async () =>
    (await app.request(`${HOST}/__zendesk/webhook/deliveries`)).json() as Promise<unknown>
  return { press, bodies, page, sender, deliveries }
}

/** The body Zendesk sends for `event` on ticket 101 (Joe Bloggs, no external id). */
const joe = (event: ZendeskTriggerEvent, status: string, updatedAt: string, rating: string) =>
  zendeskTriggerBody(event, {
    ticketId: '101',
    status,
    updatedAt,
    requesterEmail: SEEDED.joeBloggs.email,
    requesterExternalId: '',
    rating,
  })

describe('the ticket page’s buttons', () => {
  it('solve, rate and reopen a ticket, each sending its trigger’s body', async () => {
    const { press, bodies } = host()
    // The desk opened its tickets at 17:18:11; each change is a second later.
    expect(await press(101, 'solve')).toEqual({
      status: 200,
      body: {
        ticket: { id: 101, status: 'solved', rating: 'offered' },
        event: 'ticket_solved',
        sent: true,
        page: '/tickets/101',
      },
    })
    expect((await press(101, 'rate_good')).body).toMatchObject({ event: 'ticket_rated' })
    expect((await press(101, 'rate_bad')).body).toMatchObject({
      ticket: { status: 'solved', rating: 'bad' },
    })
    expect((await press(101, 'reopen')).body).toMatchObject({
      ticket: { status: 'open', rating: 'bad' },
      event: 'ticket_reopened',
    })
    expect(bodies).toEqual([
      joe('ticket_solved', 'solved', '2026-04-17T17:18:12Z', 'offered'),
      joe('ticket_rated', 'solved', '2026-04-17T17:18:13Z', 'good'),
      joe('ticket_rated', 'solved', '2026-04-17T17:18:14Z', 'bad'),
      joe('ticket_reopened', 'open', '2026-04-17T17:18:15Z', 'bad'),
    ])
    expect(JSON.parse(bodies[1] ?? '')).toMatchObject({ satisfaction: { rating: 'good' } })
    for (const body of bodies) expect(zendeskTriggerBodySchema.parse(JSON.parse(body))).toBeTruthy()
  })

  it('create a new ticket from the requester shown, sending ticket_created', async () => {
    const { press, bodies, page } = host()
    const created = await press(103, 'new_ticket', POWER_USER)
    expect(created.body).toEqual({
      ticket: { id: 107, status: 'new', rating: 'unoffered' },
      event: 'ticket_created',
      sent: true,
      page: '/tickets/107',
    })
    expect(bodies).toEqual([
      zendeskTriggerBody('ticket_created', {
        ticketId: '107',
        status: 'new',
        updatedAt: '2026-04-17T17:18:12Z',
        // The power user has no email in Zendesk: the placeholder renders empty.
        requesterEmail: '',
        requesterExternalId: SEEDED.powerUser.userId,
        rating: 'unoffered',
      }),
    ])
    expect(await page(107)).toContain('<h1>#107 New ticket from Power User</h1>')
  })

  it('send the requester the agent chose on the page', async () => {
    const { press, bodies } = host()
    await press(101, 'solve', POWER_USER)
    expect(JSON.parse(bodies[0] ?? '')).toMatchObject({
      requester: { email: '', external_id: SEEDED.powerUser.userId },
    })
  })

  it('refuse what does not apply to the ticket as it is, firing nothing', async () => {
    const { press, bodies } = host()
    expect(await press(101, 'reopen')).toEqual({
      status: 409,
      body: { error: '#101 is not solved' },
    })
    expect((await press(101, 'rate_good')).status).toBe(409)
    expect((await press(101, 'solve')).status).toBe(200)
    expect(await press(101, 'solve')).toEqual({
      status: 409,
      body: { error: '#101 is solved already' },
    })
    expect((await press(101, 'rate_good')).status).toBe(200)
    expect((await press(101, 'rate_good')).status).toBe(409)
    expect(bodies.map((b) => (JSON.parse(b) as { event: string }).event)).toEqual([
      'ticket_solved',
      'ticket_rated',
    ])
  })

  it('answer only the host page: another origin or a bad request changes nothing', async () => {
    const { press, bodies, page } = host()
    expect((await press(101, 'solve', JOE, 'http://localhost:1234')).status).toBe(403)
    expect((await press(101, 'close', JOE)).status).toBe(400)
    expect((await press(101, 'solve', 12345)).status).toBe(400)
    expect((await press(999, 'solve')).status).toBe(409)
    expect(bodies).toEqual([])
    expect(await page(101)).toContain('<strong id="ticket-status">open</strong>')
  })

  it('change the ticket the page and the app read, webhook or not', async () => {
    const { press, page, bodies, sender } = host({ webhook: false })
    expect(sender).toBeUndefined()
    expect(await page(101)).toContain('No webhook is set up')
    expect((await press(101, 'solve')).body).toMatchObject({ sent: false })
    const html = await page(101)
    expect(html).toContain('<strong id="ticket-status">solved</strong>')
    expect(html).toContain('"ticket.status":"solved"')
    expect(bodies).toEqual([])
  })

  it('list the webhook’s deliveries for the page, and none without a webhook', async () => {
    const { press, deliveries } = host()
    await press(101, 'solve')
    expect(await deliveries()).toEqual({
      url: WEBHOOK,
      attempts: [
        {
          at: '2026-04-17T17:18:12Z',
          event: 'ticket_solved',
          ticketId: 101,
          invocationId: expect.any(String) as unknown,
          kind: 'first',
          result: 'answered',
          status: 200,
          retryInMs: null,
        },
      ],
    })
    expect(await host({ webhook: false }).deliveries()).toEqual({ url: null, attempts: [] })
  })
})
