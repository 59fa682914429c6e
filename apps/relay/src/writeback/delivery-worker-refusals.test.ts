// The delivery worker and Intilery's refusals: a 4xx that will not change makes messages dead at
// once; a batch refused whole is halved until only its bad messages are left, in order.
import { describe, expect, it } from 'vitest'

import { message } from './testing/outbox-message.ts'
import type { TrackMessage } from './track-batch.ts'
import { byUser, stateOf, workerFixtures } from './testing/worker-test-helpers.ts'

const start = workerFixtures()

/** Intilery refusing, whole, any batch that holds a message marked bad. */
const refuseBadWhole = (batch: readonly TrackMessage[]) =>
  batch.some((m) => m.properties.bad === true)
    ? { status: 400, code: 'validation_error' }
    : { status: 200 }

describe('delivery worker, refusals', () => {
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
    f.answer = refuseBadWhole
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
    expect(f.received.map((r) => r.batch.length)).toEqual([4, 2, 2, 1, 1])
  })

  it('finds one bad message among 32 in 10 more sends, halving the refused part each time', async () => {
    const f = await start()
    f.answer = refuseBadWhole
    const ids = Array.from({ length: 32 }, (_, i) => `m${i}`)
    await f.store.outbox.enqueue(
      'acme',
      ids.map((id, i) =>
        i === 20
          ? message(id, `c${i}`, { identity: { userId: `user-c${i}` }, properties: { bad: true } })
          : byUser(id, `c${i}`)
      )
    )
    await f.worker.runOnce()
    // One at a time would take 32 more, more than the budget spares in one round.
    expect(f.received.map((r) => r.batch.length)).toEqual([32, 16, 16, 8, 4, 4, 2, 1, 1, 2, 8])
    expect(await stateOf(f, 'm20')).toMatchObject({ state: 'dead' })
    const delivered = await f.store.outboxAdmin.list({
      tenantId: 'acme',
      state: 'delivered',
      limit: 100,
    })
    expect(delivered).toHaveLength(31)
  })

  it('holds a customer’s later message back when a part of a refused batch must be retried', async () => {
    const f = await start()
    f.answer = (batch) =>
      batch.length === 4
        ? { status: 400, code: 'validation_error' }
        : batch.some((m) => m.messageId === 'a1')
          ? { status: 503 }
          : { status: 200 }
    await f.store.outbox.enqueue('acme', [
      byUser('a1', 'a'),
      byUser('b1', 'b'),
      byUser('a2', 'a'),
      byUser('c1', 'c'),
    ])
    await f.worker.runOnce()
    expect(f.received.map((r) => r.batch.map((m) => m.messageId))).toEqual([
      ['a1', 'b1', 'a2', 'c1'],
      ['a1', 'b1'],
      ['c1'],
    ])
    expect(await stateOf(f, 'a1')).toMatchObject({ state: 'pending', attempts: 1 })
    expect(await stateOf(f, 'b1')).toMatchObject({ state: 'pending', attempts: 1 })
    // Given back, due at once (not left leased), behind a1's retry.
    expect(await stateOf(f, 'a2')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: f.clock.ms,
    })
    expect(await stateOf(f, 'c1')).toMatchObject({ state: 'delivered' })
    expect(f.outcomes).toEqual([
      { tenantId: 'acme', delivered: 1, retried: 2, dead: 0, released: 1 },
    ])
  })

  it('settles a message a round when the budget is too short to halve a batch of bad ones', async () => {
    const f = await start()
    f.answer = () => ({ status: 400, code: 'validation_error' })
    await f.store.outbox.enqueue(
      'acme',
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((c) => byUser(`${c}1`, c))
    )
    // Readers took all but the reserve (3 of 15) and two more: two are spare.
    for (let i = 0; i < 10; i += 1) expect(f.bucket.tryTake()).toBe(true)
    await f.worker.runOnce()
    // The whole batch, then its first message alone: halving would need three sends to reach it.
    expect(f.received.map((r) => r.batch.length)).toEqual([8, 1])
    expect(await stateOf(f, 'a1')).toMatchObject({ state: 'dead' })
    expect(await stateOf(f, 'b1')).toMatchObject({ state: 'pending', attempts: 0 })
  })
})
