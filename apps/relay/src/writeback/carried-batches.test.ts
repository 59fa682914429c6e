import { describe, expect, it } from 'vitest'

import type { SpareBudget } from '../upstream/types.ts'
import { createCarriedBatches, maxCarryMs } from './carried-batches.ts'
import type { ClaimedMessage } from './outbox-claim.ts'

const claimed = (messageId: string, tenantId = 'acme') =>
  ({ tenantId, messageId, orderKey: messageId.slice(0, 1) }) as ClaimedMessage

const budgetSparing = (tokens: number) => ({ spareTokens: () => tokens }) as SpareBudget

describe('carried batches', () => {
  it('gives back what has waited as long as its lease allows, and keeps the rest by tenant', () => {
    const carried = createCarriedBatches(maxCarryMs(60_000, 10_000))
    const leasedAt = new Map([
      ['a1', 0],
      ['b1', 5_000],
      ['g1', 0],
    ])
    const at = (m: ClaimedMessage) => leasedAt.get(m.messageId) ?? 0
    carried.put('acme', budgetSparing(0), 2, [claimed('a1'), claimed('b1')], at)
    carried.put('globex', budgetSparing(1), 1, [claimed('g1', 'globex')], at)
    const out = carried.takeAll(20_000)
    expect(out.expired.map((m) => m.messageId)).toEqual(['a1', 'g1'])
    expect([...out.byTenant].map(([t, kept]) => [t, kept.map((k) => k.message.messageId)])).toEqual(
      [['acme', ['b1']]]
    )
    // acme's budget spares nothing for its batches; globex had nothing left to wait.
    expect([...out.withoutBudget]).toEqual(['acme'])
    expect(carried.takeAll(20_000).byTenant.size).toBe(0)
  })

  it('skips a tenant only while its budget spares no more than the batches that wait', () => {
    const carried = createCarriedBatches(20_000)
    carried.put('acme', budgetSparing(2), 2, [claimed('a1'), claimed('b1')], () => 0)
    expect([...carried.takeAll(0).withoutBudget]).toEqual(['acme'])
    carried.put('acme', budgetSparing(3), 2, [claimed('a1'), claimed('b1')], () => 0)
    expect([...carried.takeAll(0).withoutBudget]).toEqual([])
  })

  it('takes back what it handed out, ahead of what was put since, expired ones left out', () => {
    const carried = createCarriedBatches(20_000)
    const at = (m: ClaimedMessage) => (m.messageId === 'a1' ? 0 : 15_000)
    carried.put('acme', budgetSparing(5), 2, [claimed('a1'), claimed('b1')], at)
    const out = carried.takeAll(20_000)
    carried.put('acme', budgetSparing(5), 1, [claimed('c1')], () => 20_000)
    out.putBack()
    const again = carried.takeAll(20_000)
    expect(again.byTenant.get('acme')?.map((k) => k.message.messageId)).toEqual(['b1', 'c1'])
    // Both batches counted: a budget sparing 3 no longer covers them.
    carried.put('acme', budgetSparing(3), 2, [claimed('d1'), claimed('e1')], () => 20_000)
    carried.takeAll(20_000).putBack()
    carried.put('acme', budgetSparing(3), 1, [claimed('f1')], () => 20_000)
    expect([...carried.takeAll(20_000).withoutBudget]).toEqual(['acme'])
  })

  it('waits no longer than half the lease less the send timeout', () => {
    expect(maxCarryMs(60_000, 10_000)).toBe(20_000)
    expect(maxCarryMs(60_000, 30_000)).toBe(0)
  })
})
