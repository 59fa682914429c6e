// The local Zendesk's webhook must reach the relay as Zendesk's does: signed as documented (checked
// here with node:crypto, independently of the sender's code), with the headers the relay reads, the
// same invocation id on a repeat, and Zendesk's retry schedule, driven by a manual clock.
import { createHmac } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { ManualScheduler } from '../pipedrive/webhooks/scheduler.ts'
import { ZendeskWebhookSender } from './webhook-delivery.ts'

const SECRET = 'dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0'
const URL_ = 'http://127.0.0.1:1/zendesk/v1/webhooks?subdomain=demo'
const BODY = '{\n  "intilery_connect": 1,\n  "event": "ticket_solved"\n}'

interface Sent {
  readonly url: string
  readonly headers: Headers
  readonly body: string
  readonly at: number
}

type Answer = (() => Promise<Response>) | typeof NEVER
/** An endpoint that never answers: the request ends only when the sender gives up on it. */
const NEVER = Symbol('never answers')

/** A webhook endpoint that answers each request with the next of `answers` (the last repeats). */
function endpoint(scheduler: ManualScheduler, answers: Answer[]) {
  const sent: Sent[] = []
  let hanging = 0
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push({
      url: input instanceof Request ? input.url : input.toString(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : '',
      at: scheduler.now(),
    })
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]
    if (answer === undefined) throw new Error('no answer')
    if (answer !== NEVER) return answer()
    hanging++
    // Aborted (timed out), it rejects as fetch does.
    return new Promise((_, reject) =>
      init?.signal?.addEventListener('abort', () => {
        hanging--
        reject(new DOMException('aborted', 'AbortError'))
      })
    )
  }
  return { sent, fetch, hanging: () => hanging }
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    Promise.resolve(new Response(code === 204 ? null : 'x', { status: code, headers }))

function sender(
  answers: Answer[],
  options: { random?: () => number; duplicateRate?: number } = {}
) {
  const scheduler = new ManualScheduler(Date.UTC(2026, 3, 17, 17, 18, 10, 345))
  const { sent, fetch, hanging } = endpoint(scheduler, answers)
  let invocation = 0
  const webhook = new ZendeskWebhookSender(
    {
      url: URL_,
      signingSecret: SECRET,
      webhookId: '01HWEBHOOK',
      random: options.random ?? (() => 0.99),
      duplicateRate: options.duplicateRate ?? 0.1,
      scheduler,
      newInvocationId: () => `invocation-${++invocation}`,
    },
    fetch
  )
  // Every request still on the way is waited for, except one the endpoint never answers: that one
  // ends only when the clock passes its timeout.
  const settled = async () => {
    if (hanging() === 0) await webhook.settled()
  }
  return { scheduler, sent, webhook, settled }
}

/** The check the relay makes, written here from Zendesk's documentation alone. */
function verifies(request: Sent, secret = SECRET): boolean {
  const timestamp = request.headers.get('x-zendesk-webhook-signature-timestamp') ?? ''
  const expected = createHmac('sha256', secret)
    .update(timestamp + request.body)
    .digest('base64')
  return request.headers.get('x-zendesk-webhook-signature') === expected
}

describe('a webhook request', () => {
  it('is signed as Zendesk documents: base64 HMAC-SHA256 over timestamp + body', async () => {
    const { sent, webhook } = sender([status(200)])
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    const [request] = sent
    if (request === undefined) throw new Error('nothing was sent')
    expect(request.url).toBe(URL_)
    expect(request.body).toBe(BODY)
    expect(verifies(request)).toBe(true)
    expect(verifies(request, `${SECRET}x`)).toBe(false)
    expect(verifies({ ...request, body: `${BODY} ` })).toBe(false)
    // The other order (body + timestamp) is not what is signed.
    const timestamp = request.headers.get('x-zendesk-webhook-signature-timestamp') ?? ''
    const swapped = createHmac('sha256', SECRET)
      .update(request.body + timestamp)
      .digest('base64')
    expect(request.headers.get('x-zendesk-webhook-signature')).not.toBe(swapped)
  })

  it('carries Zendesk’s headers, with the timestamp in ISO-8601 UTC to the second', async () => {
    const { sent, webhook } = sender([status(200)])
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    expect(Object.fromEntries(sent[0]?.headers ?? [])).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Zendesk Webhook',
      'x-zendesk-webhook-id': '01HWEBHOOK',
      'x-zendesk-webhook-invocation-id': 'invocation-1',
      'x-zendesk-webhook-signature-timestamp': '2026-04-17T17:18:10Z',
      'x-zendesk-webhook-signature': expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/) as unknown,
    })
  })

  it('is listed for the ticket page once it is answered', async () => {
    const { webhook } = sender([status(204)])
    webhook.send('ticket_rated', 101, BODY)
    await webhook.settled()
    expect(webhook.recent()).toEqual([
      {
        at: '2026-04-17T17:18:10Z',
        event: 'ticket_rated',
        ticketId: 101,
        invocationId: 'invocation-1',
        kind: 'first',
        result: 'answered',
        status: 204,
        retryInMs: null,
      },
    ])
  })
})

describe('a duplicate delivery', () => {
  it('repeats a delivered request with the same invocation id and body, signed afresh', async () => {
    const { scheduler, sent, webhook } = sender([status(200)], { random: () => 0.05 })
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    scheduler.advance(1_000)
    await webhook.settled()
    expect(sent).toHaveLength(2)
    const [first, again] = sent
    expect(again?.headers.get('x-zendesk-webhook-invocation-id')).toBe('invocation-1')
    expect(first?.headers.get('x-zendesk-webhook-invocation-id')).toBe('invocation-1')
    expect(again?.body).toBe(BODY)
    expect(again?.headers.get('x-zendesk-webhook-signature-timestamp')).toBe('2026-04-17T17:18:11Z')
    expect(again !== undefined && verifies(again)).toBe(true)
    expect(webhook.recent().map((a) => a.kind)).toEqual(['duplicate', 'first'])
    // A duplicate is not repeated in its turn.
    expect(scheduler.pending).toBe(0)
  })

  it('happens at the configured rate only: not when the draw is at or over it', async () => {
    const { scheduler, sent, webhook } = sender([status(200)], {
      random: () => 0.1,
      duplicateRate: 0.1,
    })
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    scheduler.advance(60_000)
    await webhook.settled()
    expect(sent).toHaveLength(1)
  })

  it('is not made of a request that failed', async () => {
    const { scheduler, sent, webhook } = sender([status(500)], { random: () => 0 })
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    scheduler.advance(60_000)
    await webhook.settled()
    expect(sent).toHaveLength(1)
  })
})

/** Sends one request, then advances the clock until nothing is left scheduled. */
async function runOut(harness: ReturnType<typeof sender>) {
  harness.webhook.send('ticket_solved', 101, BODY)
  await harness.settled()
  for (let step = 0; step < 100 && harness.scheduler.pending > 0; step++) {
    harness.scheduler.advance(1_000)
    await harness.settled()
  }
  expect(harness.scheduler.pending).toBe(0)
  const start = harness.sent[0]?.at ?? 0
  return {
    offsets: harness.sent.map((s) => (s.at - start) / 1000),
    invocations: new Set(harness.sent.map((s) => s.headers.get('x-zendesk-webhook-invocation-id'))),
  }
}

describe('retries', () => {
  it('try a 409 three more times, with the same invocation id', async () => {
    const harness = sender([status(409)])
    const { offsets, invocations } = await runOut(harness)
    expect(offsets).toEqual([0, 2, 4, 6])
    expect(invocations).toEqual(new Set(['invocation-1']))
    expect(harness.webhook.recent().map((a) => [a.kind, a.status, a.retryInMs])).toEqual([
      ['retry', 409, null],
      ['retry', 409, 2_000],
      ['retry', 409, 2_000],
      ['first', 409, 2_000],
    ])
  })

  it('stop once the endpoint accepts', async () => {
    const { offsets } = await runOut(sender([status(409), status(200)]))
    expect(offsets).toEqual([0, 2])
  })

  it('wait out a 429’s or a 503’s retry-after when it is under 60 s', async () => {
    expect(
      (await runOut(sender([status(429, { 'retry-after': '30' }), status(200)]))).offsets
    ).toEqual([0, 30])
    expect(
      (await runOut(sender([status(503, { 'retry-after': '59' }), status(200)]))).offsets
    ).toEqual([0, 59])
  })

  it('give up on a 429 or 503 without retry-after, or with one of 60 s or more', async () => {
    expect((await runOut(sender([status(429, { 'retry-after': '60' })]))).offsets).toEqual([0])
    expect((await runOut(sender([status(503)]))).offsets).toEqual([0])
  })

  it('read retry-after as an HTTP date too', async () => {
    const at = new Date(Date.UTC(2026, 3, 17, 17, 18, 30)).toUTCString()
    const { offsets } = await runOut(sender([status(503, { 'retry-after': at }), status(200)]))
    // 19.655 s from 17:18:10.345, rounded up to the millisecond.
    expect(offsets).toEqual([0, 19.655])
  })

  it('try a request that timed out (about 10 s) five more times', async () => {
    const harness = sender([NEVER])
    const { offsets, invocations } = await runOut(harness)
    // Each attempt waits 10 s for an answer, then the next goes 2 s later.
    expect(offsets).toEqual([0, 12, 24, 36, 48, 60])
    expect(invocations.size).toBe(1)
    expect(harness.webhook.recent()[0]).toMatchObject({ result: 'timed out', retryInMs: null })
  })

  it('are not made for other failures: 500, 401, an unreachable endpoint', async () => {
    expect((await runOut(sender([status(500)]))).offsets).toEqual([0])
    expect((await runOut(sender([status(401)]))).offsets).toEqual([0])
    const unreachable = sender([() => Promise.reject(new TypeError('fetch failed'))])
    expect((await runOut(unreachable)).offsets).toEqual([0])
    expect(unreachable.webhook.recent()[0]).toMatchObject({ result: 'unreachable', status: null })
  })

  it('are dropped when the host stops', async () => {
    const { scheduler, sent, webhook } = sender([status(409)])
    webhook.send('ticket_solved', 101, BODY)
    await webhook.settled()
    webhook.close()
    expect(scheduler.pending).toBe(0)
    scheduler.advance(60_000)
    await webhook.settled()
    expect(sent).toHaveLength(1)
  })
})
