/**
 * pnpm bench:writeback — write-back (#14) as an operator runs it: the built relay in its own
 * process (tenants file with write-back on and the Zendesk webhook's signing secret, SQLite in a
 * file, LOG_LEVEL=warn) in front of the Intilery sandbox with 50 ms added to every call, Zendesk's
 * webhooks signed as Zendesk signs them. Prints every figure beside its target; a benchmark, not a
 * timed test. The steps (writeback-steps.ts), in the order they run:
 *
 * 2. Delivery throughput: a backlog is stored by a relay whose worker is off; a relay with the
 *    worker on then opens the same database and delivers it. Messages/s as the sandbox receives
 *    them, as a ratio to the write-back share of the credential's upstream budget.
 * 1. Webhook acknowledgement: 200 webhooks/s for 10 s (distinct tickets, 5% repeats), the worker
 *    delivering meanwhile: p50/p99 and the answers.
 * 3. Sidebar reads (context of customers nobody opened before) in rounds with a write-back burst
 *    and rounds without, alternating; medians of p50/p95. A burst: Intilery holds the worker's
 *    batch while webhooks pile up in the outbox, then lets it through and the worker drains them;
 *    the target compares reads during the drain with quiet ones (reads while the webhooks arrive
 *    are reported beside them).
 * Finally: the sandbox holds exactly one event per distinct ticket sent, and accepted none twice.
 *
 * Knobs (writeback-settings.ts): BENCH_WB_ACK_RATE, BENCH_WB_ACK_MS, BENCH_WB_DUPLICATE_EVERY,
 * BENCH_WB_BACKLOG, BENCH_WB_FILL_CONCURRENCY, BENCH_WB_READ_ROUNDS, BENCH_WB_READERS,
 * BENCH_WB_BURST, BENCH_WB_QUIET_ROUND_MS, BENCH_WB_READ_CUSTOMERS; BENCH_NODE_FLAGS for the relay.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

import type { RunningSandbox } from '@intilery-connect/sandbox'

import { resolveUpstreamOptions } from '../src/upstream/options.ts'
import { DEFAULT_WORKER_SETTINGS } from '../src/writeback/worker-settings.ts'
import { writeBenchTenants } from './bench-tenants.ts'
import { closeClient } from './http-load.ts'
import {
  buildServers,
  cpuSecondsOf,
  freePort,
  spawnNode,
  waitUntilHealthy,
  type BuiltServers,
} from './processes.ts'
import { ingestCustomers } from './relay-steps.ts'
import { printReport, type BudgetShare } from './writeback-report.ts'
import { startTappedSandbox, storedWrittenBack } from './writeback-sandbox.ts'
import { progress, writebackSettings as settings } from './writeback-settings.ts'
import { ackStep, drainFigures, readsDuringBurst, untilDelivered } from './writeback-steps.ts'
import { ZendeskSender } from './writeback-webhooks.ts'
import { ZENDESK, zendeskToken } from './zendesk-jwt.ts'
import { withCleanups } from './with-cleanups.ts'

/** The webhook signing secret of the bench's Zendesk installation (zendesk-jwt.ts has the rest). */
const SIGNING_SECRET = randomBytes(24).toString('base64')
const relayDir = fileURLToPath(new URL('..', import.meta.url))

/** The share as the relay computes it (upstream/upstream.ts, writeback/delivery-worker.ts). */
function budgetShare(): BudgetShare {
  const upstream = resolveUpstreamOptions()
  const { batchSize } = DEFAULT_WORKER_SETTINGS
  return {
    ratePerSecond: upstream.ratePerSecond,
    burst: upstream.burst,
    reserveTokens: Math.ceil(upstream.burst * upstream.spareReserve),
    batchSize,
    messagesPerSecond: upstream.ratePerSecond * batchSize,
  }
}

/** One relay process over the run's database; `worker` says whether it delivers. */
async function startRelay(built: BuiltServers, env: Record<string, string>, worker: 'on' | 'off') {
  const port = await freePort()
  const child = spawnNode(`relay (worker ${worker})`, built.relay, built.orphanGuard, {
    ...env,
    PORT: String(port),
    RELAY_WRITEBACK_WORKER: worker,
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilHealthy(child, `${url}/healthz`)
  return { child, url }
}

/** The environment both relays share: the same database, keys and tenants file. */
function relayEnv(sandbox: RunningSandbox, dir: string): Record<string, string> {
  const tenantsFile = writeBenchTenants(dir, sandbox, 'Write-back bench (sandbox)', [
    `zendesk: [{ subdomain: ${ZENDESK.subdomain}, sharedSecret: { env: BENCH_ZENDESK_SECRET }, webhookSigningSecret: { env: BENCH_ZENDESK_SIGNING_SECRET } }]`,
    'writeback: { enabled: true }',
  ])
  return {
    HOST: '127.0.0.1',
    DATABASE_URL: join(dir, 'relay.db'),
    RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
    RELAY_TENANTS_FILE: tenantsFile,
    BENCH_INTILERY_TOKEN: sandbox.config.authToken,
    BENCH_ZENDESK_SECRET: ZENDESK.secret,
    BENCH_ZENDESK_SIGNING_SECRET: SIGNING_SECRET,
    LOG_LEVEL: 'warn',
    // Step 3 holds the worker's batch while a burst arrives (seconds); the default 10 s could
    // time it out and turn the drain into retries. Still under half the 60 s lease, as required.
    RELAY_WRITEBACK_SEND_TIMEOUT_MS: '25000',
  }
}

async function main() {
  const startedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const loadAverage = loadavg()
  await withCleanups(progress, async (cleanups) => {
    progress('building the relay')
    const built = await buildServers(relayDir)
    cleanups.push(closeClient)
    const { sandbox, tap } = await startTappedSandbox()
    cleanups.push(() => sandbox.stop())
    await ingestCustomers(sandbox, settings.readCustomers)
    sandbox.faults.set({ latencyMs: settings.latencyMs })
    sandbox.counters.reset()
    const dir = mkdtempSync(join(tmpdir(), 'writeback-bench-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const env = relayEnv(sandbox, dir)

    progress(`2/3 a backlog of ${settings.backlog} webhooks, stored with the worker off`)
    const storing = await startRelay(built, env, 'off')
    cleanups.push(() => storing.child.stop())
    const sender = new ZendeskSender(storing.url, ZENDESK.subdomain, SIGNING_SECRET)
    const fillStarted = performance.now()
    const fillCpu0 = cpuSecondsOf(storing.child.pid)
    const fillAcks = await sender.flood(settings.backlog, settings.fillConcurrency)
    const fill = {
      acks: fillAcks,
      ms: performance.now() - fillStarted,
      cpuMsPerWebhook: ((cpuSecondsOf(storing.child.pid) - fillCpu0) * 1000) / fillAcks.length,
    }
    await storing.child.stop()
    if (tap.accepted.size > 0) throw new Error('a relay with its worker off delivered something')

    progress('2/3 the same database opened with the worker on: delivering the backlog')
    const firstBatch = tap.batches.length
    const relay = await startRelay(built, env, 'on')
    cleanups.push(() => relay.child.stop())
    const drained = await untilDelivered(sender, tap)
    const drain = { ...drainFigures(tap, firstBatch), missing: drained.missing }

    progress(`1/3 ${settings.ackRate} webhooks/s for ${settings.ackMs} ms, the worker on`)
    // One sender for the whole run: its tickets stay distinct, and it knows every one sent.
    sender.relayUrl = relay.url
    const ack = await ackStep(sender, relay.child.pid)
    await untilDelivered(sender, tap)

    progress(
      `3/3 sidebar reads, ${settings.readRounds} rounds with a burst of ${settings.burst} webhooks and ${settings.readRounds} without`
    )
    let token = await zendeskToken()
    const tokenTimer = setInterval(() => {
      void zendeskToken().then((fresh) => (token = fresh))
    }, 60_000)
    cleanups.push(() => clearInterval(tokenTimer))
    const reads = await readsDuringBurst(
      {
        url: relay.url,
        pid: relay.child.pid,
        headers: () => ({ authorization: `Bearer ${token}` }),
      },
      sender,
      tap
    )

    const { missing } = await untilDelivered(sender, tap)
    const counts = [...tap.accepted.values()]
    printReport({
      startedAt,
      loadAverage,
      ack,
      fill,
      drain,
      share: budgetShare(),
      reads,
      exact: {
        sent: sender.sent.size,
        accepted: tap.accepted.size,
        acceptedTwice: counts.filter((n) => n > 1).length,
        stored: storedWrittenBack(sandbox).size,
        missing,
        unreadable: tap.unreadable,
      },
      upstreamStatuses: sandbox.counters.snapshot().byStatus,
    })
  })
}

await main()
