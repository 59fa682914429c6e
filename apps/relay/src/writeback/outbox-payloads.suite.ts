/**
 * The outbox's payloads on every dialect: sealed at rest in their own table
 * (writeback_outbox_payloads, migration 0023), stored once per messageId as it first came, gone
 * once delivered, kept while dead, and taken with their row by a purge, a prune or the tenant.
 */
import { describe, expect, it } from 'vitest'

import type { SuiteContext, UseContext } from '../store/suite/context.ts'
import type { WritebackTables } from './outbox-schema.ts'
import { CLAIM, ids, keys, message } from './testing/outbox-message.ts'

/** The messageIds that have a payload stored, in order. */
const payloadIds = async (db: SuiteContext['db']) =>
  (
    await db
      .withTables<WritebackTables>()
      .selectFrom('writeback_outbox_payloads')
      .select('message_id')
      .orderBy('message_id')
      .execute()
  ).map((row) => row.message_id)

/** Both write-back tables, every column, as one string. */
const everythingStored = async (db: SuiteContext['db']) => {
  const tables = db.withTables<WritebackTables>()
  return JSON.stringify([
    await tables.selectFrom('writeback_outbox').selectAll().execute(),
    await tables.selectFrom('writeback_outbox_payloads').selectAll().execute(),
  ])
}

export function registerPayloadTests(
  use: UseContext,
  withTenant: () => Promise<SuiteContext['store']>
): void {
  describe('write-back outbox payloads', () => {
    it('stores a repeated messageId once, with the payload it first came with', async () => {
      const store = await withTenant()
      const first = message('m1', 'joe', { properties: { ticket_id: '1' } })
      const second = message('m1', 'joe', { properties: { ticket_id: '2' } })
      expect(await store.outbox.enqueue('acme', [first, second])).toEqual({
        stored: 1,
        duplicates: 1,
      })
      expect(
        await store.outbox.enqueue('acme', [
          message('m1', 'joe', { properties: { ticket_id: '3' } }),
        ])
      ).toEqual({ stored: 0, duplicates: 1 })
      const claimed = await store.outbox.claimDue(CLAIM)
      expect(claimed.map((m) => [m.messageId, m.payload.properties])).toEqual([
        ['m1', { ticket_id: '1' }],
      ])
    })

    it('prunes a dead message with its payload', async () => {
      const { db, clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1')])
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDead(keys('acme', 'm1'), 'http 400')
      expect(await store.outbox.pruneDead(clock.ms + 1)).toBe(1)
      expect(await payloadIds(db)).toEqual([])
    })

    it('purging dead messages, or removing the tenant, takes their payloads too', async () => {
      const { db } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'joe'), message('m2', 'sam')])
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDead(keys('acme', 'm1'), 'http 400')
      // A late "delivered" for a message already dead changes neither it nor its payload.
      await store.outbox.markDelivered(keys('acme', 'm1'))
      expect(await payloadIds(db)).toEqual(['m1', 'm2'])
      expect(await store.outboxAdmin.purge('acme')).toBe(1)
      expect(await payloadIds(db)).toEqual(['m2'])
      await store.tenants.remove('acme')
      expect(await payloadIds(db)).toEqual([])
    })

    it('clears a delivered payload, keeps its messageId for dedupe, and prunes it later', async () => {
      const { db, clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'sam')])
      await store.outbox.claimDue(CLAIM)
      await store.outbox.markDelivered(keys('acme', 'm1'))
      const raw = await everythingStored(db)
      expect(raw).not.toContain('sam@example.com')
      expect(raw).not.toContain('ticket_id')
      // Sealed, it would not show above: gone, it cannot be opened either.
      expect(await payloadIds(db)).toEqual([])
      expect((await store.outbox.enqueue('acme', [message('m1', 'sam')])).duplicates).toBe(1)

      expect(await store.outbox.pruneDelivered(clock.ms)).toBe(0)
      expect(await store.outbox.pruneDelivered(clock.ms + 1)).toBe(1)
      expect((await store.outbox.enqueue('acme', [message('m1', 'sam')])).stored).toBe(1)
    })

    it('keeps a pending payload sealed: the stored row holds neither the email nor the properties', async () => {
      const { db } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [
        message('m1', 'sealed-customer', { properties: { ticket_id: '4242' } }),
      ])
      const raw = await everythingStored(db)
      expect(raw).toContain('m1')
      expect(raw).not.toContain('sealed-customer')
      expect(raw).not.toContain('4242')
      const [claimed] = await store.outbox.claimDue(CLAIM)
      expect(claimed?.payload.identity).toEqual({ emails: ['sealed-customer@example.com'] })
      expect(claimed?.payload.properties).toEqual({ ticket_id: '4242' })
    })

    it('never sends a sealed payload moved onto another row; makes that row dead', async () => {
      const { db } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'joe'), message('m2', 'sam')])
      const outbox = () => db.withTables<WritebackTables>()
      const m1 = await outbox()
        .selectFrom('writeback_outbox_payloads')
        .select('payload_sealed')
        .where('message_id', '=', 'm1')
        .executeTakeFirstOrThrow()
      await outbox()
        .updateTable('writeback_outbox_payloads')
        .set({ payload_sealed: m1.payload_sealed })
        .where('message_id', '=', 'm2')
        .execute()
      const told: unknown[] = []
      const onUnusable = (tenantId: string, counts: unknown) => told.push([tenantId, counts])
      expect(ids(await store.outbox.claimDue({ ...CLAIM, onUnusable }))).toEqual(['m1'])
      const dead = await store.outboxAdmin.list({ tenantId: 'acme', state: 'dead', limit: 10 })
      expect(dead.map((m) => [m.messageId, m.lastError])).toEqual([
        ['m2', 'stored payload did not open: encryption key changed, or the row was altered'],
      ])
      expect(told).toEqual([['acme', { dead: 1, retried: 0, unreadable: 0, unopened: 1 }]])
    })

    it('makes a row whose stored payload does not parse dead, and says so', async () => {
      const { db } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'joe'), message('m2', 'sam')])
      await db
        .withTables<WritebackTables>()
        .updateTable('writeback_outbox_payloads')
        .set({ payload_sealed: null, payload_json: '{"identity": ' })
        .where('message_id', '=', 'm1')
        .execute()
      const told: unknown[] = []
      const onUnusable = (tenantId: string, counts: unknown) => told.push([tenantId, counts])
      expect(ids(await store.outbox.claimDue({ ...CLAIM, onUnusable }))).toEqual(['m2'])
      const dead = await store.outboxAdmin.list({ tenantId: 'acme', state: 'dead', limit: 10 })
      expect(dead.map((m) => [m.messageId, m.lastError])).toEqual([
        ['m1', 'stored payload is unreadable'],
      ])
      expect(told).toEqual([['acme', { dead: 1, retried: 0, unreadable: 1, unopened: 0 }]])
    })

    it('lets a payload that does not open wait and count attempts when told to, then die', async () => {
      const { db, clock } = use()
      const store = await withTenant()
      await store.outbox.enqueue('acme', [message('m1', 'joe')])
      await db
        .withTables<WritebackTables>()
        .updateTable('writeback_outbox_payloads')
        .set({ payload_sealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA' })
        .execute()
      const unopened = {
        retryAt: (attempts: number) => clock.ms + attempts * 1_000,
        maxAttempts: 2,
      }
      const told: unknown[] = []
      const onUnusable = (tenantId: string, counts: unknown) => told.push([tenantId, counts])
      expect(await store.outbox.claimDue({ ...CLAIM, unopened, onUnusable })).toEqual([])
      const [waiting] = await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })
      expect(waiting).toMatchObject({
        state: 'pending',
        attempts: 1,
        nextAttemptAt: clock.ms + 1_000,
      })
      clock.ms += 1_000
      expect(await store.outbox.claimDue({ ...CLAIM, unopened, onUnusable })).toEqual([])
      const [dead] = await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })
      expect(dead).toMatchObject({ state: 'dead', attempts: 2 })
      expect(told).toEqual([
        ['acme', { dead: 0, retried: 1, unreadable: 0, unopened: 1 }],
        ['acme', { dead: 1, retried: 0, unreadable: 0, unopened: 1 }],
      ])
    })

    it('still delivers a row stored in clear before payloads were sealed', async () => {
      const { db, clock } = use()
      const store = await withTenant()
      await db
        .withTables<WritebackTables>()
        .insertInto('writeback_outbox')
        .values({
          tenant_id: 'acme',
          message_id: 'legacy-1',
          seq: 1,
          order_key: 'legacy-customer',
          source: 'zendesk',
          event: 'Ticket Solved',
          state: 'pending',
          attempts: 0,
          next_attempt_at: clock.ms,
          last_error: null,
          last_attempt_at: null,
          created_at: clock.ms,
          delivered_at: null,
        })
        .execute()
      await db
        .withTables<WritebackTables>()
        .insertInto('writeback_outbox_payloads')
        .values({
          tenant_id: 'acme',
          message_id: 'legacy-1',
          payload_sealed: null,
          payload_json: JSON.stringify({
            identity: { emails: ['legacy@example.com'] },
            properties: { ticket_id: '9' },
            timestamp: '2027-01-01T10:00:00.000Z',
          }),
        })
        .execute()
      const [claimed] = await store.outbox.claimDue(CLAIM)
      expect(claimed).toMatchObject({
        messageId: 'legacy-1',
        payload: { properties: { ticket_id: '9' } },
      })
    })
  })
}
