// Ten thousand Zendesk trigger deliveries through the relay's real webhook route, signed as
// Zendesk signs them, 1% of them repeats of an earlier one (Zendesk's retry of an invocation, or a
// second invocation of the same event), while the delivery worker sends to the real sandbox: the
// sandbox ends with exactly the distinct events, each once. The relay's store is in-memory SQLite
// with the real outbox and the webhook's own tables; every clock is the test's.
import { zendeskTriggerBody } from '@intilery-connect/core'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { createApp } from '../../src/app.ts'
import {
  EVENT_MIX,
  signedHeaders,
  stamp,
} from '../../src/hosts/zendesk/webhooks/test/zendesk-signer.ts'
import { zendeskHost } from '../../src/hosts/zendesk/zendesk-host.ts'
import { createZendeskWebhookSecrets } from '../../src/hosts/zendesk/webhooks/webhook-secrets.ts'
import { createHasher } from '../../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../../src/platform/crypto/secret-box.ts'
import { cachedTenantDirectory } from '../../src/platform/http/tenant-cache.ts'
import { openDatabase } from '../../src/store/database.ts'
import { createUpstream } from '../../src/upstream/index.ts'
import { createRelayStore, migrateRelayDatabase } from '../../src/wiring/relay-store.ts'
import { createUpstreamPool } from '../../src/wiring/upstream-pool.ts'
import { createDeliveryWorker } from '../../src/writeback/delivery-worker.ts'
import { DEFAULT_RETRY } from '../../src/writeback/retry-schedule.ts'
import { DEFAULT_WORKER_SETTINGS } from '../../src/writeback/worker-settings.ts'
import { systemTimers } from '../../src/writeback/writeback-timers.ts'
import { trackingTap } from './writeback-harness.ts'

const TENANT = 'wb-bulk'
const SUBDOMAIN = 'bulkdesk'
const SIGNING_SECRET = 'bulk-webhook-signing-secret-0123456789'
const DELIVERIES = 10_000
/** Every hundredth delivery repeats an earlier one. */
const REPEAT_EVERY = 100
/** Requests in flight at once, as a bulk update in Zendesk fires them. */
const IN_FLIGHT = 20
/** Deliveries sent between two of the worker's rounds (each round runs beside their sends). */
const CHUNK = 500

interface Delivery {
  readonly ticketId: number
  readonly invocationId: string
  readonly body: string
}

/** A new ticket's event, for one of 250 requesters (so the worker keeps many orders at once). */
function delivery(n: number): Delivery {
  const kind = EVENT_MIX[n % EVENT_MIX.length]
  if (kind === undefined) throw new Error('no trigger event')
  const ticketId = 100_000 + n
  const body = zendeskTriggerBody(kind.event, {
    ticketId: String(ticketId),
    status: kind.status,
    updatedAt: stamp(Date.UTC(2027, 0, 1, 8) + n * 1_000),
    requesterEmail: `bulk.requester.${n % 250}@example.com`,
    requesterExternalId: `wb-bulk-${n % 250}`,
    rating: kind.rating,
  })
  return { ticketId, invocationId: `inv-${n}`, body }
}

/**
 * The deliveries in the order Zendesk sends them: at every hundredth place, a repeat of one sent
 * 1, 7, 60, 800 or 4,000 places before (the nearest still in flight beside it, the farthest long
 * delivered to Intilery), alternately the same invocation (a retry) and a new one (a second
 * invocation of the same event).
 */
function deliveries(): { all: Delivery[]; distinct: Set<number> } {
  const all: Delivery[] = []
  const gaps = [1, 7, 60, 800, 4_000]
  let repeats = 0
  for (let i = 0; i < DELIVERIES; i += 1) {
    if (i % REPEAT_EVERY !== REPEAT_EVERY - 1) {
      all.push(delivery(i))
      continue
    }
    const gap = gaps[repeats % gaps.length] ?? 1
    const original = all[Math.max(0, i - gap)]
    if (original === undefined) throw new Error('no delivery to repeat')
    const sameInvocation = repeats % 2 === 0
    all.push(sameInvocation ? original : { ...original, invocationId: `inv-${i}-again` })
    repeats += 1
  }
  return { all, distinct: new Set(all.map((d) => d.ticketId)) }
}

let stopAll: (() => Promise<void>) | undefined
afterEach(async () => {
  await stopAll?.()
  stopAll = undefined
})

async function startRelayOverSandbox(sandbox: RunningSandbox, clock: { ms: number }) {
  const now = () => clock.ms
  const db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const secretBox = await createSecretBox(Buffer.alloc(32, 9).toString('base64'))
  const hasher = await createHasher('webhook-bulk-test-audit-key-0123456789abcdef')
  const store = createRelayStore({ db, secretBox, hasher, now })
  const { clientId, accountId, brandId, authToken } = sandbox.config
  await store.tenants.upsert({
    id: TENANT,
    name: 'Bulk',
    intilery: { baseUrl: sandbox.url, clientId, accountId, brandId, authToken },
    zendesk: [{ subdomain: SUBDOMAIN, sharedSecret: 'zendesk-app-shared-secret' }],
    writeback: { enabled: true },
  })
  await createZendeskWebhookSecrets({ db, secretBox, now }).set(TENANT, SUBDOMAIN, SIGNING_SECRET)
  const upstreams = createUpstreamPool((credentials) => createUpstream(credentials, {}, { now }))
  // As server.ts builds it, on the test's clock.
  const app = createApp({
    tenants: cachedTenantDirectory(store.tenants, 10_000, now),
    apiKeys: store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor: upstreams.upstreamFor,
    hasher,
    config: { allowedOrigins: [], frameAncestors: [], requestDeadlineMs: 3_000 },
    now,
    hosts: [zendeskHost.start({ config: {}, tenants: store.tenants, db, secretBox, now })],
    outbox: store.outbox,
  })
  /** MessageIds of every batch the sandbox accepted. */
  const { accepted, fetch } = trackingTap()
  const worker = createDeliveryWorker({
    outbox: store.outbox,
    tenants: store.tenants,
    readsFor: upstreams.upstreamFor,
    spareFor: upstreams.spareFor,
    hostResolvers: new Map(),
    fetch,
    timers: { ...systemTimers, now },
    random: () => 0.5,
    settings: { ...DEFAULT_WORKER_SETTINGS, retry: DEFAULT_RETRY },
  })

  /** One delivery, signed now by the test's clock, through the relay's route. */
  const send = async (d: Delivery) => {
    const response = await app.request(`/zendesk/v1/webhooks?subdomain=${SUBDOMAIN}`, {
      method: 'POST',
      headers: signedHeaders(SIGNING_SECRET, d.body, clock.ms, d.invocationId),
      body: d.body,
    })
    const answer = response.ok ? answerSchema.parse(await response.json()) : undefined
    return { status: response.status, answer }
  }
  const stop = async () => {
    await worker.stop()
    await store.close()
  }
  return { store, worker, send, accepted, stop }
}

/** What the route answers a delivery it took (webhook-routes.ts). */
const answerSchema = z.strictObject({
  stored: z.number(),
  duplicates: z.number(),
  repeated: z.boolean().optional(),
})
type Sent = { status: number; answer: z.infer<typeof answerSchema> | undefined }

/** Statuses by status, and the events the relay said it stored, found stored, or skipped. */
class Tally {
  readonly statuses: Record<number, number> = {}
  readonly events = { stored: 0, duplicates: 0, repeated: 0 }
  add({ status, answer }: Sent) {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1
    if (answer === undefined) return
    this.events.stored += answer.stored
    this.events.duplicates += answer.duplicates
    if (answer.repeated === true) this.events.repeated += 1
  }
}

/** Sends `batch` in order, `IN_FLIGHT` at a time. */
async function sendAll(
  send: (d: Delivery) => Promise<Sent>,
  batch: readonly Delivery[],
  tally: Tally
) {
  let next = 0
  const lane = async () => {
    while (next < batch.length) {
      const d = batch[next++]
      if (d === undefined) break
      tally.add(await send(d))
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
}

describe('the Zendesk webhook in bulk, to the sandbox', () => {
  it('stores exactly the distinct events of 10,000 signed deliveries of which 1% are repeats', async () => {
    const sandbox = await startSandbox({ port: 0 })
    const clock = { ms: Date.UTC(2027, 0, 1, 10) }
    const relay = await startRelayOverSandbox(sandbox, clock)
    stopAll = async () => {
      await relay.stop()
      await sandbox.stop()
    }
    const { all, distinct } = deliveries()
    expect(all).toHaveLength(DELIVERIES)
    expect(distinct.size).toBe(DELIVERIES - DELIVERIES / REPEAT_EVERY)

    const tally = new Tally()
    for (let i = 0; i < all.length; i += CHUNK) {
      await Promise.all([
        sendAll(relay.send, all.slice(i, i + CHUNK), tally),
        relay.worker.runOnce(),
      ])
      clock.ms += 1_000
    }
    expect(tally.statuses).toEqual({ 200: DELIVERIES })
    // A repeat is answered `repeated` (its invocation was handled) or `duplicates: 1` (a new
    // invocation, or one still in flight beside its first): which, a race may decide; the sum not.
    const repeats = DELIVERIES - distinct.size
    expect(tally.events.stored).toBe(distinct.size)
    expect(tally.events.duplicates + tally.events.repeated).toBe(repeats)
    expect(tally.events.repeated).toBeGreaterThan(0)
    expect(tally.events.duplicates).toBeGreaterThanOrEqual(repeats / 2)
    // Some were delivered while the rest still came in.
    expect(relay.accepted.length).toBeGreaterThan(0)
    expect(relay.accepted.length).toBeLessThan(distinct.size)

    const pending = async () =>
      (await relay.store.outboxAdmin.status()).reduce((sum, t) => sum + t.pending, 0)
    for (let rounds = 0; (await pending()) > 0; rounds += 1) {
      if (rounds >= 1_000) throw new Error('still pending after 1,000 rounds')
      await relay.worker.runOnce()
      clock.ms += 1_000
    }

    const [status] = await relay.store.outboxAdmin.status()
    expect(status).toMatchObject({ pending: 0, dead: 0, delivered: distinct.size })
    // What the sandbox holds: each distinct ticket's event, once.
    const counts = new Map<string, number>()
    for (const customer of sandbox.store.all())
      for (const { event } of customer.events)
        if (event.eventId.startsWith(`zendesk:${SUBDOMAIN}:`))
          counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1)
    expect(counts.size).toBe(distinct.size)
    expect([...counts.values()].every((count) => count === 1)).toBe(true)
    const tickets = new Set([...counts.keys()].map((id) => Number(id.split(':')[3])))
    expect(tickets).toEqual(distinct)
    expect(relay.accepted).toHaveLength(distinct.size)
    expect(new Set(relay.accepted).size).toBe(distinct.size)
  }, 120_000)
})
