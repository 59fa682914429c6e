/**
 * Migration 0023 moves pending and dead payloads out of the outbox rows into a table of their own,
 * on SQLite and on Postgres (PGlite): messages stored before it (sealed, or in clear from before
 * 0016) still deliver with what they said, a delivered row's payload stays gone, and migrating
 * down puts every payload back on its row.
 */
import { sql, type Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import type { Schema } from '../store/schema.ts'
import { acme, AUDIT_KEY, ENCRYPTION_KEY, START_MS } from '../store/suite/context.ts'
import { createRelayStore, migrateRelayDatabase } from '../wiring/relay-store.ts'
import { outboxPayloadContext } from './outbox-sealing.ts'
import { MIGRATION_TEST_DIALECTS, relayMigrator } from '../wiring/migration-test-dialects.ts'

const BEFORE = '0022_outbox_unused_indexes'

const payloadOf = (email: string, ticket: string) =>
  JSON.stringify({
    identity: { emails: [email] },
    properties: { ticket_id: ticket },
    timestamp: '2027-01-01T10:00:00.000Z',
  })

const outboxColumns = async (db: Kysely<Schema>) =>
  (await db.introspection.getTables())
    .find((table) => table.name === 'writeback_outbox')
    ?.columns.map((column) => column.name) ?? []

/** The outbox as rows of the layout before 0023: [messageId, payload_sealed, payload_json]. */
const oldLayout = async (db: Kysely<Schema>) =>
  (
    await sql<{ message_id: string; payload_sealed: string | null; payload_json: string | null }>`
      select message_id, payload_sealed, payload_json from writeback_outbox order by seq`.execute(
      db
    )
  ).rows.map((row) => [row.message_id, row.payload_sealed, row.payload_json])

describe.each(MIGRATION_TEST_DIALECTS)('outbox payloads migration on %s', (_name, open) => {
  it('moves payloads to their own table, delivers them, and goes back down', async () => {
    const db = open()
    try {
      const migrator = relayMigrator(db)
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      const secretBox = await createSecretBox(ENCRYPTION_KEY)
      const store = () => createRelayStore({ db, secretBox, hasher, now: () => START_MS })
      const hasher = await createHasher(AUDIT_KEY)
      await store().tenants.upsert(acme({ writeback: { enabled: true } }))
      const sealed = await secretBox.seal(
        payloadOf('sealed@example.com', '1'),
        outboxPayloadContext('acme', 'sealed-1')
      )
      // Rows as the relay wrote them before 0023 (raw SQL: today's outbox has no payload columns):
      // a sealed one, one in clear from before 0016, and one delivered (its payload cleared).
      const row = (
        id: string,
        seq: number,
        state: string,
        sealedPayload: string | null,
        json: string | null
      ) =>
        sql`insert into writeback_outbox (tenant_id, message_id, seq, order_key, source, event,
          payload_json, payload_sealed, state, attempts, next_attempt_at, created_at)
          values ('acme', ${id}, ${seq}, ${`customer-${id}`}, 'zendesk', 'Ticket Solved', ${json},
          ${sealedPayload}, ${state}, 0, ${START_MS}, ${START_MS})`.execute(db)
      await row('sealed-1', 1, 'pending', sealed, null)
      await row('clear-2', 2, 'pending', null, payloadOf('clear@example.com', '2'))
      await row('done-3', 3, 'delivered', null, null)
      const deadPayload = await secretBox.seal(
        payloadOf('dead@example.com', '4'),
        outboxPayloadContext('acme', 'dead-4')
      )
      await row('dead-4', 4, 'dead', deadPayload, null)

      expect(await migrateRelayDatabase(db)).toContain('0023_outbox_payloads')
      expect(await outboxColumns(db)).not.toContain('payload_sealed')
      expect(await outboxColumns(db)).not.toContain('payload_json')
      const claim = { limit: 100, maxBytes: 400_000, leaseMs: 30_000 }
      const claimed = await store().outbox.claimDue(claim)
      expect(claimed.map((m) => [m.messageId, m.payload.identity, m.payload.properties])).toEqual([
        ['sealed-1', { emails: ['sealed@example.com'] }, { ticket_id: '1' }],
        ['clear-2', { emails: ['clear@example.com'] }, { ticket_id: '2' }],
      ])

      // Down: every payload back on its row, as it was.
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
      expect(await oldLayout(db)).toEqual([
        ['sealed-1', sealed, null],
        ['clear-2', null, payloadOf('clear@example.com', '2')],
        ['done-3', null, null],
        ['dead-4', deadPayload, null],
      ])

      // And up again: delivered, a message keeps no payload.
      await migrateRelayDatabase(db)
      await store().outbox.markDelivered([{ tenantId: 'acme', messageId: 'sealed-1' }])
      const left = await sql<{ message_id: string }>`
        select message_id from writeback_outbox_payloads order by message_id`.execute(db)
      expect(left.rows.map((r) => r.message_id)).toEqual(['clear-2', 'dead-4'])
      // The dead message kept what it said: retried, it is sent as it was.
      await store().outboxAdmin.retry('acme', 'dead-4')
      const retried = await store().outbox.claimDue(claim)
      expect(retried.map((m) => [m.messageId, m.payload.properties])).toEqual([
        ['dead-4', { ticket_id: '4' }],
      ])
    } finally {
      await db.destroy()
    }
  }, 120_000)
})
