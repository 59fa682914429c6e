import { afterEach, expect, it, vi } from 'vitest'

import { globex } from '../store/suite/context.ts'
import { createTenantWorkers, type TenantWorkers } from './tenant-workers.ts'
import type { WorkerFixture } from './testing/worker-fixture.ts'
import { byUser, workerFixtures } from './testing/worker-test-helpers.ts'

const start = workerFixtures()
let workers: TenantWorkers | undefined
afterEach(async () => {
  // Before the fixture's store closes (its afterEach was registered first, so runs after this).
  await workers?.stop()
  workers = undefined
})

/** Tenant workers over the fixture's store and endpoint; tenants as `enabled` says now. */
function startWorkers(f: WorkerFixture, enabled: () => readonly string[]) {
  workers = createTenantWorkers({
    ...f.deps,
    writebackTenants: () => Promise.resolve(enabled()),
    refreshMs: 5,
  })
  workers.start()
  return workers
}

it('delivers one tenant’s backlog while another tenant’s Intilery hangs', async () => {
  // One message of a customer per round (batchSize 1): gus's three need three rounds.
  const f = await start({ batchSize: 1 })
  await f.store.tenants.upsert(globex({ writeback: { enabled: true } }))
  f.answer = (batch) => (batch.some((m) => m.messageId.startsWith('a')) ? 'hang' : { status: 200 })
  await f.store.outbox.enqueue('acme', [byUser('a1', 'ann')])
  await f.store.outbox.enqueue(
    'globex',
    ['g1', 'g2', 'g3'].map((id) => byUser(id, 'gus'))
  )
  startWorkers(f, () => ['acme', 'globex'])
  // acme's batch is on its way, and will be for the send timeout (10 s): globex's go meanwhile.
  await expect.poll(() => f.sent().filter((id) => id.startsWith('g'))).toEqual(['g1', 'g2', 'g3'])
  expect(f.sent()).toContain('a1')
  const acme = await f.store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })
  expect(acme.map((m) => m.state)).toEqual(['pending'])
})

it('starts a worker for a tenant whose write-back is turned on, and stops one turned off', async () => {
  const f = await start()
  await f.store.tenants.upsert(globex({ writeback: { enabled: true } }))
  let enabled = ['acme']
  const w = startWorkers(f, () => enabled)
  await expect.poll(() => w.tenants()).toEqual(['acme'])
  await f.store.outbox.enqueue('globex', [byUser('g1', 'gus')])
  enabled = ['globex']
  await expect.poll(() => w.tenants()).toEqual(['globex'])
  await expect.poll(() => f.sent()).toEqual(['g1'])
})

it('prunes for every tenant, once per pruning period, however many workers run', async () => {
  const f = await start({ pruneEveryMs: 60_000 })
  await f.store.tenants.upsert(globex({ writeback: { enabled: true } }))
  await f.store.outbox.enqueue('acme', [byUser('a1', 'ann')])
  const prunes = vi.spyOn(f.store.outbox, 'pruneDelivered')
  const w = startWorkers(f, () => ['acme', 'globex'])
  await expect.poll(() => w.tenants()).toEqual(['acme', 'globex'])
  await expect.poll(() => f.sent()).toEqual(['a1'])
  // Many refreshes (every 5 ms) and rounds of both workers since; one pruning.
  expect(prunes).toHaveBeenCalledTimes(1)
  f.clock.ms += 60_000
  await expect.poll(() => prunes.mock.calls.length).toBe(2)
})
