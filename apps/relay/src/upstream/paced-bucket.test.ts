import { describe, expect, it } from 'vitest'

import { asLowPriority } from './low-priority.ts'
import { PacedTokenBucket } from './paced-bucket.ts'

function bucketAt(clock: { ms: number }, readingRatePerSecond = 1_000) {
  return new PacedTokenBucket({
    ratePerSecond: 75,
    burst: 15,
    now: () => clock.ms,
    reserve: { idle: 3, whileReading: 9, readingWindowMs: 1_000, readingRatePerSecond },
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
    // 14 left, 9 kept for readers: 5 spare, taken one at a time at the readers' pace (1 ms here).
    expect(bucket.spareTokens()).toBe(1)
    for (let i = 0; i < 5; i += 1) {
      expect(bucket.tryTakeSpare()).toBe(true)
      clock.ms += 1
    }
    expect(bucket.tryTakeSpare()).toBe(false)
    expect(Math.floor(bucket.availableTokens())).toBe(9)
    clock.ms += 994
    // Refilled to the burst, and the reader of 999 ms ago still counts.
    expect(bucket.spareTokens()).toBe(1)
    expect(bucket.spareBudget().readersActive()).toBe(true)
    clock.ms += 1
    expect(bucket.spareTokens()).toBe(12)
    expect(bucket.spareBudget().readersActive()).toBe(false)
  })

  it('paces low-priority takes while readers are active, one at a time, and not once they have gone', async () => {
    const clock = { ms: 0 }
    const bucket = bucketAt(clock, 5)
    await bucket.take()
    expect(bucket.tryTakeSpare()).toBe(true)
    // Tokens to spare (13 left, 9 kept), but the pace allows one in 200 ms.
    expect(bucket.tryTakeSpare()).toBe(false)
    expect(bucket.spareTokens()).toBe(0)
    expect(bucket.msUntilSpare()).toBe(200)
    clock.ms += 199
    expect(bucket.tryTakeSpare()).toBe(false)
    clock.ms += 1
    expect(bucket.tryTakeSpare()).toBe(true)
    // The reader's second is over: the whole spare goes at once again.
    clock.ms += 1_000
    expect(bucket.spareTokens()).toBe(12)
    for (let i = 0; i < 12; i += 1) expect(bucket.tryTakeSpare()).toBe(true)
  })

  it('does not count low-priority work’s own reads as readers', async () => {
    const clock = { ms: 0 }
    const bucket = bucketAt(clock, 5)
    await asLowPriority(() => bucket.take())
    expect(bucket.readersActive()).toBe(false)
    expect(bucket.spareTokens()).toBe(11)
    await bucket.take()
    expect(bucket.readersActive()).toBe(true)
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
