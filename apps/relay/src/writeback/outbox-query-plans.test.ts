/**
 * The outbox's indexes against the statements its store and admin run, as SQLite plans them. Every
 * index is paid for by every enqueue, lease and delivered mark, in a drain that keeps the relay's
 * thread busy, so the outbox has exactly the indexes listed here, each read by some statement, and
 * the claim walks the ones its comments say it walks. The statements are the store's own, recorded
 * through a Kysely plugin while the store does each of its jobs once.
 */
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely'
import { afterEach, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { openDatabase } from '../store/database.ts'
import type { Executor } from '../store/schema.ts'
import { AUDIT_KEY, ENCRYPTION_KEY, START_MS, acme } from '../store/suite/context.ts'
import { createRelayStore, migrateRelayDatabase } from '../wiring/relay-store.ts'
import { keyOf } from './outbox-claim.ts'
import { message } from './testing/outbox-message.ts'

const CLAIM = { limit: 20, maxBytes: 4_000_000, leaseMs: 30_000, onlyTenant: 'acme' }

/**
 * Besides the primary key. An index SQLite merely finds as good as one of these (it reads whichever
 * it meets first) is not needed: add one here only with a statement that needs it.
 */
const OUTBOX_INDEXES = [
  'writeback_outbox_delivered_idx',
  'writeback_outbox_failed_idx',
  'writeback_outbox_pending_idx',
  'writeback_outbox_waiting_idx',
]

let db: Executor | undefined
afterEach(async () => {
  await db?.destroy()
  db = undefined
})

/** Every statement run through it, kept to be planned afterwards. */
function recorder(compile: (node: RootOperationNode) => CompiledQuery): {
  plugin: KyselyPlugin
  statements: CompiledQuery[]
} {
  const statements: CompiledQuery[] = []
  return {
    statements,
    plugin: {
      transformQuery({ node }) {
        statements.push(compile(node))
        return node
      },
      transformResult: ({ result }) => Promise.resolve(result),
    },
  }
}

/** SQLite's plan of `statement`: one line per step. */
async function planOf(on: Executor, statement: CompiledQuery): Promise<string[]> {
  const plan = await on.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters])
  )
  return plan.rows.map((row) => row.detail)
}

it("has only the indexes its store's statements read, and claims along them", async () => {
  db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const executor = db.getExecutor()
  const { plugin, statements } = recorder((node) =>
    executor.compileQuery(executor.transformQuery(node, createQueryId()), createQueryId())
  )
  const clock = { ms: START_MS }
  const store = createRelayStore({
    db: db.withPlugin(plugin),
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    hasher: await createHasher(AUDIT_KEY),
    now: () => clock.ms,
  })
  await store.tenants.upsert(acme({ writeback: { enabled: true } }))
  await store.outbox.enqueue(
    'acme',
    Array.from({ length: 60 }, (_, i) => message(`m${i}`, `customer-${i % 15}`))
  )

  // As the relay's workers claim: each for its own tenant (tenant-workers.ts).
  const first = await store.outbox.claimDue(CLAIM)
  const picked = await store.outbox.pickAhead(CLAIM, first)
  const leased = await store.outbox.leaseAhead(picked, CLAIM.leaseMs)
  const keys = first.map(keyOf)
  await store.outbox.markDelivered(keys.slice(0, 10))
  await store.outbox.retryLater(
    keys.slice(10, 15),
    { error: 'HTTP 503', retryAt: () => clock.ms + 1_000 },
    5
  )
  await store.outbox.markDead(keys.slice(15, 18), 'HTTP 400')
  await store.outbox.release(keys.slice(18), clock.ms)
  const second = await store.outbox.claimLeased(CLAIM, leased)
  await store.outbox.releaseAhead(leased, leased.rows.slice(second.length))
  await store.outbox.pruneDelivered(clock.ms + 1)
  await store.outbox.pruneDead(clock.ms + 1)
  await store.outboxAdmin.status()
  await store.outboxAdmin.backlog()
  await store.outboxAdmin.list({ tenantId: 'acme', state: 'pending', limit: 10 })
  await store.outboxAdmin.list({ tenantId: 'acme', limit: 10 })

  const onOutbox = statements.filter(
    (statement) => /writeback_outbox/.test(statement.sql) && !/^insert/i.test(statement.sql)
  )
  const plans = await Promise.all(onOutbox.map((statement) => planOf(db as Executor, statement)))
  const read = new Set(
    plans
      .flat()
      .flatMap((step) => [...step.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]))
  )
  const { rows: indexes } = await db.executeQuery<{ name: string }>(
    CompiledQuery.raw(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'writeback_outbox' AND sql IS NOT NULL"
    )
  )
  expect(indexes.map(({ name }) => name).sort()).toEqual(OUTBOX_INDEXES)
  for (const name of OUTBOX_INDEXES) expect(read, `${name} is read by no statement`).toContain(name)

  // The claim: its tenant's pending rows in enqueue order, no other tenant's, no sort; a
  // customer's waiting rows from the index alone.
  const claim = plans.find((plan) => plan.some((step) => step.includes('CORRELATED')))
  expect(claim?.join('\n')).toMatch(
    /SEARCH o USING INDEX writeback_outbox_pending_idx \(state=\? AND tenant_id=\?\)/
  )
  expect(claim?.join('\n')).not.toMatch(/TEMP B-TREE/)
  expect(claim?.join('\n')).toMatch(/SEARCH e USING INDEX writeback_outbox_waiting_idx/)
  // Its payloads, and a delivered mark's deletion of them, by the payload table's key: no scan.
  expect(claim?.join('\n')).toMatch(
    /SEARCH p USING INDEX sqlite_autoindex_writeback_outbox_payloads_1/
  )
  // Each tenant's latest failure (outbox status): one step down the partial index, no sort of
  // every row that ever failed. What Prometheus scrapes: pending and dead rows, not a scan.
  const planFor = (pattern: RegExp) => {
    const index = onOutbox.findIndex((statement) => pattern.test(statement.sql))
    expect(index, String(pattern)).toBeGreaterThanOrEqual(0)
    return plans[index]?.join('\n')
  }
  const latestFailure = planFor(/order by "last_attempt_at" desc limit/)
  expect(latestFailure).toMatch(/SEARCH writeback_outbox USING INDEX writeback_outbox_failed_idx/)
  expect(latestFailure).not.toMatch(/TEMP B-TREE/)
  expect(planFor(/"state" in \(/)).toMatch(
    /SEARCH writeback_outbox USING (?:COVERING )?INDEX writeback_outbox_pending_idx \(state=\?\)/
  )
  // `relay outbox list`, with a state and without: each state's newest rows down the index, not
  // every row the tenant kept read and sorted.
  const listPlans = plans.filter((_, index) =>
    /order by "seq" desc limit/.test(onOutbox[index]?.sql ?? '')
  )
  expect(listPlans.length).toBe(1 + 3)
  for (const plan of listPlans) {
    expect(plan.join('\n')).toMatch(
      /SEARCH writeback_outbox USING INDEX writeback_outbox_pending_idx \(state=\? AND tenant_id=\?\)/
    )
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
  }
  const payloadPlans = plans.filter((_, index) =>
    /writeback_outbox_payloads/.test(onOutbox[index]?.sql ?? '')
  )
  expect(payloadPlans.length).toBeGreaterThan(1)
  for (const plan of payloadPlans)
    expect(plan.join('\n')).not.toMatch(/SCAN (p|writeback_outbox_payloads)\b/)
})
