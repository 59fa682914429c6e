/**
 * pnpm bench:relay — the relay as an operator runs it (its own process, tenants file, in-memory
 * SQLite, LOG_LEVEL=warn) in front of the sandbox with 50 ms of added latency, measured side by side
 * in one run. Prints every figure beside its target; it is a benchmark, not a timed test.
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
 * bare server only, e.g. for CPU profiles or heap limits.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { createProfileRef, encodeProfileRef, toEventsWireQuery } from '@intilery-connect/core'
import { SEEDED, startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

import { FIRST_PAGE_SIZE } from '../src/context/customer-context.ts'
import {
  closeClient,
  closedLoop,
  cpuSecondsOf,
  freePort,
  get,
  median,
  memoryOf,
  ownCpuSeconds,
  percentile,
  postJson,
  sleep,
  spawnNode,
  waitUntilHealthy,
  type Answer,
  type Child,
  type LoadResult,
} from './support.ts'

const settings = {
  latencyMs: 50,
  coldPairs: Number(process.env.BENCH_COLD_PAIRS ?? 150),
  concurrency: 50,
  warmRounds: Number(process.env.BENCH_WARM_ROUNDS ?? 3),
  warmRoundMs: Number(process.env.BENCH_WARM_ROUND_MS ?? 2_500),
  herd: 1_000,
  burstOpens: 2_000,
  burstSpreadMs: 10_000,
}
const ZENDESK = { subdomain: 'demo', secret: randomBytes(24).toString('base64url') }
/** The ingested customer (beyond the 2,000 of step 4) whose small context is the second warm body. */
const SMALL = { userId: 'bench-small', email: 'bench.small@example.com' }
const relayDir = fileURLToPath(new URL('..', import.meta.url))

const progress = (text: string) => process.stderr.write(`bench:relay: ${text}\n`)
const ms = (value: number) => `${value.toFixed(1)} ms`
const mb = (value: number) => `${value.toFixed(0)} MB`
const int = (value: number) => Math.round(value).toLocaleString('en-GB')
const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`
const verdict = (met: boolean) => (met ? 'met' : '**NOT met**')
const latencies = (answers: readonly Answer[]) => answers.map((a) => a.ms)

async function zendeskToken(): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return sign(
    { iss: `https://${ZENDESK.subdomain}.zendesk.com`, sub: 'bench-agent', iat, exp: iat + 600 },
    ZENDESK.secret,
    'HS256'
  )
}

/** Step 4's customers, `bench-user-<n>`, plus SMALL: identify + one track each, 250 per batch. */
async function ingestCustomers(sandbox: RunningSandbox, count: number) {
  const people = Array.from({ length: count }, (_, n) => ({
    userId: `bench-user-${n}`,
    email: `bench.user.${n}@example.com`,
  }))
  people.push(SMALL)
  for (let first = 0; first < people.length; first += 250) {
    const batch = people.slice(first, first + 250).flatMap(({ userId, email }) => [
      { type: 'identify', userId, traits: { email, firstName: 'Bench', lastName: userId } },
      { type: 'track', userId, event: 'Signed Up', properties: { plan: 'basic' } },
    ])
    const answer = await postJson(
      `${sandbox.apiRoot}/batch`,
      { 'auth-token': sandbox.config.authToken },
      { batch }
    )
    if (answer.status !== 200) throw new Error(`ingest answered ${answer.status}: ${answer.body}`)
  }
}

/** Waits until the sandbox has seen no new request for `quietMs` (at most `maxMs`). */
async function upstreamQuiet(sandbox: RunningSandbox, quietMs = 1_000, maxMs = 15_000) {
  const until = performance.now() + maxMs
  let last = sandbox.counters.snapshot().total
  let quietSince = performance.now()
  while (performance.now() < until) {
    await sleep(100)
    const total = sandbox.counters.snapshot().total
    if (total !== last) {
      last = total
      quietSince = performance.now()
    } else if (performance.now() - quietSince >= quietMs) return
  }
}

/** `200`, `200 stale`, `429 rate_limited`, … */
function outcomeOf(answer: Answer): string {
  if (answer.status === 0) return 'network error'
  try {
    const body = JSON.parse(answer.body) as { error?: { code?: string }; stale?: boolean }
    if (answer.status === 200) return body.stale === true ? '200 stale' : '200'
    return `${answer.status} ${body.error?.code ?? ''}`.trim()
  } catch {
    return String(answer.status)
  }
}

function tally(answers: readonly Answer[]): string {
  const counts = new Map<string, number>()
  for (const answer of answers) {
    const outcome = outcomeOf(answer)
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([outcome, count]) => `${outcome}: ${int(count)}`)
    .join(', ')
}

interface Round extends LoadResult {
  /** Cores the server process used while loaded. */
  readonly serverCores: number
  /** Cores this process (the load generator) used. */
  readonly clientCores: number
}

interface Side {
  readonly url: string
  readonly headers: () => Record<string, string>
  readonly pid: number
}

async function loadRound(side: Side, durationMs: number): Promise<Round> {
  const server0 = cpuSecondsOf(side.pid)
  const client0 = ownCpuSeconds()
  const result = await closedLoop(() => get(side.url, side.headers(), { keepBody: false }), {
    concurrency: settings.concurrency,
    durationMs,
    maxRequests: 500_000,
  })
  const seconds = result.elapsedMs / 1000
  return {
    ...result,
    serverCores: (cpuSecondsOf(side.pid) - server0) / seconds,
    clientCores: (ownCpuSeconds() - client0) / seconds,
  }
}

/** Alternating rounds of the relay and the bare route on one URL shape; medians of the rounds. */
async function warmComparison(relay: Side, bare: Side) {
  await loadRound(relay, 1_000) // warm-up: JIT, sockets
  await loadRound(bare, 1_000)
  const rounds = { relay: [] as Round[], bare: [] as Round[] }
  for (let round = 0; round < settings.warmRounds; round++) {
    const order = round % 2 === 0 ? (['relay', 'bare'] as const) : (['bare', 'relay'] as const)
    for (const name of order)
      rounds[name].push(await loadRound(name === 'relay' ? relay : bare, settings.warmRoundMs))
  }
  const summary = (list: readonly Round[]) => ({
    perSecond: median(list.map((r) => r.perSecond)),
    p50: median(list.map((r) => median(r.latencies))),
    p99: median(list.map((r) => percentile(r.latencies, 99))),
    failed: list.reduce((sum, r) => sum + r.failed, 0),
    serverCores: median(list.map((r) => r.serverCores)),
    clientCores: median(list.map((r) => r.clientCores)),
  })
  return { relay: summary(rounds.relay), bare: summary(rounds.bare) }
}

async function main() {
  const cleanups: (() => Promise<void> | void)[] = []
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step()
      } catch (error) {
        progress(`cleanup: ${String(error)}`)
      }
    }
  }
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    // --- set-up: sandbox (its default 100/s limit, burst 500), extra customers, relay ---
    cleanups.push(closeClient)
    const sandbox = await startSandbox({ port: 0 })
    cleanups.push(() => sandbox.stop())
    const seeded = [...sandbox.store.all()]
    await ingestCustomers(sandbox, settings.burstOpens)
    const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const tenantsFile = join(dir, 'tenants.yaml')
    const { clientId, accountId, brandId, authToken } = sandbox.config
    writeFileSync(
      tenantsFile,
      [
        'tenants:',
        '  - id: bench',
        '    name: Bench brand (sandbox)',
        `    intilery: { baseUrl: "${sandbox.url}", clientId: ${clientId}, accountId: ${accountId}, brandId: ${brandId}, authToken: { env: BENCH_INTILERY_TOKEN } }`,
        `    zendesk: [{ subdomain: ${ZENDESK.subdomain}, sharedSecret: { env: BENCH_ZENDESK_SECRET } }]`,
        '',
      ].join('\n')
    )
    // LOG_LEVEL=warn hides the "listening" line, so the port is chosen here.
    const relayPort = await freePort()
    const relayUrl = `http://127.0.0.1:${relayPort}`
    const relay: Child = spawnNode('relay', 'src/main.ts', relayDir, {
      HOST: '127.0.0.1',
      PORT: String(relayPort),
      DATABASE_URL: ':memory:',
      RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
      RELAY_TENANTS_FILE: tenantsFile,
      BENCH_INTILERY_TOKEN: authToken,
      BENCH_ZENDESK_SECRET: ZENDESK.secret,
      LOG_LEVEL: 'warn',
    })
    cleanups.push(() => relay.stop())
    await waitUntilHealthy(relay, `${relayUrl}/healthz`)
    const rss: [string, number][] = [['start-up', memoryOf(relay.pid).rssMb]]
    sandbox.faults.set({ latencyMs: settings.latencyMs })
    let token = await zendeskToken()
    const relayHeaders = () => ({ authorization: `Bearer ${token}` })
    const contextUrl = (base: string, query: Record<string, string>) =>
      `${base}/zendesk/v1/context?${new URLSearchParams(query).toString()}`

    // Customers: Joe Bloggs stays warm; one seeded customer is kept for the herd; the rest go cold.
    const herdCustomer = seeded.at(-1)
    if (herdCustomer === undefined) throw new Error('the sandbox has no customers')
    const cold = seeded.filter((c) => c.id !== SEEDED.joeBloggs.id && c !== herdCustomer)
    const warmUps = cold.splice(0, 6)
    if (cold.length < settings.coldPairs)
      throw new Error(`only ${cold.length} seeded customers for ${settings.coldPairs} cold reads`)

    // --- 1. cold context: relay vs the same two upstream calls made directly ---
    progress(`1/5 cold context, ${settings.coldPairs} customers`)
    const directHeaders = {
      'content-type': 'application/json',
      accept: 'application/json',
      'auth-token': authToken,
    }
    const eventsQuery = new URLSearchParams(
      toEventsWireQuery({ limit: FIRST_PAGE_SIZE })
    ).toString()
    const direct = async (id: string): Promise<Answer> => {
      const started = performance.now()
      const base = `${sandbox.apiRoot}/profiles/${encodeProfileRef(createProfileRef('id', id))}`
      const [meta, events] = await Promise.all([
        get(`${base}/meta`, directHeaders),
        get(`${base}/events?${eventsQuery}`, directHeaders),
      ])
      const status = meta.status === 200 ? events.status : meta.status
      if (status === 200) {
        JSON.parse(meta.body)
        JSON.parse(events.body)
      }
      return { status, ms: performance.now() - started, body: '' }
    }
    const viaRelay = (id: string) => get(contextUrl(relayUrl, { id }), relayHeaders())
    for (const customer of warmUps) {
      await viaRelay(customer.id)
      await direct(customer.id)
    }
    const coldRelay: Answer[] = []
    const coldDirect: Answer[] = []
    const coldCpu0 = cpuSecondsOf(relay.pid)
    for (let i = 0; i < settings.coldPairs; i++) {
      const id = cold[i]?.id ?? ''
      if (i % 2 === 0) {
        coldRelay.push(await viaRelay(id))
        coldDirect.push(await direct(id))
      } else {
        coldDirect.push(await direct(id))
        coldRelay.push(await viaRelay(id))
      }
    }
    const coldCpuMs = ((cpuSecondsOf(relay.pid) - coldCpu0) * 1000) / settings.coldPairs
    const coldFailed =
      coldRelay.filter((a) => a.status !== 200).length +
      coldDirect.filter((a) => a.status !== 200).length
    const coldSizes = coldRelay.map((a) => Buffer.byteLength(a.body))
    const coldResult = {
      relayP50: median(latencies(coldRelay)),
      relayP99: percentile(latencies(coldRelay), 99),
      directP50: median(latencies(coldDirect)),
      directP99: percentile(latencies(coldDirect), 99),
    }
    rss.push(['cold', memoryOf(relay.pid).rssMb])

    // --- 2. warm context: relay vs a bare Hono route answering the same JSON ---
    progress(
      `2/5 warm context, ${settings.concurrency} in flight, ${settings.warmRounds} rounds of ${settings.warmRoundMs} ms per side, two bodies`
    )
    token = await zendeskToken()
    const bodies: Record<string, string> = {}
    for (const email of [SEEDED.joeBloggs.email, SMALL.email]) {
      const url = contextUrl(relayUrl, { email })
      await get(url, relayHeaders()) // fills the cache
      await sleep(100)
      const primed = await get(url, relayHeaders())
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
    const bare = spawnNode('bare Hono', 'bench/bare-server.ts', relayDir, {
      PORT: String(barePort),
      BENCH_BODY_FILE: bodyFile,
    })
    cleanups.push(() => bare.stop())
    await waitUntilHealthy(bare, `${bareUrl}/healthz`)
    const warmFor = async (email: string) => {
      const bareBody = await get(contextUrl(bareUrl, { email }))
      if (bareBody.status !== 200) throw new Error(`bare route: ${outcomeOf(bareBody)}`)
      const result = await warmComparison(
        { url: contextUrl(relayUrl, { email }), headers: relayHeaders, pid: relay.pid },
        { url: contextUrl(bareUrl, { email }), headers: () => ({}), pid: bare.pid }
      )
      return { ...result, size: kb(bodies[email] ?? ''), bareSize: kb(bareBody.body) }
    }
    const warm = await warmFor(SEEDED.joeBloggs.email)
    const warmSmall = await warmFor(SMALL.email)
    await bare.stop()
    rss.push(['warm', memoryOf(relay.pid).rssMb])

    // --- 3. 1,000 concurrent opens of one uncached customer ---
    progress(`3/5 ${settings.herd} concurrent opens of one uncached customer`)
    token = await zendeskToken()
    await upstreamQuiet(sandbox, 500)
    sandbox.counters.reset()
    const herdStarted = performance.now()
    const herd = await Promise.all(
      Array.from({ length: settings.herd }, () => viaRelay(herdCustomer.id))
    )
    const herdMs = performance.now() - herdStarted
    await upstreamQuiet(sandbox, 500)
    const herdUpstream = sandbox.counters.snapshot().total
    rss.push(['herd', memoryOf(relay.pid).rssMb])

    // --- 4. 2,000 opens of distinct customers, evenly spaced over 10 s (open loop) ---
    progress(
      `4/5 ${settings.burstOpens} opens of distinct customers over ${settings.burstSpreadMs} ms`
    )
    token = await zendeskToken()
    await sleep(1_500) // the relay's bucket refills to its burst
    sandbox.counters.reset()
    const opens: Promise<Answer>[] = []
    const burstStarted = performance.now()
    for (let n = 0; n < settings.burstOpens; n++) {
      const due = burstStarted + (n * settings.burstSpreadMs) / settings.burstOpens
      const wait = due - performance.now()
      if (wait >= 1) await sleep(wait)
      const query =
        n % 2 === 0 ? { email: `bench.user.${n}@example.com` } : { userId: `bench-user-${n}` }
      opens.push(get(contextUrl(relayUrl, query), relayHeaders()))
    }
    const issuedMs = performance.now() - burstStarted
    const burst = await Promise.all(opens)
    const answeredMs = performance.now() - burstStarted
    await upstreamQuiet(sandbox) // admitted reads of shed opens still finish upstream
    const burstCounters = sandbox.counters.snapshot()
    const upstream429 = burstCounters.byStatus['429'] ?? 0
    const burstOk = burst.filter((a) => a.status === 200)

    // --- 5. relay memory after the run ---
    progress('5/5 relay memory')
    const endMemory = memoryOf(relay.pid)
    rss.push(['distinct opens', endMemory.rssMb])

    // --- report ---
    const warmRows = (label: string, result: typeof warm, target: boolean) => {
      const mark = (met: boolean) => (target ? verdict(met) : `(${met ? 'met' : 'not met'})`)
      return [
        [
          '2',
          `warm context, ${label}: relay, ${settings.concurrency} in flight`,
          `${int(result.relay.perSecond)} req/s, p99 ${ms(result.relay.p99)}`,
          '>= 3,000 req/s; p99 <= 25 ms',
          `${mark(result.relay.perSecond >= 3_000)}; ${mark(result.relay.p99 <= 25)}`,
        ],
        [
          '2',
          `warm context, ${label}: bare Hono route, same JSON`,
          `${int(result.bare.perSecond)} req/s, p99 ${ms(result.bare.p99)}`,
          '-',
          'reported',
        ],
        [
          '2',
          `warm context, ${label}: relay / bare throughput`,
          (result.relay.perSecond / result.bare.perSecond).toFixed(2),
          '-',
          'reported',
        ],
      ]
    }
    const rows = [
      [
        '1',
        'cold context p50: relay vs direct (meta + events page in parallel)',
        `${ms(coldResult.relayP50)} vs ${ms(coldResult.directP50)} (+${ms(coldResult.relayP50 - coldResult.directP50)})`,
        'relay <= direct + 5 ms',
        verdict(coldResult.relayP50 <= coldResult.directP50 + 5),
      ],
      [
        '1',
        'cold context p99: relay vs direct',
        `${ms(coldResult.relayP99)} vs ${ms(coldResult.directP99)}`,
        '-',
        'reported',
      ],
      ...warmRows(`typical (${warm.size})`, warm, true),
      ...warmRows(`small (${warmSmall.size})`, warmSmall, false),
      [
        '3',
        `upstream requests for ${int(settings.herd)} concurrent opens of one uncached customer`,
        String(herdUpstream),
        '<= 2',
        verdict(herdUpstream <= 2),
      ],
      [
        '4',
        'upstream peak requests in one calendar second',
        String(burstCounters.peakPerSecond),
        '<= 100',
        verdict(burstCounters.peakPerSecond <= 100),
      ],
      ['4', 'upstream 429s', String(upstream429), '0', verdict(upstream429 === 0)],
      [
        '4',
        `relay answers to ${int(settings.burstOpens)} distinct opens`,
        tally(burst),
        '-',
        'reported',
      ],
      [
        '5',
        'relay RSS after the run (VmRSS)',
        mb(endMemory.rssMb),
        '<= 150 MB',
        verdict(endMemory.rssMb <= 150),
      ],
    ]
    const perRequest = (side: typeof warm.relay) => ms((side.serverCores / side.perSecond) * 1000)
    const saturated = (side: typeof warm.relay) =>
      side.clientCores > 0.9 ? ', saturated: a lower bound' : ''
    const warmDetail = (label: string, result: typeof warm) =>
      `- 2, ${label}: p50 relay ${ms(result.relay.p50)}, bare ${ms(result.bare.p50)}; non-200: relay ${result.relay.failed}, bare ${result.bare.failed}; cores used while loaded: relay ${result.relay.serverCores.toFixed(2)} = ${perRequest(result.relay)} CPU per request (load generator ${result.relay.clientCores.toFixed(2)}${saturated(result.relay)}), bare ${result.bare.serverCores.toFixed(2)} = ${perRequest(result.bare)} (load generator ${result.bare.clientCores.toFixed(2)}${saturated(result.bare)})`
    const details = [
      `- set-up: sandbox in this process (100 requests/s, burst 500, +${settings.latencyMs} ms on every call); relay in its own process (\`node --import tsx src/main.ts\`, DATABASE_URL=:memory:, LOG_LEVEL=warn); bare Hono in its own process; load from this process with node:http keep-alive`,
      `- 1: ${settings.coldPairs} distinct seeded customers opened by id one at a time, relay and direct alternating; context bodies median ${int(median(coldSizes))} bytes, largest ${int(Math.max(...coldSizes))}; relay CPU ${ms(coldCpuMs)} per open; failures ${coldFailed}`,
      `- 2: ${settings.warmRounds} alternating rounds of ${settings.warmRoundMs} ms per side, medians; typical = Joe Bloggs by email (${warm.size}; bare ${warm.bareSize}), small = an ingested customer with 2 events (${warmSmall.size}; bare ${warmSmall.bareSize})`,
      warmDetail('typical', warm),
      warmDetail('small', warmSmall),
      `- 3: answers ${tally(herd)}; the last after ${ms(herdMs)}; p50 ${ms(median(latencies(herd)))}, p99 ${ms(percentile(latencies(herd), 99))}`,
      `- 4: customers created beforehand through the sandbox's tracking ingest, opened alternately by email and userId; issued over ${ms(issuedMs)}, last answer after ${ms(answeredMs)}; upstream requests ${int(burstCounters.total)} (${(burstCounters.total / Math.max(1, burstOk.length)).toFixed(1)} per answered open; 2 is the minimum), by status ${JSON.stringify(burstCounters.byStatus)}; answered opens' latency p50 ${ms(median(latencies(burstOk)))}, p99 ${ms(percentile(latencies(burstOk), 99))}`,
      `- 5: RSS after ${rss.map(([step, value]) => `${step} ${mb(value)}`).join(', ')}; peak (VmHWM) ${mb(endMemory.peakRssMb)}`,
    ]
    process.stdout.write(
      [
        `bench:relay — relay process vs direct sandbox calls and a bare Hono route (sandbox +${settings.latencyMs} ms)`,
        `node ${process.version}`,
        '',
        '| # | figure | measured | target | |',
        '|---|---|---|---|---|',
        ...rows.map((row) => `| ${row.join(' | ')} |`),
        '',
        ...details,
        '',
      ].join('\n')
    )
  } finally {
    await cleanup()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

await main()
