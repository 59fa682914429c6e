import { describe, expect, it, vi } from 'vitest'

import { byUser, enqueueNamed, stateOf, workerFixtures } from './testing/worker-test-helpers.ts'
import type { LeasedAhead } from './outbox-store.ts'
import { DEFAULT_WORKER_SETTINGS } from './worker-settings.ts'

const start = workerFixtures()

describe('delivery worker: rounds', () => {
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
