/**
 * The delivery worker's unit-test fixture: a real outbox on in-memory SQLite, a tenant with
 * write-back on, a fake tracking endpoint that records each batch and answers as the test says,
 * fake Profile API reads, the guard's real bucket, and a clock the test moves by hand.
 */
import type { Meta, ProfileRef } from '@intilery-connect/core'
import { NotFoundError } from '@intilery-connect/core'

import { createHasher } from '../../platform/crypto/hmac.ts'
import { createSecretBox } from '../../platform/crypto/secret-box.ts'
import type { UpstreamReads } from '../../ports.ts'
import { openDatabase } from '../../store/database.ts'
import type { Executor } from '../../store/schema.ts'
import { acme, AUDIT_KEY, ENCRYPTION_KEY, START_MS } from '../../store/suite/context.ts'
import { resolveUpstreamOptions, spareReserveOf } from '../../upstream/options.ts'
import { isLowPriority } from '../../upstream/low-priority.ts'
import { PacedTokenBucket } from '../../upstream/paced-bucket.ts'
import {
  createRelayStore,
  migrateRelayDatabase,
  type RelayStore,
} from '../../wiring/relay-store.ts'
import {
  createDeliveryWorker,
  type DeliveryWorker,
  type DeliveryWorkerDeps,
} from '../delivery-worker.ts'
import { DEFAULT_WORKER_SETTINGS, type WorkerSettings } from '../worker-settings.ts'
import type { DeliveryCounts } from '../deliver-tenant.ts'
import type { UnusableCounts } from '../outbox-claim.ts'
import type { HostIdentityResolver } from '../outbox-port.ts'
import type { TrackMessage } from '../track-batch.ts'
import { systemTimers } from '../writeback-timers.ts'

export interface ReceivedBatch {
  readonly url: string
  readonly authToken: string | null
  readonly batch: readonly TrackMessage[]
}

/** What the fake endpoint answers a batch with: a status (and headers), or never (a hang). */
export type Answer = AnswerStatus | 'hang'
export interface AnswerStatus {
  status: number
  headers?: Record<string, string>
  code?: string
}

export interface WorkerFixture {
  readonly store: RelayStore
  /** The store's database, for rows a test damages on purpose. */
  readonly db: Executor
  readonly clock: { ms: number }
  /** Every batch the endpoint got, answered or not. */
  readonly received: ReceivedBatch[]
  /** Decides each answer (or when it comes, as a promise); 200 by default. */
  answer: (batch: readonly TrackMessage[]) => Answer | Promise<AnswerStatus>
  /** Profiles by email for the fake `meta` reads; an email not here is a 404. */
  readonly profiles: Map<string, Meta[]>
  readonly lookups: string[]
  /** For each lookup, whether it ran marked as write-back's own (upstream/low-priority.ts). */
  readonly lookupsLowPriority: boolean[]
  /** Makes every read fail as the guard does when Intilery is down. */
  readsFail: Error | undefined
  /** acme's budget. */
  readonly bucket: PacedTokenBucket
  /** A tenant's budget (each has its own). */
  bucketOf(tenantId: string): PacedTokenBucket
  /** What each round did with each tenant's messages (the worker's onDelivered), in order. */
  readonly outcomes: ({ readonly tenantId: string } & DeliveryCounts)[]
  /** What the claims could not send, with why (the worker's onUnusable), in order. */
  readonly unusable: ({ readonly tenantId: string } & UnusableCounts)[]
  /** What the worker was made of, for another made the same way (tenant-workers.ts). */
  readonly deps: DeliveryWorkerDeps
  readonly worker: DeliveryWorker
  /** Sends in the order Intilery got them, by messageId. */
  readonly sent: () => string[]
  close(): Promise<void>
}

export const TOKEN = 'intilery-token-ACME-do-not-store-in-clear'

export async function startWorkerFixture(
  settings: Partial<WorkerSettings> = {},
  hostResolvers: ReadonlyMap<string, HostIdentityResolver> = new Map(),
  {
    clockMovesWhenWaited = false,
  }: {
    /**
     * A timer of at most a second (a wait for the budget's refill) moves the clock by its delay
     * and fires on the next turn; longer ones (a send's timeout) are left to real time.
     */
    readonly clockMovesWhenWaited?: boolean
  } = {}
): Promise<WorkerFixture> {
  const clock = { ms: START_MS }
  const now = () => clock.ms
  const db = openDatabase(':memory:')
  await migrateRelayDatabase(db)
  const store = createRelayStore({
    db,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    hasher: await createHasher(AUDIT_KEY),
    now,
  })
  await store.tenants.upsert(acme({ writeback: { enabled: true } }))
  // Each tenant's guard has a bucket of its own, as in the relay (wiring/upstream-pool.ts).
  const buckets = new Map<string, PacedTokenBucket>()
  const bucketOf = (tenantId: string) => {
    const known = buckets.get(tenantId)
    if (known !== undefined) return known
    const made = new PacedTokenBucket({
      ratePerSecond: 75,
      burst: 15,
      now,
      reserve: spareReserveOf(resolveUpstreamOptions()),
    })
    buckets.set(tenantId, made)
    return made
  }
  const bucket = bucketOf('acme')
  const received: ReceivedBatch[] = []
  const profiles = new Map<string, Meta[]>()
  const lookups: string[] = []
  const lookupsLowPriority: boolean[] = []
  const hangs: (() => void)[] = []

  const reads = {
    meta: (ref: ProfileRef) => {
      lookups.push(ref.value)
      lookupsLowPriority.push(isLowPriority())
      if (fixture.readsFail !== undefined) return Promise.reject(fixture.readsFail)
      const found = profiles.get(ref.value)
      if (found === undefined) return Promise.reject(new NotFoundError('No profile matches'))
      return Promise.resolve({
        value: { kind: 'list', profiles: found, requestId: 'r' },
        fetchedAt: now(),
        stale: false,
        upstreamFailing: false,
        ageMs: 0,
        requestId: 'r',
      })
    },
  } as unknown as UpstreamReads

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const body = JSON.parse(init?.body as string) as { batch: TrackMessage[] }
    const headers = new Headers(init?.headers)
    received.push({ url: input as string, authToken: headers.get('auth-token'), batch: body.batch })
    const decided = fixture.answer(body.batch)
    // An answer still to come is abandoned when the worker stops, as a real request is.
    const answer = await Promise.race([
      decided,
      new Promise<never>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))
      ),
    ])
    if (answer === 'hang')
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))
        hangs.push(() => reject(new Error('released')))
      })
    const json =
      answer.status < 300
        ? { success: true, accepted: body.batch.length }
        : { error: { code: answer.code ?? 'internal_server_error', message: 'about joe@x' } }
    return new Response(JSON.stringify(json), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    })
  }

  const outcomes: WorkerFixture['outcomes'] = []
  const unusable: WorkerFixture['unusable'] = []
  const deps: DeliveryWorkerDeps = {
    onDelivered: (tenantId, counts) => outcomes.push({ tenantId, ...counts }),
    onUnusable: (tenantId, counts) => unusable.push({ tenantId, ...counts }),
    outbox: store.outbox,
    tenants: store.tenants,
    readsFor: () => reads,
    spareFor: (tenant) => bucketOf(tenant.id).spareBudget(),
    hostResolvers,
    fetch,
    timers: {
      ...systemTimers,
      now,
      ...(clockMovesWhenWaited
        ? {
            setTimeout: (run: () => void, ms: number) =>
              ms > 1_000
                ? systemTimers.setTimeout(run, ms)
                : systemTimers.setTimeout(() => {
                    clock.ms += ms
                    run()
                  }, 0),
          }
        : {}),
    },
    random: () => 0,
    settings: {
      ...DEFAULT_WORKER_SETTINGS,
      retry: { baseDelayMs: 10_000, maxDelayMs: 3_600_000, maxAttempts: 10 },
      ...settings,
    },
  }

  const fixture: WorkerFixture = {
    store,
    db,
    clock,
    received,
    answer: () => ({ status: 200 }),
    profiles,
    lookups,
    lookupsLowPriority,
    readsFail: undefined,
    bucket,
    bucketOf,
    deps,
    outcomes,
    unusable,
    worker: createDeliveryWorker(deps),
    sent: () => received.flatMap((r) => r.batch.map((m) => m.messageId)),
    async close() {
      for (const release of hangs) release()
      await fixture.worker.stop()
      await store.close()
    },
  }
  return fixture
}
