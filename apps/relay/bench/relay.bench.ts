/**
 * pnpm bench:relay — the relay as an operator runs it (built, its own process, tenants file,
 * in-memory SQLite, LOG_LEVEL=warn) in front of the sandbox with 50 ms of added latency, measured
 * side by side in one run. Prints every figure beside its target; it is a benchmark, not a timed
 * test. The steps are in relay-steps.ts:
 *
 * 1. Cold context (distinct customers, so the cache never hits) through the relay vs. the same two
 *    upstream calls (meta + first events page) sent directly to the sandbox in parallel; alternating.
 * 2. Warm (cached) context, 50 requests in flight: requests/s and p99 through the relay vs. a bare
 *    Hono route answering the same JSON (bench/bare-server.ts, also its own process); alternating
 *    rounds, medians. Once with a typical context (Joe Bloggs, ~80 KB) and once with a small one.
 * 3. 1,000 concurrent opens of one uncached customer: upstream requests (sandbox counters).
 * 4. 2,000 opens of distinct customers spread evenly over 10 s: upstream peak per calendar second
 *    and 429s, and how the relay answered (it sheds reads whose token would come after the
 *    deadline). The 2,000 customers are created beforehand through the sandbox's tracking ingest
 *    (one batch identify + track each), then opened alternately by email and by userId.
 * 5. The relay's RSS after all of it (/proc/<pid>/status), and after each step.
 *
 * BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=<dir>" (any Node flags) applies to the relay and the
 * bare server only, e.g. for CPU profiles or heap limits. BENCH_COLD_PAIRS, BENCH_WARM_ROUNDS and
 * BENCH_WARM_ROUND_MS shorten a run.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { SEEDED, startSandbox } from '@intilery-connect/sandbox'

import { writeBenchTenants } from './bench-tenants.ts'
import { closeClient, get, sleep } from './http-load.ts'
import {
  buildServers,
  freePort,
  memoryOf,
  spawnNode,
  waitUntilHealthy,
  type BuiltServers,
} from './processes.ts'
import { printReport } from './relay-report.ts'
import {
  burstStep,
  coldStep,
  contextUrl,
  herdStep,
  ingestCustomers,
  outcomeOf,
  warmComparison,
  type RelayUnderTest,
} from './relay-steps.ts'
import { progress, settings, SMALL } from './settings.ts'
import { ZENDESK, ZENDESK_TENANT_LINE, zendeskToken } from './zendesk-jwt.ts'
import { withCleanups } from './with-cleanups.ts'

const relayDir = fileURLToPath(new URL('..', import.meta.url))
const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`

/** Writes the bench tenant's file (secrets by env reference) and starts the built relay. */
async function startRelay(
  built: BuiltServers,
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  dir: string
) {
  const tenantsFile = writeBenchTenants(dir, sandbox, 'Bench brand (sandbox)', [
    ZENDESK_TENANT_LINE,
  ])
  const { authToken } = sandbox.config
  // LOG_LEVEL=warn hides the "listening" line, so the port is chosen here.
  const port = await freePort()
  const child = spawnNode('relay', built.relay, built.orphanGuard, {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: join(dir, 'relay.db'),
    RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
    RELAY_TENANTS_FILE: tenantsFile,
    BENCH_INTILERY_TOKEN: authToken,
    BENCH_ZENDESK_SECRET: ZENDESK.secret,
    LOG_LEVEL: 'warn',
  })
  return { child, url: `http://127.0.0.1:${port}` }
}

async function main() {
  await withCleanups(progress, async (cleanups) => {
    // --- set-up: built servers, sandbox (its default 100/s limit, burst 500), customers, relay ---
    progress('building the relay and the bare server')
    const built = await buildServers(relayDir)
    cleanups.push(closeClient)
    const sandbox = await startSandbox({ port: 0 })
    cleanups.push(() => sandbox.stop())
    const seeded = [...sandbox.store.all()]
    await ingestCustomers(sandbox, settings.burstOpens)
    const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const { child: relayChild, url: relayUrl } = await startRelay(built, sandbox, dir)
    cleanups.push(() => relayChild.stop())
    await waitUntilHealthy(relayChild, `${relayUrl}/healthz`)
    const rss: [string, number][] = [['start-up', memoryOf(relayChild.pid).rssMb]]
    sandbox.faults.set({ latencyMs: settings.latencyMs })
    let token = await zendeskToken()
    const relay: RelayUnderTest = {
      url: relayUrl,
      pid: relayChild.pid,
      headers: () => ({ authorization: `Bearer ${token}` }),
    }

    // Customers: Joe Bloggs stays warm; one seeded customer is kept for the herd; the rest go cold.
    const herdCustomer = seeded.at(-1)
    if (herdCustomer === undefined) throw new Error('the sandbox has no customers')
    const cold = seeded
      .filter((c) => c.id !== SEEDED.joeBloggs.id && c !== herdCustomer)
      .map((c) => c.id)
    const warmUps = cold.splice(0, 6)
    if (cold.length < settings.coldPairs)
      throw new Error(`only ${cold.length} seeded customers for ${settings.coldPairs} cold reads`)

    progress(`1/5 cold context, ${settings.coldPairs} customers`)
    const coldResult = await coldStep(sandbox, relay, {
      warmUps,
      cold: cold.slice(0, settings.coldPairs),
    })
    rss.push(['cold', memoryOf(relay.pid).rssMb])

    progress(
      `2/5 warm context, ${settings.concurrency} in flight, ${settings.warmRounds} rounds of ${settings.warmRoundMs} ms per side, two bodies`
    )
    token = await zendeskToken()
    const bodies: Record<string, string> = {}
    for (const email of [SEEDED.joeBloggs.email, SMALL.email]) {
      const url = contextUrl(relay.url, { email })
      await get(url, relay.headers()) // fills the cache
      await sleep(100)
      const primed = await get(url, relay.headers())
      if (primed.status !== 200) throw new Error(`priming ${email}: ${outcomeOf(primed)}`)
      bodies[email] = primed.body
    }
    const bodyFile = join(dir, 'contexts.json')
    writeFileSync(
      bodyFile,
      JSON.stringify(
        Object.fromEntries(Object.entries(bodies).map(([email, body]) => [email, JSON.parse(body)]))
      )
    )
    const barePort = await freePort()
    const bareUrl = `http://127.0.0.1:${barePort}`
    const bare = spawnNode('bare Hono', built.bareServer, built.orphanGuard, {
      PORT: String(barePort),
      BENCH_BODY_FILE: bodyFile,
    })
    cleanups.push(() => bare.stop())
    await waitUntilHealthy(bare, `${bareUrl}/healthz`)
    const warmFor = async (email: string) => {
      const bareBody = await get(contextUrl(bareUrl, { email }))
      if (bareBody.status !== 200) throw new Error(`bare route: ${outcomeOf(bareBody)}`)
      const result = await warmComparison(
        { url: contextUrl(relay.url, { email }), headers: relay.headers, pid: relay.pid },
        { url: contextUrl(bareUrl, { email }), headers: () => ({}), pid: bare.pid }
      )
      return { ...result, size: kb(bodies[email] ?? ''), bareSize: kb(bareBody.body) }
    }
    const warm = await warmFor(SEEDED.joeBloggs.email)
    const warmSmall = await warmFor(SMALL.email)
    await bare.stop()
    rss.push(['warm', memoryOf(relay.pid).rssMb])

    progress(`3/5 ${settings.herd} concurrent opens of one uncached customer`)
    token = await zendeskToken()
    const herd = await herdStep(sandbox, relay, herdCustomer.id)
    rss.push(['herd', memoryOf(relay.pid).rssMb])

    progress(
      `4/5 ${settings.burstOpens} opens of distinct customers over ${settings.burstSpreadMs} ms`
    )
    token = await zendeskToken()
    const burst = await burstStep(sandbox, relay)

    progress('5/5 relay memory, now and after 10 s idle')
    const endMemory = memoryOf(relay.pid)
    rss.push(['distinct opens', endMemory.rssMb])
    // V8 gives heap back to the OS once a process goes idle; what an operator's graph shows later.
    await sleep(10_000)
    rss.push(['10 s idle', memoryOf(relay.pid).rssMb])

    printReport({ cold: coldResult, warm, warmSmall, herd, burst, rss, endMemory })
  })
}

await main()
