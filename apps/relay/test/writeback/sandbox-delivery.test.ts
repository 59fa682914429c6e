// Write-back's delivery against the real sandbox (HTTP on a free loopback port), with the worker's
// clock in the test's hands: an Intilery outage of minutes, and ten thousand webhooks with
// duplicates, end with every distinct event stored exactly once, each customer's in order.
import { afterEach, describe, expect, it } from 'vitest'

import { startWritebackTarget, TENANT, track, type WritebackTarget } from './writeback-harness.ts'

let target: WritebackTarget | undefined
afterEach(async () => {
  await target?.stop()
  target = undefined
})

const customers = Array.from({ length: 8 }, (_, i) => `wb-customer-${i}`)

describe('write-back to the sandbox', () => {
  it('delivers everything, in order per customer, after Intilery was down for minutes', async () => {
    const t = (target = await startWritebackTarget())
    const enqueued = new Map<string, string[]>(customers.map((c) => [c, []]))
    let n = 0
    const webhook = async () => {
      const messages = customers.map((customer) => track(`outage:${customer}:${n++}`, customer, n))
      for (const m of messages) enqueued.get(m.identity.userId ?? '')?.push(m.messageId)
      expect((await t.store.outbox.enqueue(TENANT, messages)).stored).toBe(customers.length)
    }
    await webhook()
    await t.worker.runOnce()
    expect(t.accepted).toHaveLength(customers.length)

    t.sandbox.faults.set({ errorRate: 1, errorStatus: 503, routes: ['ingest'] })
    // Six minutes of outage, webhooks still arriving (and acknowledged: they only enqueue).
    const outageEnds = t.clock.ms + 6 * 60_000
    while (t.clock.ms < outageEnds) {
      await webhook()
      await t.worker.runOnce()
      t.clock.ms += 15_000
    }
    expect(t.answers.get(503)).toBeGreaterThanOrEqual(5)
    expect(t.accepted).toHaveLength(customers.length)
    expect((await t.store.outboxAdmin.status())[0]?.dead).toBe(0)

    t.sandbox.faults.reset()
    await t.drain(10_000)

    const [status] = await t.store.outboxAdmin.status()
    expect(status).toMatchObject({ pending: 0, dead: 0, delivered: n })
    const counts = t.eventCounts('outage:')
    expect(counts.size).toBe(n)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    for (const [customer, ids] of enqueued) {
      // The order Intilery accepted them in, and the order it keeps them in.
      expect(t.accepted.filter((id) => id.startsWith(`outage:${customer}:`))).toEqual(ids)
      expect(t.eventsOf(customer, 'outage:')).toEqual(ids)
    }
  })

  it('stores exactly the distinct events of 10,000 webhooks of which 1% are repeats', async () => {
    const t = (target = await startWritebackTarget())
    const all = Array.from({ length: 10_000 }, (_, i) =>
      track(`bulk:${i}`, `wb-bulk-${i % 250}`, i)
    )
    const repeats = all.filter((_, i) => i % 100 === 37)
    let stored = 0
    let duplicates = 0
    const enqueue = async (messages: typeof all) => {
      const result = await t.store.outbox.enqueue(TENANT, messages)
      stored += result.stored
      duplicates += result.duplicates
    }
    // The first half, part of it delivered; then the second half, each webhook of it with a
    // repeat of the first half's; last, the second half's repeats.
    for (let i = 0; i < 5_000; i += 100) await enqueue(all.slice(i, i + 100))
    for (let round = 0; round < 10; round += 1) {
      await t.worker.runOnce()
      t.clock.ms += 1_000
    }
    for (let k = 0; k < 50; k += 1)
      await enqueue([...all.slice(5_000 + k * 100, 5_100 + k * 100), ...repeats.slice(k, k + 1)])
    await enqueue(repeats.slice(50))
    expect(repeats).toHaveLength(100)
    expect({ stored, duplicates }).toEqual({ stored: 10_000, duplicates: 100 })
    await t.drain(1_000)

    const counts = t.eventCounts('bulk:')
    expect(counts.size).toBe(10_000)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    expect(new Set(t.accepted).size).toBe(10_000)
    expect(t.accepted).toHaveLength(10_000)
  }, 120_000)
})
