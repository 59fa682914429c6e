import { describe, expect, it } from 'vitest'

import { RelayError } from '../platform/errors.ts'

import type { WritebackTables } from './outbox-schema.ts'
import { message } from './testing/outbox-message.ts'
import { TOKEN } from './testing/worker-fixture.ts'
import { byUser, stateOf, workerFixtures } from './testing/worker-test-helpers.ts'

const start = workerFixtures()

describe('delivery worker', () => {
  it('sends track calls to the tenant’s tracking endpoint with its token, then marks them delivered', async () => {
    const f = await start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    expect(await f.worker.runOnce()).toBe(1)
    expect(f.received).toEqual([
      {
        url: 'https://api.intilery.example/track/client-acme/account-acme/brand-acme/v1/batch',
        authToken: TOKEN,
        batch: [
          {
            type: 'track',
            messageId: 'm1',
            event: 'Ticket Solved',
            properties: { ticket_id: '101', status: 'solved' },
            timestamp: '2027-01-01T10:00:00.000Z',
            userId: 'user-joe',
            context: { library: { name: 'intilery-connect-relay', version: '0.1.0' } },
          },
        ],
      },
    ])
    expect(await stateOf(f, 'm1')).toMatchObject({ state: 'delivered', attempts: 0 })
    expect(await f.worker.runOnce()).toBe(0)
  })

  it('sends to the tenant’s own tracking URL when it set one', async () => {
    const f = await start()
    const url = 'https://eu.track.example/v1/batch'
    await f.store.tenants.setWriteback('acme', { trackingUrl: url })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    await f.worker.runOnce()
    expect(f.received[0]?.url).toBe(url)
  })

  it('finds the Intilery identity by email: a userId first, then the smallest id, else an anonymousId', async () => {
    const f = await start()
    f.profiles.set('joe@example.com', [
      { id: 'p9', anonymousId: 'anon-9' },
      { id: 'p5', userId: 'user-5' },
      { id: 'p2', userId: 'user-2' },
    ])
    f.profiles.set('sam@example.com', [{ id: 'p3', anonymousId: 'anon-3' }])
    await f.store.outbox.enqueue('acme', [
      message('m1', 'joe'),
      message('m2', 'sam'),
      message('m3', 'kim'),
      message('m4', 'joe'),
    ])
    await f.worker.runOnce()
    const [joe, sam, kim, joeAgain] = f.received[0]?.batch ?? []
    expect(joe).toMatchObject({ userId: 'user-2' })
    expect(sam).toMatchObject({ anonymousId: 'anon-3' })
    expect(sam?.context.traits).toBeUndefined()
    // Nobody has kim's email: a stable id from it, and the email for Intilery to stitch later.
    expect(kim?.anonymousId).toMatch(/^wb-[0-9a-f]{40}$/)
    expect(kim?.context.traits).toEqual({ email: 'kim@example.com' })
    expect(joeAgain).toMatchObject({ userId: 'user-2' })
    // One lookup per customer, not per message; each marked as write-back's own, so the budget
    // does not take it for an agent reading (and pace write-back for it).
    expect(f.lookups).toEqual(['joe@example.com', 'sam@example.com', 'kim@example.com'])
    expect(f.lookupsLowPriority).toEqual([true, true, true])
  })

  it('opens a host’s reference through that host’s resolver, then looks its emails up', async () => {
    const opened: unknown[] = []
    const pipedrive = {
      resolve: (tenantId: string, ref: { accountId: string; ref: string }) => {
        opened.push([tenantId, ref])
        return Promise.resolve(
          ref.ref === 'person:7'
            ? { emails: ['nobody@example.com', 'joe@example.com'] }
            : { userId: 'user-8', emails: [] }
        )
      },
    }
    const f = await start({}, new Map([['pipedrive', pipedrive]]))
    f.profiles.set('joe@example.com', [{ id: 'p1', userId: 'user-joe' }])
    const hostRef = (ref: string) => ({ host: 'pipedrive', accountId: '1001', ref })
    await f.store.outbox.enqueue('acme', [
      message('m1', 'x', {
        source: 'pipedrive',
        event: 'Deal Won',
        identity: { hostRef: hostRef('person:7') },
      }),
      message('m2', 'x', {
        source: 'pipedrive',
        event: 'Deal Won',
        identity: { hostRef: hostRef('person:8') },
      }),
      message('m3', 'x', { identity: { hostRef: { host: 'hubspot', accountId: '1', ref: '2' } } }),
    ])
    await f.worker.runOnce()
    expect(f.received[0]?.batch.map((m) => [m.messageId, m.userId])).toEqual([
      ['m1', 'user-joe'],
      ['m2', 'user-8'],
    ])
    expect(opened).toEqual([
      ['acme', { accountId: '1001', ref: 'person:7' }],
      ['acme', { accountId: '1001', ref: 'person:8' }],
    ])
    expect(f.lookups).toEqual(['nobody@example.com', 'joe@example.com'])
    // No resolver for that host: it waits (and ends dead after its attempts), never sent unnamed.
    expect(await stateOf(f, 'm3')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'no identity resolver for host hubspot',
    })
  })

  it('never lets a customer’s later message overtake an earlier one waiting for a retry', async () => {
    const f = await start()
    f.answer = () => ({ status: 503, headers: { 'retry-after': '30' } })
    await f.store.outbox.enqueue('acme', [byUser('joe-1', 'joe'), byUser('sam-1', 'sam')])
    await f.worker.runOnce()
    f.answer = () => ({ status: 200 })
    await f.store.outbox.enqueue('acme', [byUser('joe-2', 'joe'), byUser('kim-1', 'kim')])
    await f.worker.runOnce()
    expect(f.received.at(-1)?.batch.map((m) => m.messageId)).toEqual(['kim-1'])
    f.clock.ms += 30_000
    await f.worker.runOnce()
    expect(f.received.at(-1)?.batch.map((m) => m.messageId)).toEqual(['joe-1', 'sam-1', 'joe-2'])
    expect(f.sent()).toEqual(['joe-1', 'sam-1', 'kim-1', 'joe-1', 'sam-1', 'joe-2'])
  })

  it('waits as long as Retry-After says when that is longer than its backoff', async () => {
    const f = await start()
    f.answer = () => ({ status: 429, headers: { 'retry-after': '120' }, code: 'rate_limit_error' })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    await f.worker.runOnce()
    f.answer = () => ({ status: 200 })
    f.clock.ms += 119_999
    expect(await f.worker.runOnce()).toBe(0)
    f.clock.ms += 1
    expect(await f.worker.runOnce()).toBe(1)
    expect(await stateOf(f, 'm1')).toMatchObject({ state: 'delivered', attempts: 1 })
  })

  it('backs off exponentially, then makes the message dead after its last attempt', async () => {
    const f = await start({ retry: { baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 4 } })
    f.answer = () => ({ status: 503 })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    const waits: number[] = []
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await f.worker.runOnce()).toBe(1)
      const row = await stateOf(f, 'm1')
      if (row?.nextAttemptAt !== undefined) {
        waits.push(row.nextAttemptAt - f.clock.ms)
        f.clock.ms = row.nextAttemptAt
      }
    }
    // random() is 0 in the fixture: half of each step (10 s, 20 s, 40 s).
    expect(waits).toEqual([5_000, 10_000, 20_000])
    expect(await stateOf(f, 'm1')).toMatchObject({
      state: 'dead',
      attempts: 4,
      lastError: 'http 503 internal_server_error',
    })
    // Counted (logs, relay_writeback_messages_total) as retried three times, then dead.
    expect(f.outcomes.map(({ retried, dead }) => [retried, dead])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ])
    expect(await f.worker.runOnce()).toBe(0)
  })

  it('counts a message made dead at its claim (its stored payload unreadable) beside the round’s deliveries', async () => {
    const f = await start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe'), byUser('m2', 'sam')])
    await f.db
      .withTables<WritebackTables>()
      .updateTable('writeback_outbox_payloads')
      .set({ payload_sealed: null, payload_json: 'not json' })
      .where('message_id', '=', 'm1')
      .execute()
    await f.worker.runOnce()
    expect(f.sent()).toEqual(['m2'])
    expect(await stateOf(f, 'm1')).toMatchObject({ state: 'dead' })
    expect(f.outcomes).toEqual([
      { tenantId: 'acme', delivered: 0, retried: 0, dead: 1, released: 0 },
      { tenantId: 'acme', delivered: 1, retried: 0, dead: 0, released: 0 },
    ])
    // And told apart from a refusal, with why: the relay logs it as an error (writeback-worker.ts).
    expect(f.unusable).toEqual([
      { tenantId: 'acme', dead: 1, retried: 0, unreadable: 1, unopened: 0 },
    ])
  })

  it('sends each event once however often its webhook was delivered', async () => {
    const f = await start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe'), byUser('m2', 'joe')])
    await f.worker.runOnce()
    expect(
      await f.store.outbox.enqueue('acme', [byUser('m1', 'joe'), byUser('m2', 'joe')])
    ).toEqual({ stored: 0, duplicates: 2 })
    expect(await f.worker.runOnce()).toBe(0)
    expect(f.sent()).toEqual(['m1', 'm2'])
  })

  it('holds a customer’s messages while their identity cannot be looked up, and sends others', async () => {
    const f = await start()
    f.readsFail = new RelayError('upstream_unavailable', 'Intilery is unavailable', {
      retryAfter: 5,
    })
    await f.store.outbox.enqueue('acme', [message('m1', 'joe'), byUser('m2', 'sam')])
    await f.worker.runOnce()
    expect(f.sent()).toEqual(['m2'])
    expect(await stateOf(f, 'm1')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'identity lookup: upstream_unavailable',
    })
    f.readsFail = undefined
    f.profiles.set('joe@example.com', [{ id: 'p1', userId: 'user-joe' }])
    f.clock.ms += 5_000
    await f.worker.runOnce()
    expect(f.sent()).toEqual(['m2', 'm1'])
  })
})
