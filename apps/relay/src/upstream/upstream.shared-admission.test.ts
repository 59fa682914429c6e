// Two guards ("instances") on one shared budget, on fake timers: an open's two reads are admitted
// or shed together across instances too, so no token goes to an open that then fails.
import { createProfileRef } from '@intilery-connect/core'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

import { AdmissionGroup, withAdmission } from './admission-group.ts'
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

/** The value, which the test knows is there (the lint forbids `!`). */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value')
  return value
}

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

it('gives back what a group reserved for reads its request never made, to every instance', async () => {
  const fake = fakeIntilery(ok)
  const budget = memoryBudget(() => Date.now())
  const upstream = createUpstream(
    CREDENTIALS,
    { ratePerSecond: 10, burst: 4 },
    { fetch: fake.fetch, sharedBudget: { backend: budget, instances: 2 } }
  )
  // A panel's group of four whose customer is read, then not found further: two reads made.
  await withAdmission(4, (admission) =>
    Promise.all([
      upstream.meta(customer(1), { admission }),
      upstream.firstEventsPage(customer(1), {}, { admission }),
    ])
  )
  expect(fake.calls).toHaveLength(2)
  expect(budget.refunded.map((r) => r.tokens)).toEqual([2])
  // The two given back are there for the next request: four at once, as the burst allows after
  // two spent (two more would have had to wait 200 ms without them).
  const next = await budget.reserve({
    key: must(budget.asked[0]).key,
    rate: must(budget.asked[0]).rate,
    maxWaitMs: 0,
    keepTokens: 0,
    tokens: 2,
  })
  expect(next).toMatchObject({ granted: true, waitMs: 0 })
})
