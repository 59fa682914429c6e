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

    it('leases rows picked ahead while the claim is in flight, then gives back those of a customer it did not deliver', async () => {
      const { clock } = use()
      const store = await withQueues('joe', 'sam', 'kim')
      const inFlight = await store.outbox.claimDue(ONE_EACH)
      const ahead = await store.outbox.pickAhead(ONE_EACH, inFlight)
      clock.ms += 5
      const leased = await store.outbox.leaseAhead(ahead, ONE_EACH.leaseMs)
      expect(leased.rows.map((r) => r.message_id)).toEqual(['joe-2', 'sam-2', 'kim-2'])
      expect(leased.at).toBe(clock.ms)
      await store.outbox.markDelivered(keys('joe-1', 'kim-1'))
      await store.outbox.retryLater(
        keys('sam-1'),
        { error: 'http 503', retryAt: () => clock.ms + 60_000 },
        10
      )
      // Leased: no other claim takes them, even now that joe-1 and kim-1 are delivered.
      expect(await store.outbox.claimDue(ONE_EACH)).toEqual([])
      const next = await store.outbox.claimLeased(ONE_EACH, leased)
      expect(ids(next)).toEqual(['joe-2', 'kim-2'])
      expect(next[0]?.payload.identity).toEqual({ emails: ['joe@example.com'] })
      // sam-2 is given back, due at once, and still goes after sam-1's retry.
      const listed = await store.outboxAdmin.list({ tenantId: 'acme', limit: 100 })
      expect(listed.find((m) => m.messageId === 'sam-2')?.nextAttemptAt).toBe(leased.at)
      await store.outbox.markDelivered(keysOf(next))
      expect(await store.outbox.claimDue(ONE_EACH)).toEqual([])
      clock.ms += 60_000
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['sam-1'])
    })

    it('gives back rows leased ahead and not used, but not once another claim has leased them', async () => {
      const { clock } = use()
      const store = await withQueues('joe', 'sam')
      const inFlight = await store.outbox.claimDue(ONE_EACH)
      const leased = await store.outbox.leaseAhead(
        await store.outbox.pickAhead(ONE_EACH, inFlight),
        ONE_EACH.leaseMs
      )
      await store.outbox.markDelivered(keysOf(inFlight))
      await store.outbox.releaseAhead(leased, leased.rows.slice(0, 1))
      const joe = await store.outbox.claimDue(ONE_EACH)
      expect(ids(joe)).toEqual(['joe-2'])
      await store.outbox.markDelivered(keysOf(joe))
      // sam-2's lease runs out and another claim takes it: giving back the first lease leaves it.
      clock.ms += ONE_EACH.leaseMs + 1
      expect(ids(await store.outbox.claimDue(ONE_EACH))).toEqual(['sam-2'])
      await store.outbox.releaseAhead(leased, leased.rows.slice(1))
      expect(await store.outbox.claimDue(ONE_EACH)).toEqual([])
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
