/**
 * A claim that fails after leasing some of its rows gives them back: left leased, they (and their
 * customers' later messages) would wait out the lease for nothing. The failures are injected into
 * one statement of the claim through a Kysely plugin on the store's connection.
 */
import type { KyselyPlugin, RootOperationNode } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'

import { createHasher } from '../platform/crypto/hmac.ts'
import { createSecretBox } from '../platform/crypto/secret-box.ts'
import { openDatabase } from '../store/database.ts'
import type { Executor } from '../store/schema.ts'
import { AUDIT_KEY, ENCRYPTION_KEY, START_MS, acme } from '../store/suite/context.ts'
import { createRelayStore, migrateRelayDatabase } from '../wiring/relay-store.ts'
import { LEASE_AHEAD_CHUNK, leasePrefixes } from './outbox-lease.ts'
import { LEASE_CHUNK } from './outbox-claim.ts'
import { createOutboxStore } from './outbox-store.ts'
import { message } from './testing/outbox-message.ts'

const LEASE_MS = 30_000
const CLAIM = { limit: 1_000, maxBytes: 4_000_000, leaseMs: LEASE_MS }

let db: Executor | undefined
afterEach(async () => {
  await db?.destroy()
  db = undefined
})

/** Fails the `nth` statement of `kind` run through it (1-based). */
function failingAt(kind: RootOperationNode['kind'], nth: number): KyselyPlugin {
  let seen = 0
  return {
    transformQuery({ node }) {
      if (node.kind === kind && ++seen === nth) throw new Error(`injected failure of ${kind}`)
      return node
    },
    transformResult: ({ result }) => Promise.resolve(result),
  }
}

/** A store over SQLite in memory, `messages` enqueued for one customer each. */
async function withMessages(count: number) {
  db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const secretBox = await createSecretBox(ENCRYPTION_KEY)
  const hasher = await createHasher(AUDIT_KEY)
  const clock = { ms: START_MS }
  const deps = { secretBox, hasher, now: () => clock.ms }
  const store = createRelayStore({ db, ...deps })
  await store.tenants.upsert(acme({ writeback: { enabled: true } }))
  await store.outbox.enqueue(
    'acme',
    Array.from({ length: count }, (_, i) => message(`m${i}`, `customer-${i}`))
  )
  /** The same outbox on a connection that fails as `plugin` says. */
  const failing = (plugin: KyselyPlugin) =>
    createOutboxStore({ ...deps, db: (db as Executor).withPlugin(plugin) })
  return { store, failing }
}

describe('a claim that fails partway', () => {
  it('gives back the chunks it leased before the failure', async () => {
    const { store } = await withMessages(LEASE_CHUNK + 10)
    const picked = await store.outbox.pickAhead(CLAIM, [])
    expect(picked.rows).toHaveLength(LEASE_CHUNK + 10)
    // The first chunk is leased, the second chunk's UPDATE fails.
    const error = await leasePrefixes(
      (db as Executor).withPlugin(failingAt('UpdateQueryNode', 2)),
      START_MS,
      LEASE_MS,
      picked.rows
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ message: 'injected failure of UpdateQueryNode' })
    expect(await store.outbox.claimDue(CLAIM)).toHaveLength(LEASE_CHUNK + 10)
  })

  it('gives back every row leased ahead when checking them against the last claim fails', async () => {
    const { store, failing } = await withMessages(3)
    const inFlight = await store.outbox.claimDue({ ...CLAIM, limit: 1 })
    const leased = await store.outbox.leaseAhead(
      await store.outbox.pickAhead(CLAIM, inFlight),
      LEASE_MS
    )
    expect(leased.rows).toHaveLength(2)
    // stillInOrder's look-up of the claim in flight fails.
    const error = await failing(failingAt('SelectQueryNode', 1))
      .claimLeased(CLAIM, leased)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ message: 'injected failure of SelectQueryNode' })
    expect((await store.outbox.claimDue(CLAIM)).map((m) => m.messageId)).toEqual(['m1', 'm2'])
  })

  it('says so when giving back fails too, with both failures', async () => {
    const { store, failing } = await withMessages(3)
    const leased = await store.outbox.leaseAhead(await store.outbox.pickAhead(CLAIM, []), LEASE_MS)
    // Every statement fails: the check, and the giving back after it.
    const always: KyselyPlugin = {
      transformQuery: () => {
        throw new Error('injected: the database is gone')
      },
      transformResult: ({ result }) => Promise.resolve(result),
    }
    const error = await failing(always)
      .claimLeased(CLAIM, leased)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AggregateError)
    expect((error as AggregateError).errors).toHaveLength(2)
  })
})

describe('a lease ahead', () => {
  it('leases in statements of LEASE_AHEAD_CHUNK rows, not LEASE_CHUNK', async () => {
    const { store, failing } = await withMessages(LEASE_AHEAD_CHUNK + 10)
    const claim = { ...CLAIM, limit: LEASE_AHEAD_CHUNK + 10 }
    const picked = await store.outbox.pickAhead(claim, [])
    let updates = 0
    const counting: KyselyPlugin = {
      transformQuery({ node }) {
        if (node.kind === 'UpdateQueryNode') updates += 1
        return node
      },
      transformResult: ({ result }) => Promise.resolve(result),
    }
    const leased = await failing(counting).leaseAhead(picked, LEASE_MS)
    expect(leased.rows).toHaveLength(LEASE_AHEAD_CHUNK + 10)
    expect(updates).toBe(2)
  })
})
