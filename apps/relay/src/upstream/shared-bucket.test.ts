// The guard's bucket when instances share one budget: tokens are reserved from the shared budget
// and waited for here; while it does not answer, this instance keeps to its own share.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import { localShare, PREPAID_GRACE_MS, SharedPacedBucket } from './shared-bucket.ts'
import type {
  Reservation,
  ReservationRequest,
  SharedBudgetBackend,
  SharedBudgetMode,
} from './shared-budget.ts'

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

const WHOLE = { ratePerSecond: 75, burst: 15 }

/** A shared budget that answers what the test says, and remembers what it was asked. */
function scriptedBackend() {
  const asked: ReservationRequest[] = []
  const backend = {
    up: true,
    answer: { granted: true, waitMs: 0, tokensLeft: 10 } as Reservation,
    asked,
    mode: (): SharedBudgetMode => (backend.up ? 'shared' : 'local'),
    reserve(request: ReservationRequest): Promise<Reservation> {
      asked.push(request)
      if (!backend.up) return Promise.reject(new Error('connect ECONNREFUSED'))
      return Promise.resolve(backend.answer)
    },
  }
  return backend satisfies SharedBudgetBackend
}

function bucketWith(backend: SharedBudgetBackend, instances = 3, now = () => Date.now()) {
  return new SharedPacedBucket({
    local: {
      ...localShare(WHOLE, instances),
      now,
      reserve: { idle: 1, whileReading: 3, readingWindowMs: 1_000, readingRatePerSecond: 5 },
    },
    shared: WHOLE,
    sharedReserve: { idle: 3, whileReading: 9, readingWindowMs: 1_000, readingRatePerSecond: 5 },
    key: 'credential',
    backend,
    maxWaitMs: 4_500,
  })
}

describe('SharedPacedBucket', () => {
  it('waits as long as the shared reservation says, and asks for one token within the admission time', async () => {
    const backend = scriptedBackend()
    backend.answer = { granted: true, waitMs: 40, tokensLeft: -2 }
    const bucket = bucketWith(backend)
    let taken = false
    const take = bucket.take().then(() => (taken = true))
    await vi.advanceTimersByTimeAsync(0)
    // Two owed, refilled at the shared rate: 3 tokens short of the next one, 40 ms at 75/s.
    expect(bucket.expectedWaitMs()).toBeCloseTo(40, 0)
    await vi.advanceTimersByTimeAsync(39)
    expect(taken).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await take
    expect(taken).toBe(true)
    expect(backend.asked).toEqual([
      { key: 'credential', rate: WHOLE, maxWaitMs: 4_500, keepTokens: 0 },
    ])
  })

  it('sheds a read whose shared token would come too late, as rate_limited with Retry-After', async () => {
    const backend = scriptedBackend()
    backend.answer = { granted: false, waitMs: 6_200, tokensLeft: -460 }
    const error = await bucketWith(backend)
      .take()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RelayError)
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: 7 })
  })

  it('keeps to its own share (the budget divided by the instances) while the shared budget does not answer', async () => {
    const backend = scriptedBackend()
    backend.up = false
    const bucket = bucketWith(backend, 3)
    // 75/s and a burst of 15 over 3 instances: 25/s and 5 at once.
    for (let i = 0; i < 5; i += 1) await bucket.take()
    let sixth = false
    const take = bucket.take().then(() => (sixth = true))
    await vi.advanceTimersByTimeAsync(39)
    expect(sixth).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await take
    expect(backend.asked).toEqual([])
    // Back: the next token is reserved from the shared budget again.
    backend.up = true
    await bucket.take()
    expect(backend.asked).toHaveLength(1)
  })

  it('falls back for the read in hand when a reservation fails', async () => {
    const backend = scriptedBackend()
    const bucket = bucketWith(backend)
    backend.reserve = (request) => {
      backend.asked.push(request)
      backend.up = false
      return Promise.reject(new Error('Command timed out'))
    }
    await bucket.take()
    expect(backend.asked).toHaveLength(1)
    expect(bucket.availableTokens()).toBe(4)
  })

  it('asks for write-back’s token free now, leaving the readers’ reserve in the shared bucket', async () => {
    const backend = scriptedBackend()
    const bucket = bucketWith(backend)
    expect(await bucket.takeSpare()).toBe(true)
    // The shared bucket's reserve (3 of its 15), not this instance's share's (1 of 5).
    expect(backend.asked.at(-1)).toMatchObject({ maxWaitMs: 0, keepTokens: 3 })
    await bucket.take()
    backend.answer = { granted: false, waitMs: 0, tokensLeft: 2 }
    expect(await bucket.takeSpare()).toBe(false)
    // A reader came within the second: the larger reserve.
    expect(backend.asked.at(-1)).toMatchObject({ maxWaitMs: 0, keepTokens: 9 })
  })

  it('keeps write-back to its pace while this instance’s readers are active, asking the shared budget only within it', async () => {
    const clock = { ms: 1_000_000 }
    const backend = scriptedBackend()
    const bucket = bucketWith(backend, 3, () => clock.ms)
    await bucket.take()
    expect(await bucket.takeSpare()).toBe(true)
    const asked = backend.asked.length
    expect(await bucket.takeSpare()).toBe(false)
    expect(backend.asked.length).toBe(asked)
    clock.ms += 199
    expect(await bucket.takeSpare()).toBe(false)
    clock.ms += 1
    expect(await bucket.takeSpare()).toBe(true)
    expect(backend.asked.length).toBe(asked + 1)
    // Two takes while the shared budget answers the first: the pace lets one through.
    clock.ms += 200
    expect(await Promise.all([bucket.takeSpare(), bucket.takeSpare()])).toEqual([true, false])
  })
})

describe('SharedPacedBucket when one reservation fails but the backend is still up', () => {
  it('sheds the read rather than take a local token too (the shared one may be spent)', async () => {
    const backend = scriptedBackend()
    backend.reserve = (request) => {
      backend.asked.push(request)
      return Promise.reject(new Error('Command timed out'))
    }
    const bucket = bucketWith(backend)
    const error = await bucket.take().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'rate_limited', retryAfter: 1 })
    expect(await bucket.takeSpare()).toBe(false)
    expect(bucket.availableTokens()).toBe(5)
  })

  it('reserves nothing for a read already given up', async () => {
    const backend = scriptedBackend()
    const gone = new AbortController()
    gone.abort(new Error('the agent went away'))
    await expect(bucketWith(backend).take(gone.signal)).rejects.toThrow('the agent went away')
    expect(backend.asked).toEqual([])
  })
})

describe('SharedPacedBucket admitting a request’s reads together', () => {
  /** A group and the request signals of its two reads, as upstream.ts hands them over. */
  function groupOfTwo(bucket: SharedPacedBucket) {
    const group = {}
    const reads = [new AbortController().signal, new AbortController().signal]
    return {
      group,
      reads,
      assign: () => reads.forEach((signal) => bucket.assignGroupToken(group, signal)),
    }
  }

  it('reserves all of a group’s tokens in one reservation, and its reads spend them without asking again', async () => {
    const backend = scriptedBackend()
    // The last of the two comes in 40 ms: the first one interval (13.3 ms at 75/s) before it.
    backend.answer = { granted: true, waitMs: 40, tokensLeft: -3 }
    const bucket = bucketWith(backend)
    const { group, reads, assign } = groupOfTwo(bucket)
    expect(await bucket.admit(2, 4_500, group)).toBe('admitted')
    expect(backend.asked).toEqual([
      { key: 'credential', rate: WHOLE, maxWaitMs: 4_500, keepTokens: 0, tokens: 2 },
    ])
    assign()
    const taken: number[] = []
    const [first, second] = reads.map((read) =>
      bucket.take(undefined, read).then(() => taken.push(Date.now()))
    )
    await vi.advanceTimersByTimeAsync(50)
    await Promise.all([first, second])
    // 40 - 13.3 = 26.7 ms: the timer's whole milliseconds round it either way.
    expect(taken[0]).toBeGreaterThanOrEqual(26)
    expect(taken[0]).toBeLessThanOrEqual(27)
    expect(taken[1]).toBe(40)
    expect(backend.asked).toHaveLength(1)
  })

  it('keeps a group’s tokens for its own reads: another reader taking meanwhile reserves its own', async () => {
    const backend = scriptedBackend()
    const bucket = bucketWith(backend)
    const { group, reads, assign } = groupOfTwo(bucket)
    expect(await bucket.admit(2, 4_500, group)).toBe('admitted')
    await bucket.take(undefined, new AbortController().signal) // someone else's read
    assign()
    for (const read of reads) await bucket.take(undefined, read)
    expect(backend.asked.map((a) => a.tokens)).toEqual([2, undefined])
  })

  it('sheds the whole group when its last token would come too late, and reserves none of them', async () => {
    const backend = scriptedBackend()
    backend.answer = { granted: false, waitMs: 4_510, tokensLeft: -330 }
    const bucket = bucketWith(backend)
    const { group, reads, assign } = groupOfTwo(bucket)
    const decision = await bucket.admit(2, 4_500, group)
    expect(decision).toBeInstanceOf(RelayError)
    expect(decision).toMatchObject({ code: 'rate_limited', retryAfter: 5 })
    // Nothing held for it: a read of it that came anyway reserves its own token.
    backend.answer = { granted: true, waitMs: 0, tokensLeft: 3 }
    assign()
    await bucket.take(undefined, reads[0])
    expect(backend.asked.map((a) => a.tokens)).toEqual([2, undefined])
  })

  it('drops a group’s token not spent within its grace, rather than bunch it with later ones', async () => {
    const backend = scriptedBackend()
    backend.answer = { granted: true, waitMs: 0, tokensLeft: 5 }
    const bucket = bucketWith(backend)
    const { group, reads, assign } = groupOfTwo(bucket)
    expect(await bucket.admit(2, 4_500, group)).toBe('admitted')
    assign()
    await bucket.take(undefined, reads[0])
    await vi.advanceTimersByTimeAsync(PREPAID_GRACE_MS + 1)
    await bucket.take(undefined, reads[1])
    expect(backend.asked.map((a) => a.tokens)).toEqual([2, undefined])
  })

  it('decides a single read, a read without a group, or any read while the shared budget is away, without a group reservation', async () => {
    const backend = scriptedBackend()
    const bucket = bucketWith(backend)
    expect(await bucket.admit(1, 4_500, {})).toBe('admitted')
    expect(await bucket.admit(2, 4_500)).toBe('admitted')
    backend.up = false
    expect(await bucket.admit(2, 4_500, {})).toBe('admitted')
    expect(backend.asked).toEqual([])
  })

  it('sheds a group whose reservation failed while the backend is still up', async () => {
    const backend = scriptedBackend()
    backend.reserve = (request) => {
      backend.asked.push(request)
      return Promise.reject(new Error('Command timed out'))
    }
    const decision = await bucketWith(backend).admit(2, 4_500, {})
    expect(decision).toMatchObject({ code: 'rate_limited', retryAfter: 1 })
  })
})

describe('localShare', () => {
  it('divides the rate and the burst by the instances, keeping a burst of at least 1', () => {
    expect(localShare(WHOLE, 3)).toEqual({ ratePerSecond: 25, burst: 5 })
    expect(localShare(WHOLE, 20)).toEqual({ ratePerSecond: 3.75, burst: 1 })
  })
})
