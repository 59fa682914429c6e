// The sandbox Pipedrive's webhooks as Pipedrive documents them: the /v1/webhooks API (scopes, 40
// per user, app webhooks removed on uninstall) and delivery of v2 payloads with Basic auth, a 10 s
// timeout, retries after 3, 30 and 150 s on a manual clock, and the 30-minute ban.
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startPipedrive, type RunningPipedrive } from '../server.ts'
import { ManualScheduler } from './scheduler.ts'
import { BAN_MS } from './webhook-dispatcher.ts'

/** The app's callback (the uninstall notice goes there): the receiver's, once it listens. */
let REDIRECT = ''
const CLIENT = { clientId: 'pd-client', clientSecret: 'pd-secret' }
const ADMIN = 2001

interface Received {
  readonly authorization: string | undefined
  readonly body: {
    meta: Record<string, unknown>
    data: Record<string, unknown> | null
    previous: Record<string, unknown> | null
  }
}
const received: Received[] = []
/** What the subscriber answers next: a status, or 'hang' (never answers). */
let answer: number | 'hang' = 200
let releaseHangs: () => void = () => {}
const hanging = new Promise<void>((resolve) => (releaseHangs = resolve))

let receiver: ReturnType<typeof serve>
let receiverUrl: string
let scheduler: ManualScheduler
let pipedrive: RunningPipedrive
let readOnly: RunningPipedrive

beforeAll(async () => {
  const app = new Hono()
  app.delete('/callback', (c) => c.body(null, 204))
  app.post('/hook', async (c) => {
    received.push({ authorization: c.req.header('authorization'), body: await c.req.json() })
    if (answer === 'hang') await hanging
    return c.body(null, answer === 'hang' ? 200 : (answer as 200))
  })
  receiver = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  receiverUrl = `${base}/hook`
  REDIRECT = `${base}/callback`
  scheduler = new ManualScheduler()
  pipedrive = await startPipedrive({ ...CLIENT, redirectUri: REDIRECT, scheduler })
  readOnly = await startPipedrive({
    ...CLIENT,
    redirectUri: REDIRECT,
    scope: 'base,contacts:full,deals:read,webhooks:read',
  })
})
afterAll(async () => {
  releaseHangs()
  await Promise.all([pipedrive.stop(), readOnly.stop()])
  await new Promise((resolve) => {
    receiver.close(resolve)
    if ('closeAllConnections' in receiver) receiver.closeAllConnections()
  })
})
beforeEach(() => {
  received.length = 0
  answer = 200
  for (const webhook of pipedrive.webhooks.all())
    pipedrive.webhooks.remove(webhook.owner_id, webhook.id)
})

async function accessToken(on: RunningPipedrive, userId = ADMIN): Promise<string> {
  const code = on.grants.issueCode(1001, userId, REDIRECT)
  const res = await fetch(`${on.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('pd-client:pd-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
  })
  return String(((await res.json()) as { access_token: string }).access_token)
}

const call = (
  on: RunningPipedrive,
  path: string,
  auth: Record<string, string>,
  init: RequestInit = {}
) =>
  fetch(`${on.url}${path}`, { ...init, headers: { ...auth, 'content-type': 'application/json' } })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

const subscription = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    subscription_url: receiverUrl,
    event_action: 'change',
    event_object: 'deal',
    version: '2.0',
    http_auth_user: 'hook-user',
    http_auth_password: 'hook-password',
    ...overrides,
  })

/** Subscribes with `token` (a new token would end the grant's earlier one). */
async function subscribe(overrides: Record<string, unknown> = {}, token?: string) {
  token ??= await accessToken(pipedrive)
  const res = await call(pipedrive, '/api/v1/webhooks', bearer(token), {
    method: 'POST',
    body: subscription(overrides),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { data: { id: number } }).data.id
}

/** The web app's change, with the admin's personal API token. */
const patchDeal = (id: number, patch: Record<string, unknown>) =>
  call(
    pipedrive,
    `/api/v2/deals/${id}`,
    { 'x-api-token': pipedrive.apiToken(ADMIN) },
    {
      method: 'PATCH',
      body: JSON.stringify(patch),
    }
  )

describe('the sandbox Pipedrive: /v1/webhooks', () => {
  it('creates, lists (without the password) and deletes an app’s webhook', async () => {
    const token = await accessToken(pipedrive)
    const id = await subscribe({}, token)
    const listed = await call(pipedrive, '/api/v1/webhooks', bearer(token))
    const body = (await listed.json()) as { data: Record<string, unknown>[] }
    expect(body.data).toEqual([
      expect.objectContaining({
        id,
        type: 'application',
        version: '2.0',
        event_action: 'change',
        http_auth_user: 'hook-user',
        http_auth_password: null,
      }),
    ])
    const deleted = await call(pipedrive, `/api/v1/webhooks/${id}`, bearer(token), {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(200)
    expect(pipedrive.webhooks.all()).toEqual([])
    const again = await call(pipedrive, `/api/v1/webhooks/${id}`, bearer(token), {
      method: 'DELETE',
    })
    expect(again.status).toBe(404)
  })

  it('needs webhooks:full (or admin) to create one; webhooks:read only lists', async () => {
    const token = await accessToken(readOnly)
    const listed = await call(readOnly, '/api/v1/webhooks', bearer(token))
    expect(listed.status).toBe(200)
    const created = await call(readOnly, '/api/v1/webhooks', bearer(token), {
      method: 'POST',
      body: subscription(),
    })
    expect(created.status).toBe(403)
    expect(await created.json()).toMatchObject({ error: 'Scope and URL mismatch' })
    expect(readOnly.webhooks.all()).toEqual([])
  })

  it('refuses a 41st webhook of one user, and a body that is not a webhook', async () => {
    const token = await accessToken(pipedrive)
    for (let i = 0; i < 40; i++) await subscribe({}, token)
    const over = await call(pipedrive, '/api/v1/webhooks', bearer(token), {
      method: 'POST',
      body: subscription(),
    })
    expect(over.status).toBe(400)
    const bad = await call(pipedrive, '/api/v1/webhooks', bearer(token), {
      method: 'POST',
      body: subscription({ event_action: 'updated' }),
    })
    expect(bad.status).toBe(400)
    expect(pipedrive.webhooks.ofUser(ADMIN)).toHaveLength(40)
  })

  it('removes the app’s webhooks of a user who uninstalls', async () => {
    await subscribe()
    expect(pipedrive.webhooks.ofUser(ADMIN)).toHaveLength(1)
    await pipedrive.uninstall(ADMIN)
    expect(pipedrive.webhooks.ofUser(ADMIN)).toEqual([])
  })
})

describe('the sandbox Pipedrive: delivering v2 webhooks', () => {
  it('sends a stage move as change.deal with Basic auth and only the changed fields in previous', async () => {
    await subscribe()
    const moved = await patchDeal(2, { stage_id: 2 })
    expect(moved.status).toBe(200)
    await pipedrive.dispatcher.idle()
    expect(received).toHaveLength(1)
    const [delivery] = received
    expect(delivery?.authorization).toBe(
      `Basic ${Buffer.from('hook-user:hook-password').toString('base64')}`
    )
    expect(delivery?.body.meta).toMatchObject({
      action: 'change',
      entity: 'deal',
      entity_id: '2',
      company_id: '1001',
      version: '2.0',
      attempt: 1,
      type: 'application',
    })
    expect(delivery?.body.data).toMatchObject({ id: 2, stage_id: 2, status: 'open' })
    expect(delivery?.body.previous).toEqual({ stage_id: 1 })
    // Nothing changed, nothing sent.
    await patchDeal(2, { stage_id: 2 })
    await pipedrive.dispatcher.idle()
    expect(received).toHaveLength(1)
  })

  it('sends won and lost (with the reason) as status changes', async () => {
    await subscribe()
    await patchDeal(3, { status: 'lost', lost_reason: 'Too expensive' })
    await pipedrive.dispatcher.idle()
    expect(received[0]?.body.previous).toEqual({ status: 'open', lost_reason: null })
    expect(received[0]?.body.data).toMatchObject({ status: 'lost', lost_reason: 'Too expensive' })
  })

  it('sends a new person as create.person with previous null', async () => {
    await subscribe({ event_action: 'create', event_object: 'person' })
    const created = await call(
      pipedrive,
      '/api/v2/persons',
      { 'x-api-token': pipedrive.apiToken(ADMIN) },
      {
        method: 'POST',
        body: JSON.stringify({
          name: 'New Lead',
          emails: [{ value: 'lead@example.com', primary: true }],
        }),
      }
    )
    expect(created.status).toBe(201)
    await pipedrive.dispatcher.idle()
    expect(received[0]?.body).toMatchObject({
      meta: { action: 'create', entity: 'person' },
      data: { name: 'New Lead', emails: [{ value: 'lead@example.com', primary: true }] },
      previous: null,
    })
  })

  it('retries a failed delivery after 3, 30 and 150 s with the same meta.id, then gives up', async () => {
    await subscribe()
    answer = 500
    await patchDeal(1, { stage_id: 4 })
    await pipedrive.dispatcher.idle()
    const times: number[] = [scheduler.now()]
    for (const wait of [2_999, 1, 29_999, 1, 149_999, 1]) {
      scheduler.advance(wait)
      await pipedrive.dispatcher.idle()
      if (received.length > times.length) times.push(scheduler.now())
    }
    expect(received.map((r) => r.body.meta.attempt)).toEqual([1, 2, 3, 4])
    expect(new Set(received.map((r) => r.body.meta.id)).size).toBe(1)
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual([3_000, 30_000, 150_000])
    scheduler.advance(24 * 60 * 60_000)
    await pipedrive.dispatcher.idle()
    expect(received).toHaveLength(4)
  })

  it('gives up on an attempt after 10 s and retries it', async () => {
    await subscribe()
    answer = 'hang'
    await patchDeal(1, { stage_id: 3 })
    scheduler.advance(9_999)
    expect(pipedrive.dispatcher.deliveries.filter((d) => d.outcome === 'timeout')).toHaveLength(0)
    scheduler.advance(1)
    await pipedrive.dispatcher.idle()
    expect(pipedrive.dispatcher.deliveries.at(-1)).toMatchObject({
      attempt: 1,
      outcome: 'timeout',
      ok: false,
    })
    answer = 200
    scheduler.advance(3_000)
    await pipedrive.dispatcher.idle()
    expect(pipedrive.dispatcher.deliveries.at(-1)).toMatchObject({
      attempt: 2,
      outcome: 200,
      ok: true,
    })
  })

  it('bans a webhook for 30 minutes after 10 failed first attempts, losing its events', async () => {
    await subscribe()
    answer = 503
    for (let i = 0; i < 10; i++) {
      await patchDeal(2, { value: 1000 + i })
      await pipedrive.dispatcher.idle()
    }
    expect(received.filter((r) => r.body.meta.attempt === 1)).toHaveLength(10)
    answer = 200
    await patchDeal(2, { value: 5000 })
    await pipedrive.dispatcher.idle()
    expect(received.some((r) => r.body.data?.value === 5000)).toBe(false)
    expect(pipedrive.dispatcher.deliveries.at(-1)).toMatchObject({ outcome: 'banned' })
    scheduler.advance(BAN_MS)
    await pipedrive.dispatcher.idle()
    await patchDeal(2, { value: 6000 })
    await pipedrive.dispatcher.idle()
    expect(received.at(-1)?.body.data).toMatchObject({ value: 6000 })
  })
})
