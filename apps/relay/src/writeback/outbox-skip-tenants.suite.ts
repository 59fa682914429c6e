/**
 * The outbox's claim told to skip tenants (the worker already holds all their budget spares), or
 * to take only one (a worker per tenant), on every dialect and through the outbox thread.
 */
import { describe, expect, it } from 'vitest'

import { acme, globex, type UseContext } from '../store/suite/context.ts'
import { message } from './testing/outbox-message.ts'

const CLAIM = { limit: 100, maxBytes: 400_000, leaseMs: 30_000 }

export function registerSkipTenantsTests(use: UseContext): void {
  describe('write-back outbox, tenants skipped', () => {
    it('claims nothing of a skipped tenant, and claims it again once it is not skipped', async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ writeback: { enabled: true } }))
      await store.tenants.upsert(globex({ writeback: { enabled: true } }))
      await store.outbox.enqueue('acme', [message('a1', 'joe'), message('a2', 'sam')])
      await store.outbox.enqueue('globex', [message('g1', 'joe')])
      const others = await store.outbox.claimDue({ ...CLAIM, skipTenants: ['acme'] })
      expect(others.map((m) => `${m.tenantId} ${m.messageId}`)).toEqual(['globex g1'])
      const theirs = await store.outbox.claimDue(CLAIM)
      expect(theirs.map((m) => `${m.tenantId} ${m.messageId}`)).toEqual(['acme a1', 'acme a2'])
    })

    it('claims and picks ahead only the tenant its worker delivers for', async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ writeback: { enabled: true } }))
      await store.tenants.upsert(globex({ writeback: { enabled: true } }))
      await store.outbox.enqueue('globex', [message('g1', 'joe'), message('g2', 'kim')])
      await store.outbox.enqueue('acme', [message('a1', 'joe'), message('a2', 'sam')])
      const first = await store.outbox.claimDue({ ...CLAIM, limit: 1, onlyTenant: 'acme' })
      expect(first.map((m) => `${m.tenantId} ${m.messageId}`)).toEqual(['acme a1'])
      const ahead = await store.outbox.pickAhead({ ...CLAIM, onlyTenant: 'acme' }, first)
      expect(ahead.rows.map((row) => `${row.tenant_id} ${row.message_id}`)).toEqual(['acme a2'])
      const theirs = await store.outbox.claimDue({ ...CLAIM, onlyTenant: 'globex' })
      expect(theirs.map((m) => `${m.tenantId} ${m.messageId}`)).toEqual(['globex g1', 'globex g2'])
    })
  })
}
