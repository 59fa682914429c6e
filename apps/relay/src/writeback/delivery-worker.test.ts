import { afterEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../platform/errors.ts'

import { message } from './testing/outbox-message.ts'
import { startWorkerFixture, TOKEN, type WorkerFixture } from './testing/worker-fixture.ts'
import type { LeasedAhead } from './outbox-store.ts'
import { DEFAULT_WORKER_SETTINGS } from './worker-settings.ts'

let fixture: WorkerFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

const start = async (...args: Parameters<typeof startWorkerFixture>) =>
  (fixture = await startWorkerFixture(...args))

const byUser = (id: string, customer: string) =>
  message(id, customer, { identity: { userId: `user-${customer}` } })

/** Enqueues messages named customer-letter then number (`a1`: customer a's first). */
const enqueueNamed = (f: WorkerFixture, ...ids: string[]) =>
  f.store.outbox.enqueue(
    'acme',
    ids.map((id) => byUser(id, id.slice(0, 1)))
  )

const stateOf = async (f: WorkerFixture, messageId: string) =>
  (await f.store.outboxAdmin.list({ tenantId: 'acme', limit: 1_000 })).find(
    (m) => m.messageId === messageId
  )

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
    expect(await f.worker.runOnce()).toBe(0)
  })

  it('makes messages dead at once on a 4xx that will not change, keeping no customer data in the error', async () => {
    const f = await start()
    f.answer = () => ({ status: 401, code: 'authentication_error' })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    await f.worker.runOnce()
    const row = await stateOf(f, 'm1')
    expect(row).toMatchObject({ state: 'dead', lastError: 'http 401 authentication_error' })
    expect(row?.lastError).not.toContain('joe')
  })

  it('finds the one bad message of a batch refused whole, and delivers the rest', async () => {
    const f = await start()
    f.answer = (batch) =>
      batch.some((m) => m.properties.bad === true)
        ? { status: 400, code: 'validation_error' }
        : { status: 200 }
    await f.store.outbox.enqueue('acme', [
      byUser('m1', 'joe'),
      byUser('m2', 'sam'),
      message('m3', 'kim', { identity: { userId: 'user-kim' }, properties: { bad: true } }),
      byUser('m4', 'kim'),
    ])
    await f.worker.runOnce()
    expect(await stateOf(f, 'm3')).toMatchObject({
      state: 'dead',
      lastError: 'http 400 validation_error',
    })
    for (const id of ['m1', 'm2', 'm4'])
      expect(await stateOf(f, id)).toMatchObject({ state: 'delivered' })
    expect(f.received.map((r) => r.batch.length)).toEqual([4, 1, 1, 1, 1])
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

  it('sends no more batches at once than the budget spares; the rest wait, still leased, for the next round', async () => {
    const f = await start({ batchSize: 1, concurrency: 4 })
    await f.store.outbox.enqueue(
      'acme',
      ['a', 'b', 'c', 'd'].map((c) => byUser(`${c}1`, c))
    )
    const releases = vi.spyOn(f.store.outbox, 'release')
    // Readers took all but the reserve (3 of 15) and two more: two are spare.
    for (let i = 0; i < 10; i += 1) expect(f.bucket.tryTake()).toBe(true)
    expect(await f.worker.runOnce()).toBe(4)
    expect(f.sent()).toEqual(['a1', 'b1'])
    // Not given back to be claimed again (two UPDATEs each on the sidebar's event loop): kept.
    for (const id of ['c1', 'd1'])
      expect(await stateOf(f, id)).toMatchObject({
        state: 'pending',
        attempts: 0,
        nextAttemptAt: f.clock.ms + DEFAULT_WORKER_SETTINGS.leaseMs,
      })
    f.clock.ms += 1_000
    expect(await f.worker.runOnce()).toBe(2)
    expect(f.sent()).toEqual(['a1', 'b1', 'c1', 'd1'])
    expect(releases).not.toHaveBeenCalled()
  })

  it('keeps a customer’s order while their message waits for budget in memory', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 })
    await enqueueNamed(f, 'a1', 'b1')
    for (let i = 0; i < 11; i += 1) expect(f.bucket.tryTake()).toBe(true)
    // One token spare: a1 goes, b1 waits; b2 arrives meanwhile.
    expect(await f.worker.runOnce()).toBe(2)
    await enqueueNamed(f, 'b2', 'c1')
    f.clock.ms += 1_000
    await f.worker.runOnce()
    await f.worker.runOnce()
    expect(f.sent()).toEqual(['a1', 'b1', 'c1', 'b2'])
  })

  it('gives a message back once it has waited in memory as long as its lease allows, and leases it afresh', async () => {
    const f = await start({ leaseMs: 60_000, sendTimeoutMs: 10_000 })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    const takeAll = () => {
      while (f.bucket.tryTake());
    }
    takeAll()
    await f.worker.runOnce()
    const leased = await stateOf(f, 'm1')
    expect(leased?.nextAttemptAt).toBe(f.clock.ms + 60_000)
    // A send started later than half the lease less its timeout could outlive the lease.
    f.clock.ms += 19_999
    takeAll()
    await f.worker.runOnce()
    expect(await stateOf(f, 'm1')).toEqual(leased)
    f.clock.ms += 1
    takeAll()
    await f.worker.runOnce()
    expect(await stateOf(f, 'm1')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: f.clock.ms + 60_000,
    })
    expect(f.sent()).toEqual([])
  })

  it('counts the time a message leased ahead may wait in memory from when it was leased', async () => {
    // Half the lease less the send's timeout: 5 s; rows leased ahead are used within 1 s.
    const f = await start({ batchSize: 1, concurrency: 2, leaseMs: 30_000, sendTimeoutMs: 10_000 })
    await enqueueNamed(f, 'a1', 'b1', 'a2', 'b2')
    const leasedAt = f.clock.ms
    expect(await f.worker.runOnce()).toBe(2)
    // Leased ahead, as the round's batches were on their way.
    await expect.poll(async () => (await stateOf(f, 'a2'))?.nextAttemptAt).toBe(leasedAt + 30_000)
    const takeAll = () => {
      while (f.bucket.tryTake());
    }
    // The next round claims them 0.9 s after their lease began, and no token is spare: carried.
    f.clock.ms += 900
    takeAll()
    expect(await f.worker.runOnce()).toBe(2)
    // 5 s after the lease (not after that claim), they are given back and leased afresh.
    f.clock.ms = leasedAt + 5_000
    takeAll()
    await f.worker.runOnce()
    expect(await stateOf(f, 'a2')).toMatchObject({ nextAttemptAt: f.clock.ms + 30_000 })
    expect(f.sent()).toEqual(['a1', 'b1'])
  })

  it('gives back what waits for budget in memory when stopped, due at once', async () => {
    const f = await start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    while (f.bucket.tryTake());
    await f.worker.runOnce()
    await f.worker.stop()
    expect(await stateOf(f, 'm1')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: f.clock.ms,
    })
  })

  it('when nothing is spare, tries again as soon as the refill makes a token spare, not after a poll', async () => {
    const f = await start({ pollMs: 600_000, noBudgetDelayMs: 600_000 })
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    let claims = 0
    const claimDue = f.store.outbox.claimDue.bind(f.store.outbox)
    f.store.outbox.claimDue = (options, ahead) => {
      claims += 1
      return claimDue(options, ahead)
    }
    const rounds = vi.spyOn(f.bucket, 'spareTokens')
    for (let i = 0; i < 12; i += 1) expect(f.bucket.tryTake()).toBe(true)
    f.worker.start()
    await expect.poll(() => rounds.mock.calls.length).toBeGreaterThan(2)
    expect(f.sent()).toEqual([])
    // The rounds in between tried to send what the first claimed; they claimed nothing more.
    expect(claims).toBe(1)
    // The refill (by the injected clock) makes one spare; the next round, ~14 ms on, sends.
    f.clock.ms += 1_000
    await expect.poll(() => f.sent()).toEqual(['m1'])
  })

  it('leaves the budget’s last tokens to readers and never queues ahead of one', async () => {
    const f = await start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    // Readers took all but the reserve (3 of 15): nothing is spare. The message waits, leased
    // and untouched (no attempt counted), for the next round.
    for (let i = 0; i < 12; i += 1) expect(f.bucket.tryTake()).toBe(true)
    expect(await f.worker.runOnce()).toBe(1)
    expect(f.received).toEqual([])
    expect(await stateOf(f, 'm1')).toMatchObject({ state: 'pending', attempts: 0 })
    // A burst of readers takes the rest, and one more waits for the next token (its wake-up is
    // the bucket's own timer, held here until the worker has had its round).
    while (f.bucket.tryTake());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const queued = f.bucket.take()
      // By the clock the bucket is full again, but that reader is still queued: it goes first.
      f.clock.ms += 1_000
      expect(await f.worker.runOnce()).toBe(1)
      expect(f.received).toEqual([])
      vi.runOnlyPendingTimers()
      await queued
    } finally {
      vi.useRealTimers()
    }
    f.clock.ms += 1_000
    expect(await f.worker.runOnce()).toBe(1)
    expect(f.sent()).toEqual(['m1'])
  })

  it('polls on its own once started, and stops polling when stopped', async () => {
    const f = await start({ pollMs: 10 })
    f.worker.start()
    f.worker.start()
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    await expect.poll(() => f.sent()).toEqual(['m1'])
    await f.worker.stop()
    await f.store.outbox.enqueue('acme', [byUser('m2', 'joe')])
    expect(await f.worker.runOnce()).toBe(1)
    // The stopped worker's round gives m2 back rather than sending it.
    expect(f.sent()).toEqual(['m1'])
    expect(await stateOf(f, 'm2')).toMatchObject({ state: 'pending', attempts: 0 })
  })

  it('sends a round’s batches at once as far as the budget spares, each customer’s messages whole in one', async () => {
    // Nobody reads: a round claims twice `concurrency` batches (all 4 here), and 12 are spare.
    const f = await start({ batchSize: 2, concurrency: 2 })
    const firsts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((c) => byUser(`${c}1`, c))
    await f.store.outbox.enqueue('acme', [byUser('a1', 'a'), byUser('a2', 'a'), ...firsts.slice(1)])
    const gates: (() => void)[] = []
    f.answer = () => new Promise((resolve) => gates.push(() => resolve({ status: 200 })))
    const round = f.worker.runOnce()
    // All four are in flight before any is answered.
    await expect.poll(() => f.received.length).toBe(4)
    const batches = () => f.received.map((r) => r.batch.map((m) => m.messageId))
    expect(batches()).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1'],
      ['d1', 'e1'],
      ['f1', 'g1'],
    ])
    for (const open of gates.splice(0)) open()
    expect(await round).toBe(8)
    f.answer = () => ({ status: 200 })
    expect(await f.worker.runOnce()).toBe(2)
    expect(batches().slice(4)).toEqual([['h1', 'i1']])
  })

  it('sends more of a round than the budget spared at its start, as the refill spares tokens, while nobody reads', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 }, new Map(), {
      clockMovesWhenWaited: true,
    })
    await enqueueNamed(f, 'a1', 'b1', 'c1', 'd1')
    // One token spare of the 4 the round's batches need (15 in the bucket, 3 kept for readers).
    for (let i = 0; i < 11; i += 1) expect(f.bucket.tryTake()).toBe(true)
    expect(f.bucket.spareBudget().spareTokens()).toBe(1)
    const startedAt = f.clock.ms
    expect(await f.worker.runOnce()).toBe(4)
    // All in the one round, one refill (13.3 ms at 75 a second) apart: none waited in memory.
    expect(f.sent()).toEqual(['a1', 'b1', 'c1', 'd1'])
    expect(f.clock.ms - startedAt).toBeGreaterThanOrEqual(3 * 13)
    expect(f.clock.ms - startedAt).toBeLessThan(4 * 14)
  })

  it('while agents read, sends what their pace spares and keeps the rest for the next round', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 }, new Map(), {
      clockMovesWhenWaited: true,
    })
    await enqueueNamed(f, 'a1', 'b1', 'c1', 'd1')
    await f.bucket.take()
    expect(await f.worker.runOnce()).toBe(4)
    expect(f.sent()).toEqual(['a1'])
    expect(await stateOf(f, 'b1')).toMatchObject({ state: 'pending', attempts: 0 })
  })

  it('leaves a customer’s messages beyond one batch for the next round, so none overtakes another', async () => {
    const f = await start({ batchSize: 2, concurrency: 3 })
    await f.store.outbox.enqueue('acme', [
      byUser('a1', 'a'),
      byUser('a2', 'a'),
      byUser('a3', 'a'),
      byUser('b1', 'b'),
    ])
    expect(await f.worker.runOnce()).toBe(3)
    expect(f.received.map((r) => r.batch.map((m) => m.messageId))).toEqual([['a1', 'a2'], ['b1']])
    expect(await stateOf(f, 'a3')).toMatchObject({ state: 'pending', attempts: 0 })
    expect(await f.worker.runOnce()).toBe(1)
    expect(f.sent()).toEqual(['a1', 'a2', 'b1', 'a3'])
  })

  it('picks the next round while one is in flight, and never lets it overtake what that round could not deliver', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 })
    await enqueueNamed(f, 'a1', 'b1', 'a2', 'b2')
    const claimsLeased = vi.spyOn(f.store.outbox, 'claimLeased')
    let refuseA1 = true
    f.answer = (batch) => {
      if (batch[0]?.messageId !== 'a1' || !refuseA1) return { status: 200 }
      refuseA1 = false
      return { status: 503, headers: { 'retry-after': '30' } }
    }
    expect(await f.worker.runOnce()).toBe(2)
    // a2 and b2 were picked, and leased, while a1 and b1 were in flight; a1 was not delivered, so
    // only b2 goes, and a2 is given back: due at once, behind a1's retry.
    expect(await f.worker.runOnce()).toBe(1)
    expect(claimsLeased.mock.calls[0]?.[1].rows.map((r) => r.message_id)).toEqual(['a2', 'b2'])
    expect(f.sent()).toEqual(['a1', 'b1', 'b2'])
    expect(await stateOf(f, 'a2')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: claimsLeased.mock.calls[0]?.[1].at,
    })
    f.clock.ms += 30_000
    await f.worker.runOnce()
    await f.worker.runOnce()
    expect(f.sent()).toEqual(['a1', 'b1', 'b2', 'a1', 'a2'])
  })

  it('leases the next round’s rows while the round’s batches are still on their way, and gives them back on stop', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 })
    await enqueueNamed(f, 'a1', 'b1', 'a2', 'b2')
    const leases = vi.spyOn(f.store.outbox, 'leaseAhead')
    let answer = (_: { status: number }) => {}
    f.answer = () => new Promise((resolve) => (answer = resolve))
    const round = f.worker.runOnce()
    await expect.poll(() => leases.mock.results.length).toBe(1)
    const leased = (await leases.mock.results[0]?.value) as LeasedAhead
    expect(leased.rows.map((r) => r.message_id)).toEqual(['a2', 'b2'])
    // Nothing has been answered yet: a1 and b1 are still in flight.
    expect(f.received.map((r) => r.batch[0]?.messageId)).toEqual(['a1', 'b1'])
    expect(await stateOf(f, 'a2')).toMatchObject({
      nextAttemptAt: leased.at + DEFAULT_WORKER_SETTINGS.leaseMs,
    })
    await f.worker.stop()
    await round.catch(() => undefined)
    answer({ status: 200 })
    expect(await stateOf(f, 'a2')).toMatchObject({ state: 'pending', nextAttemptAt: leased.at })
    expect(await stateOf(f, 'b2')).toMatchObject({ state: 'pending', nextAttemptAt: leased.at })
  })

  it('picks nothing ahead while agents read: their reads keep the CPU, write-back gets what they leave', async () => {
    const f = await start({ batchSize: 1, concurrency: 2 })
    await enqueueNamed(f, 'a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4')
    const claims = vi.spyOn(f.store.outbox, 'claimDue')
    const claimsLeased = vi.spyOn(f.store.outbox, 'claimLeased')
    // Each round's claim in order: true when it took rows picked (and leased) ahead.
    const pickedAhead = () =>
      [
        ...claims.mock.calls.map((call, i) => [claims.mock.invocationCallOrder[i], call[1]]),
        ...claimsLeased.mock.calls.map((call, i) => [
          claimsLeased.mock.invocationCallOrder[i],
          call[1],
        ]),
      ]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, ahead]) => ahead !== undefined)
    expect(await f.worker.runOnce()).toBe(2)
    // Agents read from now on (a reader's take each round): once a round has seen them, nothing
    // is picked ahead. Write-back goes at the readers' pace, a batch per 200 ms.
    for (let round = 2; round <= 10; round += 1) {
      await f.bucket.take()
      f.clock.ms += 200
      await f.worker.runOnce()
    }
    // The pick started by the round before the readers came is used, and nothing after.
    expect(pickedAhead().slice(0, 3)).toEqual([false, true, true])
    expect(pickedAhead().slice(3)).not.toContain(true)
    expect(f.sent()).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4'])
  })

  it('after a short claim of rows picked ahead, goes again at once: what it missed may be due', async () => {
    const f = await start({ batchSize: 2, concurrency: 2, pollMs: 600_000 })
    await enqueueNamed(f, 'a1', 'a2', 'b1', 'b2', 'a3')
    // New customers arrive just after the pick ahead (which found a3 only).
    const pickAhead = f.store.outbox.pickAhead.bind(f.store.outbox)
    let arrivals = [byUser('c1', 'c'), byUser('d1', 'd'), byUser('e1', 'e')]
    f.store.outbox.pickAhead = async (options, inFlight) => {
      const picked = await pickAhead(options, inFlight)
      if (arrivals.length > 0) await f.store.outbox.enqueue('acme', arrivals)
      arrivals = []
      return picked
    }
    f.worker.start()
    // The round of a3 alone is followed at once by one that picks c1, d1 and e1, not by a poll.
    await expect.poll(() => f.sent().length).toBe(8)
    expect(f.received.map((r) => r.batch.map((m) => m.messageId))).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['a3'],
      ['c1', 'd1'],
      ['e1'],
    ])
  })

  it('abandons an in-flight batch when stopped, giving it back due at once and counting no attempt', async () => {
    const f = await start()
    f.answer = () => 'hang'
    await f.store.outbox.enqueue('acme', [byUser('m1', 'joe')])
    const round = f.worker.runOnce()
    await expect.poll(() => f.received.length).toBe(1)
    await f.worker.stop()
    await round
    expect(await stateOf(f, 'm1')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: f.clock.ms,
    })
  })
})
