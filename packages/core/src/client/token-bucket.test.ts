import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { INTILERY_RATE_LIMIT, sharedTokenBucket, TokenBucket } from './token-bucket.ts'

/** A clock the test moves by hand. */
function manualClock(start = 1_000) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

function takeAll(bucket: TokenBucket): number {
  let taken = 0
  while (bucket.tryTake()) taken += 1
  return taken
}

/** Records when a promise settles, without waiting for it. */
function track(promise: Promise<void>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; reason?: unknown } = {
    settled: 'pending',
  }
  promise.then(
    () => {
      state.settled = 'resolved'
    },
    (reason: unknown) => {
      state.settled = 'rejected'
      state.reason = reason
    }
  )
  return state
}

describe('TokenBucket (synchronous)', () => {
  it.each([
    { ratePerSecond: 0, burst: 1 },
    { ratePerSecond: -1, burst: 1 },
    { ratePerSecond: Number.NaN, burst: 1 },
    { ratePerSecond: 1, burst: 0 },
    { ratePerSecond: 1, burst: Number.NaN },
  ])('rejects %o', (options) => {
    expect(() => new TokenBucket(options)).toThrow(RangeError)
  })

  it('starts full: a quiet bucket allows `burst` requests at once, then refuses', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 5, now: clock.now })
    expect(takeAll(bucket)).toBe(5)
    expect(bucket.tryTake()).toBe(false)
  })

  it('refills at the sustained rate, one token per 1000/rate ms', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 5, now: clock.now })
    takeAll(bucket)
    clock.advance(9)
    expect(bucket.tryTake()).toBe(false)
    clock.advance(1)
    expect(bucket.tryTake()).toBe(true)
    expect(bucket.tryTake()).toBe(false)
    clock.advance(35)
    expect(takeAll(bucket)).toBe(3)
  })

  it('never holds more than `burst` tokens after a long quiet spell', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 5, now: clock.now })
    takeAll(bucket)
    clock.advance(60_000)
    expect(takeAll(bucket)).toBe(5)
  })

  it('allows Intilery’s 100/s with a burst of 500: 600 requests in the first second, no more', () => {
    expect(INTILERY_RATE_LIMIT).toEqual({ ratePerSecond: 100, burst: 500 })
    const clock = manualClock()
    const bucket = new TokenBucket({ ...INTILERY_RATE_LIMIT, now: clock.now })
    let taken = takeAll(bucket)
    for (let ms = 0; ms < 1000; ms += 10) {
      clock.advance(10)
      taken += takeAll(bucket)
    }
    expect(taken).toBe(600)
  })

  it('tells how long until the next token', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 3, burst: 1, now: clock.now })
    expect(bucket.msUntilAvailable()).toBe(0)
    bucket.tryTake()
    expect(bucket.msUntilAvailable()).toBe(334)
    clock.advance(300)
    expect(bucket.msUntilAvailable()).toBe(34)
    clock.advance(34)
    expect(bucket.msUntilAvailable()).toBe(0)
  })

  it('tells how many tokens are left, refilled by the clock up to the burst', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3, now: clock.now })
    expect(bucket.availableTokens()).toBe(3)
    bucket.tryTake()
    bucket.tryTake()
    expect(bucket.availableTokens()).toBe(1)
    clock.advance(50)
    expect(bucket.availableTokens()).toBeCloseTo(1.5)
    clock.advance(10_000)
    expect(bucket.availableTokens()).toBe(3)
  })

  it('ignores a clock that goes backwards', () => {
    const clock = manualClock()
    const bucket = new TokenBucket({ ratePerSecond: 100, burst: 1, now: clock.now })
    bucket.tryTake()
    clock.advance(-5_000)
    expect(bucket.tryTake()).toBe(false)
    // Time counts again from the earlier reading; no negative debt was run up.
    clock.advance(10)
    expect(bucket.tryTake()).toBe(true)
  })

  it('take() resolves at once while tokens remain', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2, now: manualClock().now })
    await expect(bucket.take()).resolves.toBeUndefined()
    await expect(bucket.take()).resolves.toBeUndefined()
    expect(bucket.tryTake()).toBe(false)
  })

  it('take() with an already-aborted signal rejects with its reason and keeps the token', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1, now: manualClock().now })
    const reason = new Error('caller gave up')
    await expect(bucket.take(AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(bucket.tryTake()).toBe(true)
  })
})

describe('TokenBucket (waiting, fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Injected clock reading the fake time, so timers and tokens move together. */
  const fakeNow = () => Date.now()

  it('take() waits exactly until the next token', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now: fakeNow })
    await bucket.take()
    const second = track(bucket.take())
    await vi.advanceTimersByTimeAsync(99)
    expect(second.settled).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(second.settled).toBe('resolved')
  })

  it('serves waiters first come, first served, one per token', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now: fakeNow })
    bucket.tryTake()
    const order: string[] = []
    const waits = ['a', 'b', 'c'].map((name) => bucket.take().then(() => order.push(name)))
    await vi.advanceTimersByTimeAsync(100)
    expect(order).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(100)
    expect(order).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(100)
    await Promise.all(waits)
    expect(order).toEqual(['a', 'b', 'c'])
  })

  it('tryTake() does not jump the queue when a token arrives before the waiter is served', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now: fakeNow })
    bucket.tryTake()
    const waiter = track(bucket.take())
    vi.setSystemTime(Date.now() + 500) // tokens refill, the waiter's timer has not fired yet
    expect(bucket.tryTake()).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    expect(waiter.settled).toBe('resolved')
  })

  it('an aborted waiter rejects with the signal’s reason and leaves the queue', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1, now: fakeNow })
    bucket.tryTake()
    const controller = new AbortController()
    const first = track(bucket.take(controller.signal))
    const second = track(bucket.take())
    const reason = new Error('closed')
    controller.abort(reason)
    await vi.advanceTimersByTimeAsync(0)
    expect(first).toEqual({ settled: 'rejected', reason })
    await vi.advanceTimersByTimeAsync(100)
    expect(second.settled).toBe('resolved')
    expect(bucket.tryTake()).toBe(false) // the aborted waiter took no token
  })
})

describe('sharedTokenBucket', () => {
  it('gives every client of one credential the same bucket', () => {
    const limit = { ratePerSecond: 5, burst: 2 }
    const a = sharedTokenBucket('https://x.test|token-shared-1', limit)
    expect(sharedTokenBucket('https://x.test|token-shared-1', { ...limit })).toBe(a)
    expect(a.ratePerSecond).toBe(5)
    expect(a.burst).toBe(2)
  })

  it('keeps credentials and limits apart', () => {
    const limit = { ratePerSecond: 5, burst: 2 }
    const a = sharedTokenBucket('https://x.test|token-shared-2', limit)
    expect(sharedTokenBucket('https://x.test|token-shared-3', limit)).not.toBe(a)
    expect(
      sharedTokenBucket('https://x.test|token-shared-2', { ratePerSecond: 5, burst: 3 })
    ).not.toBe(a)
  })
})
