// Which deliveries the Zendesk webhook accepts: only those signed with the subdomain's signing
// secret over the timestamp and then the raw body, within 5 minutes of the relay's clock. Every
// refusal is the same 401 and stores nothing; a repeated invocation is 200 and stores nothing new.
import { sign } from 'hono/jwt'
import { beforeEach, describe, expect, it } from 'vitest'

import {
  ACME_SIGNING_SECRET,
  GLOBEX_SIGNING_SECRET,
  JWT_SECRET,
  NOW,
  refusal,
  renderedBody,
  sign as signWebhook,
  stamp,
  startWebhookHarness,
} from './test/webhook-harness.ts'

let harness: Awaited<ReturnType<typeof startWebhookHarness>>
beforeEach(async () => {
  harness = await startWebhookHarness()
})

const body = renderedBody('ticket_solved')
const MINUTE = 60_000

describe('the webhook signature', () => {
  it('accepts a delivery signed with the subdomain’s secret, and stores its event', async () => {
    const response = await harness.deliver(body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ stored: 1, duplicates: 0 })
    expect(harness.outbox.stored.map((s) => [s.tenantId, s.message.event])).toEqual([
      ['acme', 'Ticket Solved'],
    ])
  })

  it('accepts a timestamp up to 5 minutes off either way', async () => {
    expect((await harness.deliver(body, { at: NOW - 5 * MINUTE })).status).toBe(200)
    expect((await harness.deliver(body, { at: NOW + 5 * MINUTE })).status).toBe(200)
  })

  const refused: [string, Parameters<typeof harness.deliver>[1]][] = [
    ['another secret', { secret: 'not-the-signing-secret' }],
    ['another tenant’s secret', { secret: GLOBEX_SIGNING_SECRET }],
    ['a timestamp 6 minutes old', { at: NOW - 6 * MINUTE }],
    ['a timestamp 6 minutes ahead', { at: NOW + 6 * MINUTE }],
    ['a body altered by one byte after signing', { signedBody: body.replace('101', '102') }],
    ['no signature header', { headers: { 'x-zendesk-webhook-signature': undefined } }],
    ['no timestamp header', { headers: { 'x-zendesk-webhook-signature-timestamp': undefined } }],
    [
      'a timestamp that is not ISO-8601 UTC',
      { headers: { 'x-zendesk-webhook-signature-timestamp': String(Math.floor(NOW / 1000)) } },
    ],
    ['an unknown subdomain', { subdomain: 'nobody' }],
    ['no subdomain', { subdomain: undefined }],
    ['a subdomain whose signing secret the relay has not been given', { subdomain: 'initech' }],
    ['a subdomain that is no DNS label', { subdomain: '../acme' }],
  ]

  it.each(refused)('refuses %s with 401, storing nothing', async (_label, options) => {
    const response = await harness.deliver(body, options)
    expect(await refusal(response)).toMatchObject({
      status: 401,
      error: { code: 'unauthenticated', message: 'Authentication required' },
    })
    expect(harness.outbox.enqueueCalls).toBe(0)
  })

  it('answers an unknown subdomain exactly as a wrong signature', async () => {
    const unknown = await refusal(await harness.deliver(body, { subdomain: 'nobody' }))
    const forged = await refusal(await harness.deliver(body, { secret: 'forged' }))
    expect(unknown.error).toEqual(forged.error)
    expect(unknown.status).toBe(forged.status)
  })

  it('refuses the signature over body then timestamp (only the documented order counts)', async () => {
    const timestamp = stamp(NOW)
    const reversed = signWebhook(ACME_SIGNING_SECRET, body, timestamp)
    const response = await harness.deliver(body, {
      headers: { 'x-zendesk-webhook-signature': reversed },
    })
    expect(response.status).toBe(401)
    expect(harness.outbox.enqueueCalls).toBe(0)
  })

  it('checks the raw bytes: the same JSON re-spaced does not verify', async () => {
    const respaced = JSON.stringify(JSON.parse(body))
    const response = await harness.deliver(respaced, { signedBody: body })
    expect(response.status).toBe(401)
  })

  it('ignores a repeated invocation: 200, nothing new stored, the outbox not even asked', async () => {
    const first = await harness.deliver(body, { invocationId: '8350205582' })
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0 })
    const again = await harness.deliver(body, { invocationId: '8350205582', at: NOW + 30_000 })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ stored: 0, duplicates: 0, repeated: true })
    expect(harness.outbox.enqueueCalls).toBe(1)
    expect(harness.outbox.stored).toHaveLength(1)
  })

  it('a repeat under a new invocation id makes the same messageId, which the outbox skips', async () => {
    await harness.deliver(body)
    const again = await harness.deliver(body)
    expect(await again.json()).toEqual({ stored: 0, duplicates: 1 })
    expect(harness.outbox.stored).toHaveLength(1)
  })

  it('remembers an invocation only once it is stored: a delivery refused for write-back off is taken on retry', async () => {
    harness.outbox.enabled.delete('acme')
    expect((await harness.deliver(body, { invocationId: 'retry-me' })).status).toBe(403)
    harness.outbox.enabled.add('acme')
    const retried = await harness.deliver(body, { invocationId: 'retry-me' })
    expect(await retried.json()).toEqual({ stored: 1, duplicates: 0 })
  })
})

describe('the webhook and the sidebar keep their own authentication', () => {
  const agentToken = () =>
    sign(
      { iss: 'https://acme.zendesk.com', sub: 'agent-1', exp: Math.floor(NOW / 1000) + 60 },
      JWT_SECRET,
      'HS256'
    )

  it('refuses the sidebar’s JWT on the webhook', async () => {
    const response = await harness.app.request('/zendesk/v1/webhooks?subdomain=acme', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await agentToken()}`,
        'content-type': 'application/json',
      },
      body,
    })
    expect(response.status).toBe(401)
    expect(harness.outbox.enqueueCalls).toBe(0)
  })

  it('refuses a signed webhook request on a sidebar read', async () => {
    const timestamp = stamp(NOW)
    const response = await harness.app.request('/zendesk/v1/traits?ref=userId:joe-1', {
      headers: {
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signWebhook(ACME_SIGNING_SECRET, timestamp, ''),
      },
    })
    expect(response.status).toBe(401)
  })

  it('documents the webhook with its own security scheme', async () => {
    const document = (await (await harness.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>
      components: { securitySchemes: Record<string, unknown> }
    }
    expect(document.paths['/zendesk/v1/webhooks']?.post?.security).toEqual([
      { zendeskWebhookSignature: [] },
    ])
    expect(document.components.securitySchemes.zendeskWebhookSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Zendesk-Webhook-Signature',
    })
    expect(document.paths['/zendesk/v1/context']?.get?.security).toEqual([{ zendeskJwt: [] }])
  })
})
