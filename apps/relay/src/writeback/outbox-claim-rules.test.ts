import { describe, expect, it } from 'vitest'

import { leadingRuns } from './outbox-claim-rules.ts'

const row = (message_id: string, order_key: string, tenant_id = 'acme') => ({
  tenant_id,
  message_id,
  order_key,
})
const ids = (rows: readonly { message_id: string }[]) => rows.map((r) => r.message_id)
const leased = (...messageIds: string[]) => new Set(messageIds.map((id) => `acme\u0000${id}`))

describe('leadingRuns', () => {
  const chosen = [row('a1', 'a'), row('b1', 'b'), row('a2', 'a'), row('a3', 'a'), row('b2', 'b')]

  it('keeps everything this claim leased when it leased all it chose', () => {
    const all = leased('a1', 'b1', 'a2', 'a3', 'b2')
    expect(ids(leadingRuns(chosen, all).kept)).toEqual(['a1', 'b1', 'a2', 'a3', 'b2'])
    expect(leadingRuns(chosen, all).giveBack).toEqual([])
  })

  it('gives back a customer’s later messages when an earlier one was leased elsewhere meanwhile', () => {
    // Another instance took a2 between this claim's SELECT and its UPDATE: a3 must not go out now.
    const { kept, giveBack } = leadingRuns(chosen, leased('a1', 'b1', 'a3', 'b2'))
    expect(ids(kept)).toEqual(['a1', 'b1', 'b2'])
    expect(ids(giveBack)).toEqual(['a3'])
  })

  it('keeps nothing of a customer whose first chosen message is held elsewhere', () => {
    const { kept, giveBack } = leadingRuns(chosen, leased('b1', 'a2', 'a3', 'b2'))
    expect(ids(kept)).toEqual(['b1', 'b2'])
    expect(ids(giveBack)).toEqual(['a2', 'a3'])
  })

  it('tells customers of different tenants apart', () => {
    const two = [row('a1', 'a'), row('g1', 'a', 'globex'), row('a2', 'a')]
    const { kept } = leadingRuns(two, new Set(['acme\u0000a1', 'acme\u0000a2']))
    expect(ids(kept)).toEqual(['a1', 'a2'])
  })
})
