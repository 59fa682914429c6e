/** The write-back outbox on every dialect: enqueue, dedupe, claims in order per customer, states. */
import { describe, expect, it } from 'vitest'

import { InvalidInputError } from '../store/errors.ts'
import { START_MS, acme, globex, type UseContext } from '../store/suite/context.ts'
import { WritebackDisabledError } from './outbox-port.ts'
import { registerAdminListTests } from './outbox-admin-list.suite.ts'
import { registerPayloadTests } from './outbox-payloads.suite.ts'
import { registerPickAheadTests } from './outbox-pick-ahead.suite.ts'
import { registerSkipTenantsTests } from './outbox-skip-tenants.suite.ts'
import type { WritebackTables } from './outbox-schema.ts'
import { CLAIM, ids, keys, message } from './testing/outbox-message.ts'

export function registerOutboxTests(use: UseContext): void {
  describe('write-back outbox', () => {
    const withTenant = async () => {
      const { store } = use()
      await store.tenants.upsert(acme({ writeback: { enabled: true } }))
      return store
    }

    it('stores messages once per tenant and messageId, redeliveries skipped', async () => {
      const store = await withTenant()
      expect(await store.outbox.enqueue('acme', [message('m1'), message('m2')])).toEqual({
        stored: 2,
        duplicates: 0,
      })
      expect(
        await store.outbox.enqueue('acme', [message('m2'), message('m3'), message('m3')])
      ).toEqual({ stored: 1, duplicates: 2 })
      expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['m1', 'm2', 'm3'])
    })

    it('refuses to store anything for a tenant with write-back off, or no tenant', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      expect(await store.outbox.isEnabled('acme')).toBe(false)
      await expect(store.outbox.enqueue('acme', [message('m1')])).rejects.toBeInstanceOf(
        WritebackDisabledError
      )
      await expect(store.outbox.enqueue('ghost', [message('m1')])).rejects.toBeInstanceOf(
        WritebackDisabledError
      )
      await store.tenants.setWriteback('acme', { enabled: true })
      expect(await store.outbox.isEnabled('acme')).toBe(true)
      expect((await store.outbox.enqueue('acme', [message('m1')])).stored).toBe(1)
    })

    it('refuses a whole call with one bad message, naming it', async () => {
      const store = await withTenant()
      const bad = message('m2', 'joe', { identity: {} })
      const error = await store.outbox
        .enqueue('acme', [message('m1'), bad])
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as InvalidInputError).issues[0]?.path).toBe('1.identity')
      expect(await store.outbox.claimDue(CLAIM)).toEqual([])
    })

    it('keeps the order key a hash: no email or id in clear beside the payload', async () => {
      const { db } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'sam')])
      const [row] = await db
        .withTables<WritebackTables>()
        .selectFrom('writeback_outbox')
        .selectAll()
        .execute()
      expect(row?.order_key).not.toContain('sam')
      expect(row).toMatchObject({ state: 'pending', attempts: 0, created_at: START_MS })
    })

    it('claims a customer’s later message only once the earlier one is no longer waiting', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('joe-1'), message('sam-1', 'sam')])
      const first = await store.outbox.claimDue(CLAIM)
      expect(ids(first)).toEqual(['joe-1', 'sam-1'])
      await store.outbox.enqueue('acme', [message('joe-2'), message('sam-2', 'sam')])
      // joe-1 and sam-1 are leased (in flight): nothing of theirs may overtake them.
      expect(await store.outbox.claimDue(CLAIM)).toEqual([])
      await store.outbox.markDelivered(keys('acme', 'sam-1'))
      await store.outbox.retryLater(
        keys('acme', 'joe-1'),
        { error: 'http 503', retryAt: () => clock.ms + 60_000 },
        10
      )
      expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['sam-2'])
      await store.outbox.markDelivered(keys('acme', 'sam-2'))
      clock.ms += 60_000
      expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['joe-1', 'joe-2'])
    })

    it('gives leased messages back after the lease, as after a crash', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1')])
      expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['m1'])
      clock.ms += CLAIM.leaseMs - 1
      expect(await store.outbox.claimDue(CLAIM)).toEqual([])
      clock.ms += 1
      const [again] = await store.outbox.claimDue(CLAIM)
      expect(again).toMatchObject({ messageId: 'm1', attempts: 0 })
      expect(again?.payload.identity).toEqual({ emails: ['joe@example.com'] })
    })

    it('stays within the byte budget, taking at least one message', async () => {
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1'), message('m2', 'sam'), message('m3')])
      expect(ids(await store.outbox.claimDue({ ...CLAIM, maxBytes: 1 }))).toEqual(['m1'])
      expect(ids(await store.outbox.claimDue({ ...CLAIM, limit: 1 }))).toEqual(['m2'])
    })

    it('takes at most a customer’s share, their oldest, leaving the rest unleased', async () => {
      const store = await withTenant()
      await store.outbox.enqueue('acme', [
        message('j1', 'joe'),
        message('j2', 'joe'),
        message('s1', 'sam'),
        message('j3', 'joe'),
        message('s2', 'sam'),
      ])
      const perCustomer = { limit: 2, maxBytes: 400_000 }
      expect(ids(await store.outbox.claimDue({ ...CLAIM, perCustomer }))).toEqual([
        'j1',
        'j2',
        's1',
        's2',
      ])
      // j3 was not leased, but waits behind joe's messages in flight.
      expect(await store.outbox.claimDue({ ...CLAIM, perCustomer })).toEqual([])
      const oneEach = { limit: 100, maxBytes: 1 }
      await store.outbox.enqueue('acme', [message('k1', 'kim'), message('k2', 'kim')])
      // By bytes too, but always the first of a customer's.
      expect(ids(await store.outbox.claimDue({ ...CLAIM, perCustomer: oneEach }))).toEqual(['k1'])
    })

    it('does not claim for a tenant whose write-back was turned off meanwhile', async () => {
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1')])
      await store.tenants.setWriteback('acme', { enabled: false })
      expect(await store.outbox.claimDue(CLAIM)).toEqual([])
      await store.tenants.setWriteback('acme', { enabled: true })
      expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['m1'])
    })

    it('makes a message dead after its last attempt, and retry brings it back', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1')])
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        expect(ids(await store.outbox.claimDue(CLAIM))).toEqual(['m1'])
        await store.outbox.retryLater(
          keys('acme', 'm1'),
          { error: 'http 503', retryAt: () => clock.ms },
          3
        )
      }
      expect(await store.outbox.claimDue(CLAIM)).toEqual([])
      const [dead] = await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })
      expect(dead).toMatchObject({ state: 'dead', attempts: 3, lastError: 'http 503' })

      expect(await store.outboxAdmin.retry('acme')).toBe(1)
      const [back] = await store.outbox.claimDue(CLAIM)
      expect(back).toMatchObject({ messageId: 'm1', attempts: 0 })
      // Dead, a message kept what it said: retried, it sends it.
      expect(back?.payload.properties).toEqual(message('m1').properties)
    })

    it('prunes dead rows only once they have been dead for the retention', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [
        message('d1'),
        message('d2', 'sam'),
        message('p1', 'kim'),
      ])
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDead(keys('acme', 'd1'), 'http 400 validation_error')
      clock.ms += 1_000
      await store.outbox.markDead(keys('acme', 'd2'), 'http 400 validation_error')
      await store.outbox.release(keys('acme', 'p1'), clock.ms)
      expect(await store.outbox.pruneDead(clock.ms - 1_000)).toBe(0)
      expect(await store.outbox.pruneDead(clock.ms)).toBe(1)
      const left = await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })
      expect(left.map((m) => `${m.messageId} ${m.state}`).sort()).toEqual(['d2 dead', 'p1 pending'])
    })

    it('reports counts, the oldest pending message and the last error per tenant', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.tenants.upsert(globex({ writeback: { enabled: true } }))
      await store.outbox.enqueue('acme', [message('a1'), message('a2', 'sam')])
      clock.ms += 1_000
      await store.outbox.enqueue('acme', [message('a3', 'kim')])
      await store.outbox.enqueue('globex', [message('g1')])
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDelivered(keys('acme', 'a1'))
      await store.outbox.markDead(keys('acme', 'a2'), 'http 400 validation_error')
      expect(await store.outboxAdmin.status()).toEqual([
        {
          tenantId: 'acme',
          pending: 1,
          delivered: 1,
          dead: 1,
          oldestPendingAt: START_MS + 1_000,
          lastError: { at: START_MS + 1_000, error: 'http 400 validation_error' },
        },
        {
          tenantId: 'globex',
          pending: 1,
          delivered: 0,
          dead: 0,
          oldestPendingAt: START_MS + 1_000,
          lastError: undefined,
        },
      ])
      expect(await store.outboxAdmin.purge('globex')).toBe(0)
      expect(await store.outboxAdmin.purge('acme')).toBe(1)
      expect(
        (await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })).map((m) => m.state)
      ).toEqual(['pending', 'delivered'])
    })

    it('dates a failure by its attempt, delivered since or not; the backlog leaves delivered out', async () => {
      const { clock } = use()
      const store = await withTenant()
      await store.tenants.upsert(globex({ writeback: { enabled: true } }))
      await store.outbox.enqueue('acme', [
        message('a1'),
        message('a2', 'sam'),
        message('a3', 'kim'),
      ])
      await store.outbox.enqueue('globex', [message('g1')])
      await store.outbox.claimDue(CLAIM)
      const error = 'http 503 internal_server_error'
      await store.outbox.retryLater(keys('acme', 'a1'), { error, retryAt: () => clock.ms }, 5)
      await store.outbox.markDead(keys('acme', 'a2'), error)
      await store.outbox.markDelivered(keys('globex', 'g1'))
      clock.ms += 60_000
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDelivered(keys('acme', 'a1'))
      const [acmeStatus] = await store.outboxAdmin.status()
      expect(acmeStatus?.lastError).toEqual({ at: START_MS, error })
      expect(await store.outboxAdmin.backlog()).toEqual([
        { tenantId: 'acme', pending: 1, dead: 1, oldestPendingAt: START_MS },
        { tenantId: 'globex', pending: 0, dead: 0, oldestPendingAt: undefined },
      ])
      // Write-back turned off: a tenant shows while messages of its wait, and only then.
      await store.tenants.setWriteback('acme', { enabled: false })
      await store.tenants.setWriteback('globex', { enabled: false })
      expect((await store.outboxAdmin.backlog()).map((t) => t.tenantId)).toEqual(['acme'])
    })

    it('keeps a tenant’s write-back settings: off by default, a checked tracking URL', async () => {
      const { store } = use()
      await store.tenants.upsert(acme())
      expect((await store.tenants.get('acme'))?.writeback).toEqual({ enabled: false })
      const url = 'https://track.intilery.example/track/c/a/b/v1/batch'
      expect(await store.tenants.setWriteback('acme', { enabled: true, trackingUrl: url })).toBe(
        true
      )
      expect((await store.tenants.get('acme'))?.writeback).toEqual({
        enabled: true,
        trackingUrl: url,
      })
      expect((await store.tenants.list())[0]?.writeback).toEqual({
        enabled: true,
        trackingUrl: url,
      })
      for (const bad of ['http://track.example/v1/batch', 'ftp://x', 'https://u:p@x.example/'])
        await expect(
          store.tenants.setWriteback('acme', { trackingUrl: bad })
        ).rejects.toBeInstanceOf(InvalidInputError)
      await store.tenants.setWriteback('acme', { trackingUrl: 'http://127.0.0.1:4010/v1/batch' })
      await store.tenants.setWriteback('acme', { trackingUrl: null })
      expect((await store.tenants.get('acme'))?.writeback).toEqual({ enabled: true })
      expect(await store.tenants.setWriteback('ghost', { enabled: true })).toBe(false)
      // A tenant written whole (a tenants file) has write-back as it declares it: off here.
      await store.tenants.upsert(acme())
      expect((await store.tenants.get('acme'))?.writeback).toEqual({ enabled: false })
    })

    it('removing a tenant removes its outbox', async () => {
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1')])
      await store.tenants.remove('acme')
      expect(await store.outboxAdmin.status()).toEqual([])
    })

    registerPayloadTests(use, withTenant)
    registerPickAheadTests(use)
    registerSkipTenantsTests(use)
    registerAdminListTests(use)
  })
}
