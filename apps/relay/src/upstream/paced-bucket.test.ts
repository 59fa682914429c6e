import { describe, expect, it } from 'vitest'

import { PacedTokenBucket } from './paced-bucket.ts'

function bucketAt(clock: { ms: number }) {
  return new PacedTokenBucket({
    ratePerSecond: 75,
    burst: 15,
    now: () => clock.ms,
    reserve: { idle: 3, whileReading: 9, readingWindowMs: 1_000 },
  })
}

describe('PacedTokenBucket: what low-priority work may take', () => {
  it('leaves the idle reserve while no reader has come, and spares the rest', () => {
    const clock = { ms: 0 }
    const bucket = bucketAt(clock)
    expect(bucket.spareTokens()).toBe(12)
    for (let i = 0; i < 12; i += 1) expect(bucket.tryTakeSpare()).toBe(true)
    expect(bucket.tryTakeSpare()).toBe(false)
    expect(bucket.availableTokens()).toBe(3)
    // One token's refill (at 75/s, 13.3 ms) makes one spare again.
    expect(bucket.msUntilSpare()).toBe(14)
  })

  it('leaves the larger reserve while readers are active, and the idle one again after the window', async () => {
    const clock = { ms: 0 }
    const bucket = bucketAt(clock)
    await bucket.take()
    // 14 left, 9 kept for readers: 5 spare.
    expect(bucket.spareTokens()).toBe(5)
    for (let i = 0; i < 5; i += 1) expect(bucket.tryTakeSpare()).toBe(true)
    expect(bucket.tryTakeSpare()).toBe(false)
    expect(bucket.availableTokens()).toBe(9)
    clock.ms += 999
    // Refilled to the burst, and the reader of 999 ms ago still counts.
    expect(bucket.spareTokens()).toBe(6)
    expect(bucket.spareBudget().readersActive()).toBe(true)
    clock.ms += 1
    expect(bucket.spareTokens()).toBe(12)
    expect(bucket.spareBudget().readersActive()).toBe(false)
  })

  it('counts no readers before one came, nor for low-priority takes', () => {
    const bucket = bucketAt({ ms: 0 })
    expect(bucket.tryTakeSpare()).toBe(true)
    expect(bucket.spareBudget().readersActive()).toBe(false)
  })

  it('spares nothing while a reader waits for a token, whatever the reserve', async () => {
    const clock = { ms: 0 }
    const bucket = bucketAt(clock)
    while (bucket.tryTake());
    const aborted = new AbortController()
    const queued = bucket.take(aborted.signal)
    clock.ms += 5_000
    expect(bucket.spareTokens()).toBe(0)
    expect(bucket.msUntilSpare()).toBeUndefined()
    aborted.abort()
    await expect(queued).rejects.toThrow()
  })
})
