import { describe, expect, it } from 'vitest'

import { memoryBudget } from '../upstream/testing/memory-budget.ts'
import { ExportBucket } from './export-bucket.ts'

describe('the export bucket', () => {
  it('reserves each token in the shared budget leaving the readers their reserve, waiting while none is spare', async () => {
    const budget = memoryBudget(() => Date.now())
    // Slow refills (100 ms a token), so the first ask always finds only the reserve.
    const rate = { ratePerSecond: 10, burst: 10 }
    // A reader took all but the reserve: the export must wait for refills above it.
    for (let i = 0; i < 4; i++)
      await budget.reserve({ key: 'k', rate, maxWaitMs: 0, keepTokens: 0 })
    const bucket = new ExportBucket({
      ratePerSecond: 1_000,
      shared: { backend: budget, key: 'k', rate, keepTokens: 6 },
    })
    await bucket.take()
    const asked = budget.asked.slice(4)
    expect(asked.every((ask) => ask.keepTokens === 6 && ask.maxWaitMs === 0)).toBe(true)
    // Refused while only the reserve was left, granted once it had refilled.
    expect(asked.length).toBeGreaterThan(1)
  })

  it('holds every token back while paused (Intilery said 429)', async () => {
    let now = 0
    const bucket = new ExportBucket({ ratePerSecond: 100, now: () => now })
    expect(bucket.availableTokens()).toBeGreaterThan(0)
    bucket.pause(1_000)
    const controller = new AbortController()
    const taken = bucket.take(controller.signal)
    let settled = false
    taken.then(
      () => (settled = true),
      () => (settled = true)
    )
    await Promise.resolve()
    expect(settled).toBe(false)
    controller.abort(new Error('stop'))
    await expect(taken).rejects.toThrow('stop')
    now = 1_000
    await expect(bucket.take()).resolves.toBeUndefined()
  })
})
