/**
 * The outbox's pick made ahead, on every dialect (and through the outbox thread): the next claim's
 * rows picked while one is in flight, and leased only for customers that claim delivered.
 */
import { describe, expect, it } from 'vitest'

import { acme, type UseContext } from '../store/suite/context.ts'
import type { ClaimedMessage } from './outbox-claim.ts'
import { message } from './testing/outbox-message.ts'

const ONE_EACH = {
  limit: 100,
  maxBytes: 400_000,
  leaseMs: 30_000,
  perCustomer: { limit: 1, maxBytes: 400_000 },
}

const ids = (claimed: readonly { messageId: string }[]) => claimed.map((m) => m.messageId)
const keys = (...messageIds: string[]) =>
  messageIds.map((messageId) => ({ tenantId: 'acme', messageId }))
const keysOf = (claimed: readonly ClaimedMessage[]) =>
  claimed.map((m) => ({ tenantId: m.tenantId, messageId: m.messageId }))

export function registerPickAheadTests(use: UseContext): void {
  describe('write-back outbox, picked ahead', () => {
    const withQueues = async (...customers: string[]) => {
      const { store } = use()
      await store.tenants.upsert(acme({ writeback: { enabled: true } }))
      // Each customer's first message, then each one's second: joe-1, sam-1, joe-2, sam-2.
      for (const n of [1, 2])
        await store.outbox.enqueue(
          'acme',
          customers.map((c) => message(`${c}-${n}`, c))
        )
      return store
    }

    it('picks the next claim while one is in flight, counting it as delivered', async () => {
      const store = await withQueues('joe', 'sam')
      const inFlight = await store.outbox.claimDue(ONE_EACH)
      expect(ids(inFlight)).toEqual(['joe-1', 'sam-1'])
      const ahead = await store.outbox.pickAhead(ONE_EACH, inFlight)
      expect(ahead.rows.map((r) => r.message_id)).toEqual(['joe-2', 'sam-2'])
      // Only picked: a claim now still finds both customers in flight.
      expect(await store.outbox.claimDue(ONE_EACH)).toEqual([])
      await store.outbox.markDelivered(keysOf(inFlight))
      const next = await store.outbox.claimDue(ONE_EACH, ahead)
      expect(ids(next)).toEqual(['joe-2', 'sam-2'])
      expect(next[0]?.payload.identity).toEqual({ emails: ['joe@example.com'] })
      expect(await store.outbox.claimDue(ONE_EACH)).toEqual([])
    })

    it('leases nothing picked ahead of a customer whose message in flight was given back or waits for a retry', async () => {
      const { clock } = use()
      const store = await withQueues('joe', 'sam', 'kim', 'ann')
      const inFlight = await store.outbox.claimDue(ONE_EACH)
      const ahead = await store.outbox.pickAhead(ONE_EACH, inFlight)
      expect(ahead.rows.map((r) => r.message_id)).toEqual(['joe-2', 'sam-2', 'kim-2', 'ann-2'])
      await store.outbox.markDelivered(keys('kim-1'))
      // Dead does not hold a customer back, as in any claim.
      await store.outbox.markDead(keys('ann-1'), 'http 400')
      await store.outbox.retryLater(
        keys('joe-1'),
        { error: 'http 503', retryAt: () => clock.ms + 60_000 },
        10
      )
      await store.outbox.release(keys('sam-1'), clock.ms)
      expect(ids(await store.outbox.claimDue(ONE_EACH, ahead))).toEqual(['kim-2', 'ann-2'])
      await store.outbox.markDelivered(keys('kim-2', 'ann-2'))
      // What was held goes in order: sam's given-back message first, joe's after its retry.
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['sam-1'])
      await store.outbox.markDelivered(keys('sam-1'))
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['sam-2'])
      await store.outbox.markDelivered(keys('sam-2'))
      clock.ms += 60_000
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['joe-1'])
    })

    it('holds a customer whose earlier message another claim holds, whatever becomes of it', async () => {
      const { clock } = use()
      const store = await withQueues('joe', 'sam')
      const one = { ...ONE_EACH, limit: 1 }
      // Two claims in the same millisecond (another relay's, say) lease until the same moment.
      const inFlight = await store.outbox.claimDue(one)
      const theirs = await store.outbox.claimDue(one)
      expect([ids(inFlight), ids(theirs)]).toEqual([['joe-1'], ['sam-1']])
      const ahead = await store.outbox.pickAhead(ONE_EACH, inFlight)
      expect(ahead.rows.map((r) => r.message_id)).toEqual(['joe-2'])
      await store.outbox.markDelivered(keysOf(inFlight))
      // The other claim gives sam-1 back: sam-2 still comes after it.
      await store.outbox.release(keysOf(theirs), clock.ms)
      expect(ids(await store.outbox.claimDue(ONE_EACH, ahead))).toEqual(['joe-2'])
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['sam-1'])
    })

    it('leases nothing picked ahead for a tenant that turned write-back off meanwhile', async () => {
      const store = await withQueues('joe')
      const inFlight = await store.outbox.claimDue(ONE_EACH)
      const ahead = await store.outbox.pickAhead(ONE_EACH, inFlight)
      expect(ahead.rows.map((r) => r.message_id)).toEqual(['joe-2'])
      await store.outbox.markDelivered(keysOf(inFlight))
      await store.tenants.setWriteback('acme', { enabled: false })
      expect(await store.outbox.claimDue(ONE_EACH, ahead)).toEqual([])
    })
  })
}
