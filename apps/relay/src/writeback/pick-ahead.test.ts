import { describe, expect, it } from 'vitest'

import type { PickedAhead, PickedRow, PickOptions } from './outbox-store.ts'
import { createPickAhead } from './pick-ahead.ts'

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

/** A store whose pick answers what the test says, when the test says. */
function outboxPicking(answer: () => Promise<PickedAhead>) {
  const calls: PickOptions[] = []
  return {
    calls,
    outbox: {
      pickAhead: (options: PickOptions) => {
        calls.push(options)
        return answer()
      },
    },
  }
}

const picked = (at: number, rows: PickedRow[]): PickedAhead => ({ at, rows, inFlight: [] })
const ids = (ahead: PickedAhead | undefined) => ahead?.rows.map((r) => r.message_id)

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
    ahead.drop()
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
    ahead.drop()
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
