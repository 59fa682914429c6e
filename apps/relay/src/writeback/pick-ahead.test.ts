import { describe, expect, it } from 'vitest'

import type { LeasedAhead, PickedAhead, PickedRow, PickOptions } from './outbox-store.ts'
import { createPickAhead, type Ahead } from './pick-ahead.ts'

const row = (messageId: string, customer: string, payloadBytes = 10): PickedRow => ({
  tenant_id: 'acme',
  message_id: messageId,
  order_key: customer,
  event: 'Ticket Solved',
  source: 'zendesk',
  attempts: 0,
  payloadBytes,
  payload: 'unreadable',
})

const OPTIONS: PickOptions = {
  limit: 4,
  maxBytes: 1_000,
  perCustomer: { limit: 2, maxBytes: 500 },
}

/**
 * A store whose pick answers what the test says, when the test says; its lease takes every row
 * picked, at `leaseAt`, and what is given back is noted.
 */
function outboxPicking(answer: () => Promise<PickedAhead>, leaseAt = 0) {
  const calls: PickOptions[] = []
  const leases: PickedAhead[] = []
  const givenBack: string[][] = []
  return {
    calls,
    leases,
    givenBack,
    outbox: {
      pickAhead: (options: PickOptions) => {
        calls.push(options)
        return answer()
      },
      leaseAhead: (ahead: PickedAhead, leaseMs: number): Promise<LeasedAhead> => {
        leases.push(ahead)
        return Promise.resolve({ ...ahead, at: leaseAt, leaseMs })
      },
      // Done a turn of the event loop later, as a database's would be.
      releaseAhead: (_leased: LeasedAhead, rows: readonly PickedRow[]) =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            givenBack.push(rows.map((r) => r.message_id))
            resolve()
          })
        ),
    },
  }
}

const picked = (at: number, rows: PickedRow[]): PickedAhead => ({ at, rows, inFlight: [] })
const ids = (ahead: Ahead | undefined) =>
  (ahead?.kind === 'leased' ? ahead.leased : ahead?.picked)?.rows.map((r) => r.message_id)

describe('the pick made ahead', () => {
  it('gives its rows to the next claim once, picked with the inFlight claim counted as delivered', async () => {
    const { outbox } = outboxPicking(() =>
      Promise.resolve(picked(1_000, [row('a2', 'a'), row('b2', 'b')]))
    )
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000 })
    ahead.start(OPTIONS, [])
    expect(ids(await ahead.take(OPTIONS, 1_500))).toEqual(['a2', 'b2'])
    expect(await ahead.take(OPTIONS, 1_500)).toBeUndefined()
  })

  it('cuts the rows to a smaller claim, oldest first, within its messages and bytes', async () => {
    const rows = [row('a2', 'a', 100), row('b2', 'b', 100), row('a3', 'a', 300), row('c2', 'c')]
    const { outbox } = outboxPicking(() => Promise.resolve(picked(0, rows)))
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000 })
    ahead.start(OPTIONS, [])
    expect(ids(await ahead.take({ ...OPTIONS, limit: 2 }, 0))).toEqual(['a2', 'b2'])
    ahead.start(OPTIONS, [])
    expect(ids(await ahead.take({ ...OPTIONS, maxBytes: 450 }, 0))).toEqual(['a2', 'b2'])
  })

  it('is not used when older than maxAgeMs, empty, dropped, or picked with another share per customer', async () => {
    const { outbox } = outboxPicking(() => Promise.resolve(picked(0, [row('a2', 'a')])))
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000 })
    ahead.start(OPTIONS, [])
    expect(await ahead.take(OPTIONS, 1_001)).toBeUndefined()
    ahead.start(OPTIONS, [])
    await ahead.drop()
    expect(await ahead.take(OPTIONS, 0)).toBeUndefined()
    ahead.start(OPTIONS, [])
    const otherShare = { ...OPTIONS, perCustomer: { limit: 1, maxBytes: 500 } }
    expect(await ahead.take(otherShare, 0)).toBeUndefined()
    const empty = createPickAhead(outboxPicking(() => Promise.resolve(picked(0, []))).outbox, {
      maxAgeMs: 1_000,
    })
    empty.start(OPTIONS, [])
    expect(await empty.take(OPTIONS, 0)).toBeUndefined()
  })

  it('leases the pick once asked, and gives the next claim the rows it leased', async () => {
    const rows = [row('a2', 'a'), row('b2', 'b')]
    const { outbox, leases } = outboxPicking(() => Promise.resolve(picked(1_000, rows)), 1_200)
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000 })
    ahead.start(OPTIONS, [])
    expect((await ahead.take(OPTIONS, 1_500))?.kind).toBe('picked')
    expect(leases).toEqual([])
    ahead.start(OPTIONS, [])
    ahead.lease(60_000)
    ahead.lease(60_000)
    const taken = await ahead.take(OPTIONS, 1_500)
    expect(taken).toEqual({
      kind: 'leased',
      leased: { at: 1_200, leaseMs: 60_000, rows, inFlight: [] },
    })
    expect(leases).toHaveLength(1)
    // Nothing picked, nothing leased.
    const empty = outboxPicking(() => Promise.resolve(picked(0, [])))
    const none = createPickAhead(empty.outbox, { maxAgeMs: 1_000 })
    none.start(OPTIONS, [])
    none.lease(60_000)
    expect(await none.take(OPTIONS, 0)).toBeUndefined()
    expect(empty.leases).toEqual([])
  })

  it('gives back what it leased when dropped, started over, too old, or beyond a smaller claim', async () => {
    const rows = [row('a2', 'a'), row('b2', 'b'), row('c2', 'c')]
    const { outbox, givenBack } = outboxPicking(() => Promise.resolve(picked(0, rows)))
    // Rows leased ahead age faster than rows only picked: their lease is running.
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000, maxLeasedAgeMs: 100 })
    const leased = () => {
      ahead.start(OPTIONS, [])
      ahead.lease(60_000)
    }
    // Each given back before the call returns: the claim after it finds those rows due.
    leased()
    await ahead.drop()
    expect(givenBack).toEqual([['a2', 'b2', 'c2']])
    leased()
    ahead.start(OPTIONS, [])
    await ahead.idle()
    expect(givenBack).toHaveLength(2)
    ahead.lease(60_000)
    expect(await ahead.take(OPTIONS, 101)).toBeUndefined()
    expect(givenBack).toHaveLength(3)
    leased()
    expect(ids(await ahead.take({ ...OPTIONS, limit: 2 }, 100))).toEqual(['a2', 'b2'])
    expect(givenBack.at(-1)).toEqual(['c2'])
    leased()
    const otherShare = { ...OPTIONS, perCustomer: { limit: 1, maxBytes: 500 } }
    expect(await ahead.take(otherShare, 0)).toBeUndefined()
    expect(givenBack).toHaveLength(5)
    // Only picked, the same age is young enough.
    ahead.start(OPTIONS, [])
    expect(ids(await ahead.take(OPTIONS, 101))).toEqual(['a2', 'b2', 'c2'])
    expect(givenBack).toHaveLength(5)
  })

  it('reports a pick that failed, and the next claim picks afresh', async () => {
    const failure = new Error('SQLITE_BUSY')
    const errors: unknown[] = []
    const { outbox } = outboxPicking(() => Promise.reject(failure))
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000, onError: (e) => errors.push(e) })
    ahead.start(OPTIONS, [])
    expect(await ahead.take(OPTIONS, 0)).toBeUndefined()
    expect(errors).toEqual([failure])
  })

  it('is idle only once every pick started has finished, dropped ones too', async () => {
    let finish: (value: PickedAhead) => void = () => undefined
    const { outbox } = outboxPicking(
      () => new Promise<PickedAhead>((resolve) => (finish = resolve))
    )
    const ahead = createPickAhead(outbox, { maxAgeMs: 1_000 })
    ahead.start(OPTIONS, [])
    await ahead.drop()
    let idle = false
    const waiting = ahead.idle().then(() => (idle = true))
    // Every promise that could settle without the pick has settled by the next turn.
    await new Promise((resolve) => setImmediate(resolve))
    expect(idle).toBe(false)
    finish(picked(0, []))
    await waiting
    expect(idle).toBe(true)
  })
})
