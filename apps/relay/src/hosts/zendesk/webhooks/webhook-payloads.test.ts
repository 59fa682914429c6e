// What a signed delivery becomes: hostile or oversized bodies are refused with a 4xx and store
// nothing; write-back off is 403 and stores nothing; a trigger body as webhook-setup prints it
// becomes one event in the outbox, with only ids, status and rating.
import { beforeEach, describe, expect, it } from 'vitest'

import {
  GLOBEX_SIGNING_SECRET,
  refusal,
  renderedBody,
  startWebhookHarness,
} from './test/webhook-harness.ts'

let harness: Awaited<ReturnType<typeof startWebhookHarness>>
beforeEach(async () => {
  harness = await startWebhookHarness()
})

const valid = () => JSON.parse(renderedBody('ticket_solved')) as Record<string, unknown>

async function expectRefused(response: Response, status: number, code: string) {
  const answer = await refusal(response)
  expect(answer).toMatchObject({ status, error: { code } })
  expect(answer.requestId).toBe(response.headers.get('x-request-id'))
  expect(harness.outbox.enqueueCalls).toBe(0)
  return answer.error.message
}

describe('hostile and oversized bodies', () => {
  const hostile: [string, string | Buffer][] = [
    ['not JSON', '{"intilery_connect":1,'],
    [
      'text that is not UTF-8',
      Buffer.concat(
        renderedBody('ticket_solved')
          .split('joe-1')
          .flatMap((part, i) =>
            i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff]), Buffer.from(part)]
          )
      ),
    ],
    ['a JSON string', '"ticket_solved"'],
    ['null', 'null'],
    ['an array', JSON.stringify([valid()])],
    [
      'a ticket id as a number',
      JSON.stringify({ ...valid(), ticket: { ...(valid().ticket as object), id: 101 } }),
    ],
    ['an event the relay does not know', JSON.stringify({ ...valid(), event: 'ticket_deleted' })],
    ['no marker', JSON.stringify({ ...valid(), intilery_connect: undefined })],
    [
      'a nested object where text belongs',
      JSON.stringify({ ...valid(), requester: { email: { $ne: '' }, external_id: '' } }),
    ],
    [
      'deep nesting',
      `{"intilery_connect":1,"event":"ticket_solved","ticket":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    ],
    [
      'a 5,000-character id',
      JSON.stringify({
        ...valid(),
        ticket: { ...(valid().ticket as object), id: '9'.repeat(5_000) },
      }),
    ],
    [
      'a __proto__ key',
      renderedBody('ticket_solved').replace('{', '{"__proto__":{"polluted":true},'),
    ],
    [
      'a constructor key',
      renderedBody('ticket_solved').replace(
        '"ticket": {',
        '"ticket": {"constructor":{"prototype":{"polluted":true}},'
      ),
    ],
    [
      'a field the template does not have',
      JSON.stringify({ ...valid(), comment: 'I want a refund' }),
    ],
    ['a ticket id that is not a number', renderedBody('ticket_solved', { ticketId: '101 OR 1=1' })],
    ['an updated_at that is not a time', renderedBody('ticket_solved', { updatedAt: 'yesterday' })],
    [
      'an updated_at left unrendered',
      renderedBody('ticket_solved', { updatedAt: '{{ticket.updated_at_with_timestamp}}' }),
    ],
  ]

  it.each(hostile)(
    'refuses %s with 400 and a JSON error, storing nothing',
    async (_label, body) => {
      const message = await expectRefused(await harness.deliver(body), 400, 'bad_request')
      expect(message).toMatch(/not JSON|trigger body/)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('polluted')
    }
  )

  it('says which field is wrong', async () => {
    const body = JSON.stringify({ ...valid(), event: 'ticket_deleted' })
    const message = await expectRefused(await harness.deliver(body), 400, 'bad_request')
    expect(message).toContain('event:')
    expect(message).toContain('relay zendesk webhook-setup')
  })

  it('refuses a signed body over 16 KB with 413', async () => {
    const body = renderedBody('ticket_solved', { requesterExternalId: 'x'.repeat(17_000) })
    await expectRefused(await harness.deliver(body), 413, 'payload_too_large')
  })

  it('refuses a body over the relay’s own limit (Content-Length says so) with 413', async () => {
    const body = 'x'.repeat(100_000)
    const response = await harness.deliver(body, {
      headers: { 'content-length': String(body.length) },
    })
    await expectRefused(response, 413, 'payload_too_large')
  })

  it('accepts a body just under 16 KB', async () => {
    const padded = renderedBody('ticket_solved', { requesterExternalId: 'x'.repeat(900) })
    expect((await harness.deliver(padded)).status).toBe(200)
  })
})

describe('write-back off or not set up', () => {
  it('answers 403 with how to turn it on, storing nothing', async () => {
    harness.outbox.enabled.delete('acme')
    const message = await expectRefused(
      await harness.deliver(renderedBody('ticket_solved')),
      403,
      'forbidden'
    )
    expect(message).toContain('relay tenants writeback --tenant acme --on')
  })

  it('answers 403 when the outbox refuses because write-back was turned off meanwhile', async () => {
    harness.outbox.disabledOnWrite = true
    const response = await harness.deliver(renderedBody('ticket_solved'))
    expect(await refusal(response)).toMatchObject({ status: 403, error: { code: 'forbidden' } })
    expect(harness.outbox.stored).toHaveLength(0)
  })

  it('answers 503 on a relay without an outbox', async () => {
    const response = await harness.deliver(
      renderedBody('ticket_solved'),
      {},
      harness.appWithoutOutbox
    )
    await expectRefused(response, 503, 'upstream_unavailable')
  })
})

describe('answering only once the event is stored', () => {
  it('answers 503 with Retry-After when the outbox cannot store it, and takes the retry', async () => {
    harness.outbox.failWith = new Error('disk full')
    const body = renderedBody('ticket_solved')
    const failed = await harness.deliver(body, { invocationId: 'inv-9' })
    expect(failed.headers.get('retry-after')).toBe('10')
    expect(await refusal(failed)).toMatchObject({
      status: 503,
      error: { code: 'upstream_unavailable', message: 'The relay could not store the event' },
    })
    harness.outbox.failWith = undefined
    const retried = await harness.deliver(body, { invocationId: 'inv-9' })
    expect(await retried.json()).toEqual({ stored: 1, duplicates: 0 })
  })
})

describe('the events a delivery becomes', () => {
  const stored = () => harness.outbox.stored.map((s) => s.message)

  it('turns each trigger into its event, with a messageId from the source event only', async () => {
    for (const event of ['ticket_created', 'ticket_solved', 'ticket_reopened'] as const)
      expect((await harness.deliver(renderedBody(event, { status: 'Open ' }))).status).toBe(200)
    expect(stored()).toEqual(
      ['created', 'solved', 'reopened'].map((what) => ({
        messageId: `zendesk:acme:ticket:101:${what}:2027-03-01T11:58:00.000Z`,
        source: 'zendesk',
        event: `Ticket ${what[0]?.toUpperCase()}${what.slice(1)}`,
        properties: {
          ticket_id: '101',
          ticket_url: 'https://acme.zendesk.com/agent/tickets/101',
          zendesk_subdomain: 'acme',
          status: 'open',
        },
        timestamp: '2027-03-01T11:58:00.000Z',
        identity: { userId: 'joe-1', emails: ['joe.bloggs@intilery.com'] },
      }))
    )
  })

  it('reads Zendesk’s minute-precision time, and spells it one way in the messageId', async () => {
    await harness.deliver(renderedBody('ticket_solved', { updatedAt: '2027-03-01T11:58Z' }))
    const again = await harness.deliver(
      renderedBody('ticket_solved', { updatedAt: '2027-03-01T11:58:00Z' })
    )
    expect(await again.json()).toEqual({ stored: 0, duplicates: 1 })
    expect(stored()[0]?.messageId).toBe('zendesk:acme:ticket:101:solved:2027-03-01T11:58:00.000Z')
  })

  it.each([
    ['good', 'good'],
    ['good_with_comment', 'good'],
    ['Bad_With_Comment', 'bad'],
    [' bad ', 'bad'],
    ['Good, I’m satisfied', 'good'],
    ['Bad, I’m unsatisfied', 'bad'],
  ])('sends the rating %j as %s, and no comment', async (rating, sent) => {
    const response = await harness.deliver(renderedBody('ticket_rated', { rating }))
    expect(await response.json()).toEqual({ stored: 1, duplicates: 0 })
    expect(stored()[0]).toMatchObject({
      event: 'Ticket Rated',
      messageId: `zendesk:acme:ticket:101:rated-${sent}:2027-03-01T11:58:00.000Z`,
      properties: { rating: sent },
    })
    expect(JSON.stringify(stored())).not.toContain('comment')
  })

  it.each([
    'offered',
    'unoffered',
    '',
    '{{satisfaction.current_rating}}',
    'Bueno, estoy satisfecho',
  ])('makes no event of the rating %j', async (rating) => {
    const response = await harness.deliver(renderedBody('ticket_rated', { rating }))
    expect(await response.json()).toEqual({ stored: 0, duplicates: 0, ignored: 'no_rating' })
    expect(harness.outbox.enqueueCalls).toBe(0)
  })

  it('leaves out placeholders left empty or unrendered, and a status it does not know', async () => {
    const first = await harness.deliver(
      renderedBody('ticket_created', {
        requesterExternalId: '{{ticket.requester.external_id}}',
        requesterEmail: '  Joe.Bloggs@intilery.com ',
        status: 'Gelöst',
      })
    )
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0 })
    expect(stored()[0]?.identity).toEqual({ emails: ['Joe.Bloggs@intilery.com'] })
    expect(stored()[0]?.properties).not.toHaveProperty('status')
    // An email that is not one is no identity either.
    const second = await harness.deliver(
      renderedBody('ticket_solved', { requesterExternalId: '', requesterEmail: 'joe-1' })
    )
    expect(await second.json()).toEqual({ stored: 0, duplicates: 0, ignored: 'no_requester' })
  })

  it('makes no event for a requester with neither an external id nor an email', async () => {
    const response = await harness.deliver(
      renderedBody('ticket_solved', { requesterExternalId: ' ', requesterEmail: '' })
    )
    expect(await response.json()).toEqual({ stored: 0, duplicates: 0, ignored: 'no_requester' })
    expect(harness.outbox.enqueueCalls).toBe(0)
  })

  it('keeps each tenant’s events apart', async () => {
    await harness.deliver(renderedBody('ticket_solved'), {
      subdomain: 'globex',
      secret: GLOBEX_SIGNING_SECRET,
    })
    expect(harness.outbox.stored.map((s) => [s.tenantId, s.message.properties.ticket_url])).toEqual(
      [['globex', 'https://globex.zendesk.com/agent/tickets/101']]
    )
  })
})
