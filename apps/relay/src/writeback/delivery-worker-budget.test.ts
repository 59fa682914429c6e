import { describe, expect, it, vi } from 'vitest'

import { createDeliveryWorker } from './delivery-worker.ts'
import { byUser, enqueueNamed, stateOf, workerFixtures } from './testing/worker-test-helpers.ts'
import { DEFAULT_WORKER_SETTINGS } from './worker-settings.ts'

const start = workerFixtures()

describe('delivery worker: the budget', () => {
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

  it('as one tenant’s worker, claims nothing while its budget cannot spare a token for what waits', async () => {
    const f = await start({ batchSize: 1, concurrency: 4 })
    const worker = createDeliveryWorker({ ...f.deps, tenantId: 'acme' })
    try {
      await enqueueNamed(f, 'a1', 'b1', 'c1', 'd1')
      for (let i = 0; i < 10; i += 1) expect(f.bucket.tryTake()).toBe(true)
      expect(await worker.runOnce()).toBe(4)
      // Well after that claim, agents have taken every token again: c1 and d1 still wait.
      f.clock.ms += 1_500
      while (f.bucket.tryTake());
      const claims = [vi.spyOn(f.store.outbox, 'claimDue'), vi.spyOn(f.store.outbox, 'claimLeased')]
      expect(await worker.runOnce()).toBe(2)
      for (const claim of claims) expect(claim).not.toHaveBeenCalled()
      expect(f.sent()).toEqual(['a1', 'b1'])
    } finally {
      await worker.stop()
    }
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
})
