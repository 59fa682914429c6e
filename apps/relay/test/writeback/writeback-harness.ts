/**
 * Write-back against the real sandbox over HTTP: a relay store on in-memory SQLite whose tenant
 * points at the sandbox with write-back on, the upstream guard a server builds, and the delivery
 * worker on a clock the test moves (backoff, Retry-After and the budget all read it). Each round
 * is run by the test, never by a timer, so minutes of outage take no wall time.
 */
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'

import { createHasher } from '../../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../../src/platform/crypto/secret-box.ts'
import { openDatabase } from '../../src/store/database.ts'
import { createUpstream } from '../../src/upstream/index.ts'
import {
  createRelayStore,
  migrateRelayDatabase,
  type RelayStore,
} from '../../src/wiring/relay-store.ts'
import { createUpstreamPool } from '../../src/wiring/upstream-pool.ts'
import { createDeliveryWorker, type DeliveryWorker } from '../../src/writeback/delivery-worker.ts'
import type { OutboxMessage } from '../../src/writeback/outbox-port.ts'
import { DEFAULT_RETRY } from '../../src/writeback/retry-schedule.ts'
import { DEFAULT_WORKER_SETTINGS } from '../../src/writeback/worker-settings.ts'
import { systemTimers } from '../../src/writeback/writeback-timers.ts'

export interface WritebackTarget {
  readonly sandbox: RunningSandbox
  readonly store: RelayStore
  readonly worker: DeliveryWorker
  readonly clock: { ms: number }
  /** MessageIds of every batch the sandbox accepted (2xx), in the order it accepted them. */
  readonly accepted: string[]
  /** The sandbox's answers to batches, by status. */
  readonly answers: Map<number, number>
  /** Rounds until nothing is pending, moving the clock `stepMs` after each. */
  drain(stepMs: number, maxRounds?: number): Promise<number>
  /** How many events with each of these messageIds the sandbox holds. */
  eventCounts(prefix: string): Map<string, number>
  /** The sandbox's events of one userId, by messageId, in the order it keeps them. */
  eventsOf(userId: string, prefix: string): string[]
  stop(): Promise<void>
}

export const TENANT = 'wb'

export function track(messageId: string, userId: string, n: number): OutboxMessage {
  return {
    messageId,
    source: 'zendesk',
    event: 'Ticket Solved',
    properties: { ticket_id: String(n), status: 'solved' },
    // One instant for all: the sandbox keeps equal times in arrival order, which the test reads.
    timestamp: '2027-01-01T09:00:00.000Z',
    identity: { userId },
  }
}

/** mulberry32: the worker's jitter, reproducible. */
function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * The worker's fetch, passed through: counts Intilery's answers by status and records the
 * messageIds of every batch it accepted (the sandbox stores a repeated one once, so only this can
 * tell a message sent twice).
 */
export function trackingTap() {
  const accepted: string[] = []
  const answers = new Map<number, number>()
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init)
    answers.set(response.status, (answers.get(response.status) ?? 0) + 1)
    if (response.ok) {
      const body = JSON.parse(init?.body as string) as { batch: { messageId: string }[] }
      accepted.push(...body.batch.map((m) => m.messageId))
    }
    return response
  }
  return { accepted, answers, fetch }
}

export async function startWritebackTarget(): Promise<WritebackTarget> {
  const sandbox = await startSandbox({ port: 0 })
  const clock = { ms: Date.UTC(2027, 0, 1, 10) }
  const now = () => clock.ms
  const db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const store = createRelayStore({
    db,
    secretBox: await createSecretBox(Buffer.alloc(32, 5).toString('base64')),
    hasher: await createHasher('writeback-test-audit-key-0123456789abcdef'),
    now,
  })
  const { clientId, accountId, brandId, authToken } = sandbox.config
  await store.tenants.upsert({
    id: TENANT,
    name: 'Write-back',
    intilery: { baseUrl: sandbox.url, clientId, accountId, brandId, authToken },
    writeback: { enabled: true },
  })
  const upstreams = createUpstreamPool((credentials) => createUpstream(credentials, {}, { now }))
  const { accepted, answers, fetch } = trackingTap()
  const worker = createDeliveryWorker({
    outbox: store.outbox,
    tenants: store.tenants,
    readsFor: upstreams.upstreamFor,
    spareFor: upstreams.spareFor,
    hostResolvers: new Map(),
    fetch,
    timers: { ...systemTimers, now },
    random: seeded(7),
    settings: { ...DEFAULT_WORKER_SETTINGS, retry: DEFAULT_RETRY },
  })

  const pending = async () =>
    (await store.outboxAdmin.status()).reduce((sum, t) => sum + t.pending, 0)
  const ours = (prefix: string) =>
    [...sandbox.store.all()].flatMap((customer) =>
      customer.events
        .map((stored) => stored.event.eventId)
        .filter((id) => id.startsWith(prefix))
        .map((id) => ({ id, userId: customer.userId }))
    )
  return {
    sandbox,
    store,
    worker,
    clock,
    accepted,
    answers,
    async drain(stepMs, maxRounds = 1_000) {
      let rounds = 0
      while ((await pending()) > 0) {
        if (rounds++ >= maxRounds) throw new Error(`still pending after ${maxRounds} rounds`)
        await worker.runOnce()
        clock.ms += stepMs
      }
      return rounds
    },
    eventCounts(prefix) {
      const counts = new Map<string, number>()
      for (const { id } of ours(prefix)) counts.set(id, (counts.get(id) ?? 0) + 1)
      return counts
    },
    eventsOf(userId, prefix) {
      return ours(prefix)
        .filter((event) => event.userId === userId)
        .map((event) => event.id)
    },
    async stop() {
      await worker.stop()
      await store.close()
      await sandbox.stop()
    },
  }
}
