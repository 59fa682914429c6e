/**
 * @module writeback/outbox-migrations
 * Write-back's tables (registered in store/migrations.ts): the durable outbox, and each tenant's
 * write-back settings on its row.
 */
import { sql, type Migration } from 'kysely'

import type { UntypedDb } from '../store/migrations.ts'

/** Created by 0011, dropped by 0022 (whose down creates them again). */
const dueIndex = (db: UntypedDb) =>
  db.schema
    .createIndex('writeback_outbox_due_idx')
    .on('writeback_outbox')
    .columns(['state', 'next_attempt_at'])
const orderIndex = (db: UntypedDb) =>
  db.schema
    .createIndex('writeback_outbox_order_idx')
    .on('writeback_outbox')
    .columns(['tenant_id', 'order_key', 'seq'])

/**
 * One row per message a webhook stored. Keyed by (tenant, messageId): the key is what makes an
 * enqueue of a redelivered webhook a no-op. Rows cascade with their tenant: a removed tenant has
 * no credentials left to deliver with, and its customers' events must not linger.
 *
 * `seq` is the enqueue order (supplied by the relay, see outbox-sequence.ts) and `order_key` names
 * the customer (a keyed hash, see order-key.ts): together they keep each customer's events in
 * order. `payload_json` (identity and properties) is cleared once delivered: the row then only
 * remembers the messageId, for deduplication.
 */
const writebackOutbox: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('writeback_outbox')
      .addColumn('tenant_id', 'text', (c) =>
        c.notNull().references('tenants.id').onDelete('cascade')
      )
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('order_key', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addPrimaryKeyConstraint('writeback_outbox_pk', ['tenant_id', 'message_id'])
      .execute()
    // The worker's pick: pending rows that are due, oldest first.
    await dueIndex(db).execute()
    // "Is an earlier message of this customer still waiting?", asked for every candidate.
    await orderIndex(db).execute()
    // The same question answered from the index alone: only a customer's rows waiting for a retry
    // (pending, not yet due) are looked at, not every earlier row of theirs. Without it the claim
    // grew with the backlog (~480 ms per claim at 26,000 pending, ~38 ms with it; bench:writeback).
    await db.schema
      .createIndex('writeback_outbox_waiting_idx')
      .on('writeback_outbox')
      .columns(['tenant_id', 'order_key', 'state', 'next_attempt_at'])
      .execute()
    // Pruning delivered rows past their retention.
    await db.schema
      .createIndex('writeback_outbox_delivered_idx')
      .on('writeback_outbox')
      .columns(['state', 'delivered_at'])
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropTable('writeback_outbox').execute()
  },
}

/**
 * Nullable, so every existing tenant keeps write-back off (null and 0 both mean off) and its
 * tracking URL derived from its Intilery credentials.
 */
const tenantWriteback: Migration = {
  async up(db: UntypedDb) {
    await db.schema.alterTable('tenants').addColumn('writeback_enabled', 'integer').execute()
    await db.schema.alterTable('tenants').addColumn('writeback_tracking_url', 'text').execute()
  },
  async down(db: UntypedDb) {
    await db.schema.alterTable('tenants').dropColumn('writeback_tracking_url').execute()
    await db.schema.alterTable('tenants').dropColumn('writeback_enabled').execute()
  },
}

/**
 * The claim walks pending rows in enqueue order and stops at its hundredth due one, instead of
 * gathering every due row and sorting them: a claim cost ~20 ms at 20,000 pending (all of it
 * synchronous on SQLite, so every sidebar read in that moment waited too) and ~0.5 ms with it.
 */
const outboxPendingOrder: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createIndex('writeback_outbox_pending_seq_idx')
      .on('writeback_outbox')
      .columns(['state', 'seq'])
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropIndex('writeback_outbox_pending_seq_idx').execute()
  },
}

/** Payloads sealed at rest from now on (outbox-sealing.ts); older rows keep theirs in clear. */
const outboxPayloadSealed: Migration = {
  async up(db: UntypedDb) {
    await db.schema.alterTable('writeback_outbox').addColumn('payload_sealed', 'text').execute()
  },
  async down(db: UntypedDb) {
    await db.schema.alterTable('writeback_outbox').dropColumn('payload_sealed').execute()
  },
}

/**
 * Two indexes no statement needs, dropped: every write paid for them. The claim walks
 * writeback_outbox_pending_seq_idx and reads `next_attempt_at` unindexed on purpose (see
 * outbox-claim.ts, unindexedNextAttempt), and "an earlier message of this customer waiting" is
 * answered by writeback_outbox_waiting_idx; pruning dead rows and the oldest pending row per tenant
 * (outbox status), which SQLite read through (state, next_attempt_at), find their rows by state
 * as cheaply in (state, seq). The (state, next_attempt_at) index changed with every
 * lease and every delivered mark, the (tenant, customer, seq) one with every enqueue: in a drain
 * the relay's thread spends a third of its time in SQLite (bench:writeback).
 */
const outboxUnusedIndexes: Migration = {
  async up(db: UntypedDb) {
    await db.schema.dropIndex('writeback_outbox_due_idx').execute()
    await db.schema.dropIndex('writeback_outbox_order_idx').execute()
  },
  async down(db: UntypedDb) {
    await dueIndex(db).execute()
    await orderIndex(db).execute()
  },
}

/**
 * Payloads in a table of their own, one row per pending or dead message, gone once delivered. A
 * delivery rewrites an outbox row twice (its lease, then its delivered mark), and SQLite rewrites
 * a whole row for any column: with the sealed payload (~0.5 KB) in it, those two UPDATEs were most
 * of the relay's SQLite writes in a drain (bench:writeback). Cascades with its outbox row (a purge,
 * a prune, a removed tenant). Dropping the columns rewrites the outbox on SQLite (twice, under the
 * write lock at start-up), and instances still on the code before it can no longer store or
 * deliver: the README's upgrade notes say to stop them all for this one.
 */
const outboxPayloads: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createTable('writeback_outbox_payloads')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('payload_sealed', 'text')
      .addColumn('payload_json', 'text')
      .addPrimaryKeyConstraint('writeback_outbox_payloads_pk', ['tenant_id', 'message_id'])
      .addForeignKeyConstraint(
        'writeback_outbox_payloads_message_fk',
        ['tenant_id', 'message_id'],
        'writeback_outbox',
        ['tenant_id', 'message_id'],
        (fk) => fk.onDelete('cascade')
      )
      .execute()
    await db
      .insertInto('writeback_outbox_payloads')
      .columns(['tenant_id', 'message_id', 'payload_sealed', 'payload_json'])
      .expression(
        db
          .selectFrom('writeback_outbox')
          .select(['tenant_id', 'message_id', 'payload_sealed', 'payload_json'])
          .where((eb) =>
            eb.or([eb('payload_sealed', 'is not', null), eb('payload_json', 'is not', null)])
          )
      )
      .execute()
    await db.schema.alterTable('writeback_outbox').dropColumn('payload_sealed').execute()
    await db.schema.alterTable('writeback_outbox').dropColumn('payload_json').execute()
  },
  async down(db: UntypedDb) {
    await db.schema.alterTable('writeback_outbox').addColumn('payload_json', 'text').execute()
    await db.schema.alterTable('writeback_outbox').addColumn('payload_sealed', 'text').execute()
    // Only the rows that have a payload (pending and dead ones), not every delivered row.
    const payload = (column: 'payload_sealed' | 'payload_json') =>
      sql`(select ${sql.ref(`p.${column}`)} from writeback_outbox_payloads p
        where p.tenant_id = writeback_outbox.tenant_id and p.message_id = writeback_outbox.message_id)`
    await sql`update writeback_outbox
      set payload_sealed = ${payload('payload_sealed')}, payload_json = ${payload('payload_json')}
      where exists (select 1 from writeback_outbox_payloads p
        where p.tenant_id = writeback_outbox.tenant_id and p.message_id = writeback_outbox.message_id)`.execute(
      db
    )
    await db.schema.dropTable('writeback_outbox_payloads').execute()
  },
}

/**
 * Each tenant's latest failure (`relay outbox status`) found from an index: it was the newest of
 * every row that ever failed, read and sorted on each call, and a delivered row keeps its error for
 * the 7 days of retention, so after an outage that was most of the table (~0.2 s of SQLite per
 * call at 333,000 such rows, with the relay's other work waiting). Partial: only rows with an error
 * are in it, and neither the lease nor a delivered mark changes its columns (a failed attempt does).
 */
const outboxFailures: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createIndex('writeback_outbox_failed_idx')
      .on('writeback_outbox')
      .columns(['tenant_id', 'last_attempt_at'])
      .where(sql.ref('last_error'), 'is not', null)
      .execute()
  },
  async down(db: UntypedDb) {
    await db.schema.dropIndex('writeback_outbox_failed_idx').execute()
  },
}

/**
 * A delivery worker per tenant (tenant-workers.ts) claims only its tenant's rows; walking pending
 * rows by (state, seq) it also stepped over every other tenant's, each a row read to learn its
 * tenant: an idle tenant's claim took ~4 ms behind another's 20,000 pending, once a poll per idle
 * tenant. With the tenant in the index that claim reads only its own rows. It replaces (state,
 * seq) rather than joining it, so an enqueue, a lease and a delivered mark each write one index
 * entry as before; the claim of every tenant at once (tests' workers) sorts the pending rows it
 * finds instead.
 */
const outboxPendingByTenant: Migration = {
  async up(db: UntypedDb) {
    await db.schema
      .createIndex('writeback_outbox_pending_idx')
      .on('writeback_outbox')
      .columns(['state', 'tenant_id', 'seq'])
      .execute()
    await db.schema.dropIndex('writeback_outbox_pending_seq_idx').execute()
  },
  async down(db: UntypedDb) {
    await db.schema
      .createIndex('writeback_outbox_pending_seq_idx')
      .on('writeback_outbox')
      .columns(['state', 'seq'])
      .execute()
    await db.schema.dropIndex('writeback_outbox_pending_idx').execute()
  },
}

export const writebackMigrations = {
  '0011_writeback_outbox': writebackOutbox,
  '0012_tenant_writeback': tenantWriteback,
  '0015_outbox_pending_order': outboxPendingOrder,
  '0016_outbox_payload_sealed': outboxPayloadSealed,
  '0022_outbox_unused_indexes': outboxUnusedIndexes,
  '0023_outbox_payloads': outboxPayloads,
  '0024_outbox_failures': outboxFailures,
  '0025_outbox_pending_by_tenant': outboxPendingByTenant,
} as const
