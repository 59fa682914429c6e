// Two guards ("instances") on one shared budget, on fake timers: an open's two reads are admitted
// or shed together across instances too, so no token goes to an open that then fails.
import { createProfileRef } from '@intilery-connect/core'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

import { AdmissionGroup } from './admission-group.ts'
import { CREDENTIALS, fakeIntilery, ok } from './testing/fake-intilery.ts'
import { memoryBudget } from './testing/memory-budget.ts'
import { createUpstream } from './upstream.ts'

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
})
afterEach(() => {
  vi.useRealTimers()
})

const customer = (i: number) => createProfileRef('id', `c-${i}`)

it('reserves an open’s reads together in the shared budget, so across instances no open is answered by half', async () => {
  const fake = fakeIntilery(ok)
  const budget = memoryBudget(() => Date.now())
  const instance = () =>
    createUpstream(
      CREDENTIALS,
      { ratePerSecond: 80, burst: 20 },
      { fetch: fake.fetch, sharedBudget: { backend: budget, instances: 2 } }
    )
  const instances = [instance(), instance()]
  // 200 opens a second for 3 s, alternating instances, against 80 reads a second.
  const results = []
  for (let i = 0; i < 600; i += 1) {
    const upstream = instances[i % 2]
    if (upstream === undefined) throw new Error('no instance')
    const opts = { admission: new AdmissionGroup(2) }
    results.push(
      Promise.allSettled([
        upstream.meta(customer(i), opts),
        upstream.firstEventsPage(customer(i), {}, opts),
      ])
    )
    await vi.advanceTimersByTimeAsync(5)
  }
  await vi.advanceTimersByTimeAsync(6_000)
  const settled = await Promise.all(results)
  const answered = settled.filter((pair) => pair.every((r) => r.status === 'fulfilled')).length
  const half = settled.filter((pair) => new Set(pair.map((r) => r.status)).size === 2).length
  expect(half).toBe(0)
  expect(fake.calls).toHaveLength(2 * answered)
  // One reservation of two tokens per admitted open; none for an open's second read.
  expect(budget.asked.every((request) => request.tokens === 2)).toBe(true)
  // 20 at once + 80/s over the 3 s of opens and the admission window after, in pairs.
  expect(answered).toBeGreaterThanOrEqual(300)
})
