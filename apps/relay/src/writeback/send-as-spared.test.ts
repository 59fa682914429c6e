import { describe, expect, it } from 'vitest'

import type { SpareBudget } from '../upstream/types.ts'
import { MAX_REFILL_WAIT_MS, MAX_SENDING_MS, sendAsSpared } from './send-as-spared.ts'
import type { WritebackTimers } from './writeback-timers.ts'

/**
 * A budget with `spare` tokens; a wait for the refill (timers.setTimeout) adds `refillPerWait`
 * of them, then wakes the waiter on the next turn. The clock is the waits' sum.
 */
function fakeBudget({
  spare,
  refillPerWait = 1,
  msUntilSpare = 13,
  readersActive = false,
  refuseTakes = 0,
}: {
  spare: number
  refillPerWait?: number
  msUntilSpare?: number
  readersActive?: boolean
  /** The first takes refused though the bucket shows a token (another instance took it). */
  refuseTakes?: number
}) {
  const state = {
    spare,
    taken: 0,
    refused: 0,
    waits: [] as number[],
    cleared: 0,
    /** Time passed other than waiting (a batch's identity lookups, say). */
    elsewhereMs: 0,
  }
  const pending: (() => void)[] = []
  const budget: SpareBudget = {
    tryTake: () => {
      if (state.spare === 0 || state.refused < refuseTakes) {
        state.refused += 1
        return Promise.resolve(false)
      }
      state.spare -= 1
      state.taken += 1
      return Promise.resolve(true)
    },
    hasSpare: () => state.spare > 0,
    spareTokens: () => state.spare,
    msUntilSpare: () => (state.spare > 0 ? 0 : msUntilSpare),
    readersActive: () => readersActive,
  }
  const timers: WritebackTimers = {
    now: () => state.waits.reduce((sum, ms) => sum + ms, state.elsewhereMs),
    setTimeout: (run, ms) => {
      state.waits.push(ms)
      pending.push(run)
      setImmediate(() => {
        if (!pending.includes(run)) return
        pending.splice(pending.indexOf(run), 1)
        state.spare += refillPerWait
        run()
      })
      return run
    },
    clearTimeout: (handle) => {
      const index = pending.indexOf(handle as () => void)
      if (index >= 0) {
        pending.splice(index, 1)
        state.cleared += 1
      }
    },
  }
  /** sendAsSpared on this budget, never stopped. */
  const send = <R>(
    batches: readonly string[],
    start: (batch: string, itsBudget: SpareBudget) => Promise<R>,
    atOnce = 12
  ) =>
    sendAsSpared(batches, start, { budget, atOnce, timers, signal: new AbortController().signal })
  return { budget, timers, state, send }
}

/** Each batch takes its token as deliver-tenant.ts does, a few turns after it starts. */
const takeTokenLater = async (batch: string, budget: SpareBudget) => {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve))
  return (await budget.tryTake()) ? batch : `${batch} refused`
}

describe('sendAsSpared', () => {
  it('starts what the budget spares at once, then the rest as the refill spares tokens', async () => {
    const { timers, state, send } = fakeBudget({ spare: 2 })
    const started: string[] = []
    const { sending, rest } = await send(['b1', 'b2', 'b3', 'b4', 'b5'], (batch, itsBudget) => {
      started.push(`${batch}@${timers.now()}`)
      return takeTokenLater(batch, itsBudget)
    })
    expect(rest).toEqual([])
    expect(await Promise.all(sending)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5'])
    // Two at once, then one per refill (13 ms each).
    expect(started).toEqual(['b1@0', 'b2@0', 'b3@13', 'b4@26', 'b5@39'])
    expect(state).toMatchObject({ taken: 5, refused: 0 })
  })

  it('counts a started batch’s token as gone before sparing another, though the bucket shows it yet', async () => {
    // One spare, and every batch takes its token a few turns after it starts: were they started
    // on what the bucket shows, all three would start on the one token and two be refused.
    const { state, send } = fakeBudget({ spare: 1 })
    const { sending } = await send(['b1', 'b2', 'b3'], takeTokenLater)
    expect(await Promise.all(sending)).toEqual(['b1', 'b2', 'b3'])
    expect(state).toMatchObject({ taken: 3, refused: 0 })
  })

  it('waits for nothing while readers are active: what is not spare now is left', async () => {
    const { state, send } = fakeBudget({ spare: 1, readersActive: true })
    const { sending, rest } = await send(['b1', 'b2', 'b3'], takeTokenLater)
    expect(await Promise.all(sending)).toEqual(['b1'])
    expect(rest).toEqual(['b2', 'b3'])
    expect(state.waits).toEqual([])
  })

  it('leaves the rest after a wait that brought no token (someone else took it)', async () => {
    const { state, send } = fakeBudget({ spare: 1, refillPerWait: 0 })
    const { sending, rest } = await send(['b1', 'b2', 'b3'], takeTokenLater)
    expect(await Promise.all(sending)).toEqual(['b1'])
    expect(rest).toEqual(['b2', 'b3'])
    expect(state.waits).toEqual([13])
  })

  it(`does not wait for a budget that is short: a token more than ${MAX_REFILL_WAIT_MS} ms off`, async () => {
    const { state, send } = fakeBudget({
      spare: 0,
      msUntilSpare: MAX_REFILL_WAIT_MS + 1,
    })
    const { sending, rest } = await send(['b1', 'b2'], takeTokenLater)
    expect(sending).toEqual([])
    expect(rest).toEqual(['b1', 'b2'])
    expect(state.waits).toEqual([])
  })

  it('stops at once when the relay stops during a wait, leaving the rest', async () => {
    const { budget, timers, state } = fakeBudget({ spare: 1 })
    const stopping = new AbortController()
    // The refill never comes: only the stop can end the wait.
    const refillNever: WritebackTimers = {
      ...timers,
      setTimeout: (run, ms) => {
        state.waits.push(ms)
        return run
      },
    }
    const started: string[] = []
    const sendingAll = sendAsSpared(
      ['b1', 'b2', 'b3'],
      (batch, itsBudget) => {
        started.push(batch)
        return takeTokenLater(batch, itsBudget)
      },
      { budget, atOnce: 12, timers: refillNever, signal: stopping.signal }
    )
    await expect.poll(() => state.waits).toEqual([13])
    stopping.abort()
    const { sending, rest } = await sendingAll
    expect(await Promise.all(sending)).toEqual(['b1'])
    expect(rest).toEqual(['b2', 'b3'])
    expect(started).toEqual(['b1'])
  })

  it('starts no more once a batch is refused its token (another instance took it): the rest waits', async () => {
    const { state, send } = fakeBudget({ spare: 3, refuseTakes: 1 })
    const { sending, rest } = await send(['b1', 'b2', 'b3'], takeTokenLater, 1)
    expect(await Promise.all(sending)).toEqual(['b1 refused'])
    expect(rest).toEqual(['b2', 'b3'])
    expect(state).toMatchObject({ taken: 0, refused: 1 })
  })

  it('starts no more once a batch found no token spare when it started (it gave its messages back)', async () => {
    const { state, send } = fakeBudget({ spare: 3 })
    const { sending, rest } = await send(
      ['b1', 'b2', 'b3'],
      (batch, itsBudget) => {
        // Readers took every token between the count and the batch's start.
        state.spare = 0
        return Promise.resolve(itsBudget.hasSpare() ? batch : `${batch} given back`)
      },
      1
    )
    expect(await Promise.all(sending)).toEqual(['b1 given back'])
    expect(rest).toEqual(['b2', 'b3'])
    expect(state.waits).toEqual([])
  })

  it('starts at most `atOnce` batches at a time, however many the bucket spares', async () => {
    const { state, send } = fakeBudget({ spare: 5 })
    let waitingForToken = 0
    let most = 0
    const { sending, rest } = await send(
      ['b1', 'b2', 'b3', 'b4', 'b5'],
      async (batch, itsBudget) => {
        waitingForToken += 1
        most = Math.max(most, waitingForToken)
        const sent = await takeTokenLater(batch, itsBudget)
        waitingForToken -= 1
        return sent
      },
      2
    )
    expect(await Promise.all(sending)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5'])
    expect(rest).toEqual([])
    expect(most).toBe(2)
    expect(state).toMatchObject({ taken: 5, refused: 0 })
  })

  it(`starts nothing more than ${MAX_SENDING_MS} ms after the first batch: the rest waits, its lease running`, async () => {
    const { state, send } = fakeBudget({ spare: 4 })
    // Each batch's identity lookups take 600 ms before it takes its token.
    const slowLookups = async (batch: string, itsBudget: SpareBudget) => {
      state.elsewhereMs += 600
      return takeTokenLater(batch, itsBudget)
    }
    const { sending, rest } = await send(['b1', 'b2', 'b3', 'b4'], slowLookups, 1)
    expect(await Promise.all(sending)).toEqual(['b1', 'b2'])
    expect(rest).toEqual(['b3', 'b4'])
  })

  it('stops when the relay stops while a started batch is still on its way to its token', async () => {
    const { budget, timers } = fakeBudget({ spare: 2 })
    const stopping = new AbortController()
    // The batch gives up when stopped, never having taken a token (as deliver-tenant.ts does).
    const untilStopped = (batch: string) =>
      new Promise<string>((resolve) => {
        stopping.signal.addEventListener('abort', () => resolve(`${batch} given back`))
      })
    const sendingAll = sendAsSpared(['b1', 'b2'], untilStopped, {
      budget,
      atOnce: 1,
      timers,
      signal: stopping.signal,
    })
    stopping.abort()
    const { sending, rest } = await sendingAll
    expect(await Promise.all(sending)).toEqual(['b1 given back'])
    expect(rest).toEqual(['b2'])
  })
})
