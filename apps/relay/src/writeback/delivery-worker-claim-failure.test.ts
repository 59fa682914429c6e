import { expect, it, vi } from 'vitest'

import { byUser, workerFixtures } from './testing/worker-test-helpers.ts'

const start = workerFixtures()

it('keeps what waits for budget in memory when the next claim fails, and sends it the round after', async () => {
  const f = await start({ batchSize: 1, concurrency: 4 })
  await f.store.outbox.enqueue(
    'acme',
    ['a', 'b', 'c', 'd'].map((c) => byUser(`${c}1`, c))
  )
  // Readers took all but the reserve and two more: two batches go, two wait in memory.
  for (let i = 0; i < 10; i += 1) expect(f.bucket.tryTake()).toBe(true)
  expect(await f.worker.runOnce()).toBe(4)
  expect(f.sent()).toEqual(['a1', 'b1'])

  const locked = new Error('database is locked')
  const claims = [
    vi.spyOn(f.store.outbox, 'claimDue').mockRejectedValue(locked),
    vi.spyOn(f.store.outbox, 'claimLeased').mockRejectedValue(locked),
  ]
  f.clock.ms += 1_000
  await expect(f.worker.runOnce()).rejects.toBe(locked)
  for (const claim of claims) claim.mockRestore()
  // Still leased (for a minute): only the worker's memory can send them before then.
  await f.worker.runOnce()
  expect(f.sent()).toEqual(['a1', 'b1', 'c1', 'd1'])
})
