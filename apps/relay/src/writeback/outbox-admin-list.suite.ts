/**
 * `relay outbox list` on every dialect: a tenant's newest messages first, whatever their state, at
 * most the limit, no other tenant's.
 */
import { describe, expect, it } from 'vitest'

import { acme, globex, type UseContext } from '../store/suite/context.ts'
import { CLAIM, keys, message } from './testing/outbox-message.ts'

export function registerAdminListTests(use: UseContext): void {
  describe('write-back outbox, listed', () => {
    it("lists a tenant's newest messages first across states, up to the limit", async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ writeback: { enabled: true } }))
      await store.tenants.upsert(globex({ writeback: { enabled: true } }))
      await store.outbox.enqueue(
        'acme',
        ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'].map((id, i) => message(id, `customer-${i}`))
      )
      await store.outbox.enqueue('globex', [message('g0')])
      await store.outbox.claimDue({ ...CLAIM, onlyTenant: 'acme' })
      await store.outbox.markDelivered(keys('acme', 'm1', 'm4'))
      await store.outbox.markDead(keys('acme', 'm2'), 'HTTP 400')
      await store.outbox.release(keys('acme', 'm0', 'm3', 'm5'), 0)
      const listed = async (limit: number, state?: 'delivered') =>
        (await store.outboxAdmin.list({ tenantId: 'acme', state, limit })).map(
          (m) => `${m.messageId} ${m.state}`
        )

      expect(await listed(4)).toEqual(['m5 pending', 'm4 delivered', 'm3 pending', 'm2 dead'])
      expect(await listed(10)).toEqual([
        'm5 pending',
        'm4 delivered',
        'm3 pending',
        'm2 dead',
        'm1 delivered',
        'm0 pending',
      ])
      expect(await listed(10, 'delivered')).toEqual(['m4 delivered', 'm1 delivered'])
      expect(await listed(1, 'delivered')).toEqual(['m4 delivered'])
    })
  })
}
