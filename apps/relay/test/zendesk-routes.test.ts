import { customerContextSchema, type CustomerContext } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { API_KEY, NARROW_KEY, startHarness } from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  // Everything this file did was logged; none of it may name a customer or carry a secret.
  const text = JSON.stringify(harness.logs)
  expect(harness.logs.length).toBeGreaterThan(10)
  for (const value of [
    SEEDED.joeBloggs.email,
    SEEDED.joeBloggs.userId,
    SEEDED.joeBloggs.anonymousId,
    SEEDED.sharedEmail,
    SEEDED.powerUser.userId,
    'nobody@example.com',
    API_KEY,
    NARROW_KEY,
    'sandbox-token',
    'demo-zendesk-secret',
    'Bearer',
  ]) {
    expect(text).not.toContain(value)
  }
  await harness.stop()
})

const asAgent = async (path: string) =>
  harness.app.request(path, {
    headers: { authorization: `Bearer ${await harness.zendeskToken()}` },
  })
const asKey = (path: string, key = API_KEY) =>
  harness.app.request(path, { headers: { authorization: `Bearer ${key}` } })

/** The ids of the events a timeline page shows, bursts unfolded, in page order. */
const eventIds = (entries: CustomerContext['timeline']['entries']) =>
  entries.flatMap((e) =>
    e.burst === undefined ? [e.raw.eventId] : e.burst.items.map((i) => i.raw.eventId)
  )

describe('GET /zendesk/v1/context', () => {
  it('answers Joe Bloggs’ profile and first timeline page', async () => {
    const response = await asAgent(
      `/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`
    )
    expect(response.status).toBe(200)
    const context = customerContextSchema.parse(await response.json())
    expect(context.match).toBe('one')
    expect(context.profiles[0]).toMatchObject({
      name: { text: 'Joe Bloggs' },
      emails: ['joe.bloggs@intilery.com'],
    })
    expect(context.profiles[0]?.audiences.static.map((a) => a.id)).toContain('audience_board')
    // His 59 events (the spec's 48 and a weekend at the shop) are more than a first page (50): the
    // newest 50, each once, rows newest first (a campaign fold sits at its latest step, so its
    // earlier steps are out of time order), and a cursor for the rest.
    const stored = harness.sandbox.store.find({ type: 'email', value: SEEDED.joeBloggs.email })[0]
    expect(stored?.events).toHaveLength(59)
    const newest = [...(stored?.events ?? [])].sort((a, b) => b.ms - a.ms).slice(0, 50)
    const ids = eventIds(context.timeline.entries)
    expect(ids).toHaveLength(50)
    expect(new Set(ids)).toEqual(new Set(newest.map((e) => e.event.eventId)))
    const times = context.timeline.entries.map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(context.timeline.cursor).toEqual(expect.any(String))
    expect(context.stale).toBe(false)
  })

  it('answers every customer sharing an email (match many)', async () => {
    const response = await asAgent(
      `/zendesk/v1/context?email=${encodeURIComponent(SEEDED.sharedEmail)}`
    )
    const context = customerContextSchema.parse(await response.json())
    expect(context.match).toBe('many')
    expect(context.profiles).toHaveLength(2)
  })

  it('finds a customer by anonymousId, as the Profile API does', async () => {
    const response = await asAgent(
      `/zendesk/v1/context?anonymousId=${encodeURIComponent(SEEDED.joeBloggs.anonymousId)}`
    )
    expect(response.status).toBe(200)
    const context = customerContextSchema.parse(await response.json())
    expect(context.match).toBe('one')
    expect(context.profiles[0]).toMatchObject({
      id: SEEDED.joeBloggs.id,
      name: { text: 'Joe Bloggs' },
    })
    expect(context.timeline.entries.length).toBeGreaterThan(0)
  })

  it('pages through the whole history with relay cursors, every event exactly once', async () => {
    const first = customerContextSchema.parse(
      await (await asAgent(`/zendesk/v1/context?userId=${SEEDED.powerUser.userId}`)).json()
    )
    const seen = eventIds(first.timeline.entries)
    let cursor = first.timeline.cursor
    for (let page = 0; cursor !== undefined && page < 200; page++) {
      const response = await asAgent(
        `/zendesk/v1/events?ref=userId:${SEEDED.powerUser.userId}&cursor=${cursor}`
      )
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        entries: typeof first.timeline.entries
        cursor?: string
      }
      seen.push(...eventIds(body.entries))
      cursor = body.cursor
    }
    const total = harness.sandbox.store.find({ type: 'userId', value: SEEDED.powerUser.userId })[0]
      ?.events.length
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(total)
  })

  it('refuses a cursor it did not issue', async () => {
    const response = await asAgent(
      `/zendesk/v1/events?ref=userId:${SEEDED.powerUser.userId}&cursor=bm90LWEtY3Vyc29y`
    )
    expect(response.status).toBe(400)
  })

  it.each([
    ['no lookup key', '/zendesk/v1/context', 400, 'bad_request'],
    ['two lookup keys', '/zendesk/v1/context?email=a@b.c&userId=u', 400, 'bad_request'],
    ['an anonymousId and an id', '/zendesk/v1/context?anonymousId=a&id=b', 400, 'bad_request'],
    ['an invalid email', '/zendesk/v1/context?email=not-an-email', 400, 'bad_request'],
    ['an unknown customer', '/zendesk/v1/context?email=nobody@example.com', 404, 'not_found'],
    // A wrong relay URL in the app's settings: the app must not say "no customer".
    ['a path the relay does not serve', '/zendesk/v2/context?email=a@b.c', 404, 'no_such_route'],
  ])('answers %s with a clean JSON error', async (_label, path, status, code) => {
    const response = await asAgent(path)
    expect(response.status).toBe(status)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({
      error: { code, requestId: response.headers.get('x-request-id') },
    })
    expect(text).not.toMatch(/at .*\.ts|Error:/)
  })

  it('audits every read with an HMAC of the ref, never the ref itself', async () => {
    harness.audit.length = 0
    await asAgent(`/zendesk/v1/context?email=${encodeURIComponent(SEEDED.joeBloggs.email)}`)
    await asAgent('/zendesk/v1/context?email=nobody@example.com')
    expect(harness.audit.map((a) => [a.channel, a.outcome, a.status, a.caller])).toEqual([
      ['zendesk', 'ok', 200, 'zendesk:demo:agent-1'],
      ['zendesk', 'not_found', 404, 'zendesk:demo:agent-1'],
    ])
    const text = JSON.stringify(harness.audit)
    expect(text).not.toContain('joe.bloggs')
    expect(text).not.toContain('nobody@example.com')
    expect(harness.audit[0]?.refHmac).toMatch(/^[\w-]{43}$/)
  })

  it('exempts only the webhook’s own path from the JWT: a path merely ending like it is refused', async () => {
    const response = await harness.app.request('/zendesk/v1/context/v1/webhooks?email=a@b.c')
    expect(response.status).toBe(401)
  })

  it('uses the Zendesk subdomain of the token to pick the tenant', async () => {
    const token = await harness.zendeskToken({ iss: 'https://other.zendesk.com' })
    const response = await harness.app.request('/zendesk/v1/context?email=a@b.c', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(401)
  })
})

describe('GET /v1/profiles (API keys)', () => {
  const joe = `/v1/profiles/userId:${SEEDED.joeBloggs.userId}`

  it('serves the Profile API with a full key', async () => {
    const response = await asKey(`${joe}/traits`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      firstName: 'Joe',
      lastName: 'Bloggs',
      computed: { number_email_delivered_all_time: 9 },
    })
  })

  it('filters traits and computed traits by the key’s allowlist, keeping identities', async () => {
    const body = (await (await asKey(`${joe}/traits`, NARROW_KEY)).json()) as Record<
      string,
      unknown
    >
    expect(body).toMatchObject({
      firstName: 'Joe',
      id: SEEDED.joeBloggs.id,
      computed: { number_email_delivered_all_time: 9 },
    })
    expect(body).not.toHaveProperty('lastName')
    expect(body).not.toHaveProperty('phone')
    expect(Object.keys(body.computed as object)).toEqual(['number_email_delivered_all_time'])
  })

  it('lets only a key allowed every trait read events', async () => {
    expect((await asKey(`${joe}/events`, NARROW_KEY)).status).toBe(403)
    expect((await asKey(`${joe}/events`)).status).toBe(200)
  })

  it('stops accepting a key the moment it is revoked', async () => {
    expect((await asKey(`${joe}/meta`)).status).toBe(200)
    harness.revoked.add(API_KEY)
    expect((await asKey(`${joe}/meta`)).status).toBe(401)
    harness.revoked.delete(API_KEY)
  })
})

describe('headers', () => {
  it('sets security headers, a request id, and CORS only for allowed origins', async () => {
    const allowed = await harness.app.request('/healthz', {
      headers: { origin: 'https://demo.zendesk.com' },
    })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://demo.zendesk.com')
    expect(allowed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff')
    // JSON answers load nothing and are framed by nobody (the configured hosts frame pages only).
    expect(allowed.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'"
    )
    const other = await harness.app.request('/healthz', {
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('request bodies', () => {
  const big = 'x'.repeat(65 * 1024)

  it('refuses a body over 64 KB, whether its length is declared or streamed', async () => {
    const declared = await harness.app.request('/zendesk/v1/context?email=a@b.c', {
      method: 'POST',
      body: big,
      headers: { 'content-length': String(big.length) },
    })
    const streamed = await harness.app.request('/zendesk/v1/context?email=a@b.c', {
      method: 'POST',
      body: new Blob([big]).stream(),
      headers: { 'transfer-encoding': 'chunked' },
      duplex: 'half',
    } as RequestInit)
    for (const answer of [declared, streamed]) {
      expect(answer.status).toBe(413)
      expect(await answer.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    }
  })

  it('lets a small body through to the route, which decides', async () => {
    const answer = await harness.app.request('/zendesk/v1/context?email=a@b.c', {
      method: 'POST',
      body: '{}',
      headers: { 'content-length': '2' },
    })
    expect(answer.status).toBe(401)
  })
})
