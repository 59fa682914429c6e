/**
 * pnpm bench:personalize — personalization's warm latency and throughput (#16 item 6), measured
 * side by side in one run (a benchmark, not a timed test).
 *
 * The built relay runs as its own process (`node dist/main.js`, SQLite in memory, LOG_LEVEL=warn)
 * in front of the Intilery sandbox with 50 ms added to every Profile API call, with an API key
 * (every trait, both scopes) and a site declared in its tenants file. Every customer used is read
 * once first, so what is measured is the warm path: the relay's own work over cached reads.
 * Closed loops of CONCURRENCY workers, in alternating slices so drift falls on all three alike:
 * - traits: `GET /v1/profiles/userId:…/traits` with the API key (the baseline);
 * - personalize: `POST /v1/personalize` asking two traits, an audience test and 5 recommendations;
 * - visitor: `GET /v1/visitor/context` with a visitor token and the site's Origin (two traits, an
 *   audience name, recommendations), each request for another of VISITORS customers.
 * Targets: personalize within 1.5x of traits (p50 and throughput); visitor p99 <= 25 ms.
 * BENCH_PERSONALIZE_SLICE_MS (default 4000) and BENCH_PERSONALIZE_SLICES (3 each) shorten it;
 * BENCH_PERSONALIZE_KINDS=personalize runs only those loops (to profile one, BENCH_NODE_FLAGS).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { signVisitorToken } from '@intilery-connect/personalize/server'
import { DYNAMIC_AUDIENCES, SEEDED, startSandbox } from '@intilery-connect/sandbox'

import { writeBenchTenants } from './bench-tenants.ts'
import { closeClient, closedLoop, get, post, type Answer, type LoadResult } from './http-load.ts'
import { buildServers, cpuSecondsOf, freePort, spawnNode, waitUntilHealthy } from './processes.ts'
import { ms, verdict, writeReport } from './report-format.ts'
import { percentile } from './stats.ts'
import { withCleanups } from './with-cleanups.ts'

const SLICE_MS = Number(process.env.BENCH_PERSONALIZE_SLICE_MS ?? 4_000)
const SLICES = Number(process.env.BENCH_PERSONALIZE_SLICES ?? 3)
const CONCURRENCY = 8
const VISITORS = 200
const LATENCY_MS = 50
const API_KEY = `bench-personalize-${randomBytes(12).toString('hex')}`
const SITE = {
  id: 'bench-site',
  origin: 'http://127.0.0.1:9',
  secret: randomBytes(32).toString('base64url'),
}
const relayDir = fileURLToPath(new URL('..', import.meta.url))
const progress = (text: string) => process.stderr.write(`bench:personalize: ${text}\n`)

const ALL_KINDS = ['traits', 'personalize', 'visitor'] as const
type Kind = (typeof ALL_KINDS)[number]
const KINDS = ALL_KINDS.filter((kind) =>
  (process.env.BENCH_PERSONALIZE_KINDS ?? ALL_KINDS.join(',')).split(',').includes(kind)
)
const merged = (results: readonly LoadResult[]) => {
  const latencies = results.flatMap((r) => r.latencies)
  const ok = results.reduce((n, r) => n + r.ok, 0)
  const elapsed = results.reduce((n, r) => n + r.elapsedMs, 0)
  return {
    ok,
    failed: results.reduce((n, r) => n + r.failed, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: (ok * 1000) / elapsed,
  }
}

await withCleanups(progress, async (cleanups) => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-personalize-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const sandbox = await startSandbox({ port: 0 })
  cleanups.push(() => sandbox.stop())
  progress('building the relay')
  const built = await buildServers(relayDir)
  const tenantsFile = writeBenchTenants(dir, sandbox, 'Bench', [
    "apiKeys: [{ name: bench, key: { env: BENCH_API_KEY }, traits: '*', scopes: [profiles, recommendations] }]",
    `sites: [{ id: ${SITE.id}, origins: ["${SITE.origin}"], traits: [firstName, favorite_blog_category], audiences: { ${DYNAMIC_AUDIENCES.highValue}: VIP }, recommendations: true, secret: { env: BENCH_SITE_SECRET } }]`,
  ])
  const port = await freePort()
  const relayUrl = `http://127.0.0.1:${port}`
  const relay = spawnNode('relay', built.relay, built.orphanGuard, {
    PORT: String(port),
    DATABASE_URL: ':memory:',
    LOG_LEVEL: 'warn',
    RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
    RELAY_TENANTS_FILE: tenantsFile,
    BENCH_INTILERY_TOKEN: sandbox.config.authToken,
    BENCH_API_KEY: API_KEY,
    BENCH_SITE_SECRET: SITE.secret,
    // The bench is one visitor's worth of browsers many times over: no per-visitor limit.
    RELAY_VISITOR_BURST: '100000',
    RELAY_VISITOR_PER_MINUTE: '6000000',
  })
  cleanups.push(() => relay.stop())
  cleanups.push(closeClient)
  await waitUntilHealthy(relay, `${relayUrl}/healthz`)
  sandbox.faults.set({ latencyMs: LATENCY_MS })

  const key = { authorization: `Bearer ${API_KEY}` }
  const joe = SEEDED.joeBloggs.userId
  const personalizeBody = JSON.stringify({
    identity: { userId: joe },
    traits: ['firstName', 'favorite_blog_category'],
    audiences: [DYNAMIC_AUDIENCES.highValue],
    recommendations: { recentlyViewed: { limit: 5 } },
  })
  const userIds = [...sandbox.store.all()]
    .map((c) => c.userId)
    .filter((id): id is string => typeof id === 'string' && id.length > 0)
    .slice(0, VISITORS)
  const tokens = await Promise.all(
    userIds.map((userId) =>
      signVisitorToken({ siteId: SITE.id, secret: SITE.secret, userId, lifetimeSeconds: 3600 })
    )
  )
  let next = 0
  const send: Record<Kind, () => Promise<Answer>> = {
    traits: () => get(`${relayUrl}/v1/profiles/userId:${joe}/traits`, key, { keepBody: false }),
    personalize: () =>
      post(
        `${relayUrl}/v1/personalize`,
        { ...key, 'content-type': 'application/json' },
        personalizeBody
      ),
    visitor: () => {
      next = (next + 1) % tokens.length
      return get(
        `${relayUrl}/v1/visitor/context`,
        { authorization: `Bearer ${tokens[next] ?? ''}`, origin: SITE.origin },
        { keepBody: false }
      )
    },
  }

  progress(`warming ${tokens.length + 1} customers' reads`)
  for (const kind of ['traits', 'personalize'] as const) {
    const answer = await send[kind]()
    if (answer.status !== 200) throw new Error(`${kind} answered ${answer.status}: ${answer.body}`)
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const answer = await send.visitor()
    if (answer.status !== 200) throw new Error(`visitor answered ${answer.status}`)
  }

  const results: Record<Kind, LoadResult[]> = { traits: [], personalize: [], visitor: [] }
  // The relay's own CPU per answer, apart from the bench's client sharing the machine.
  const cpu: Record<Kind, number> = { traits: 0, personalize: 0, visitor: 0 }
  for (let slice = 0; slice < SLICES; slice += 1) {
    for (const kind of KINDS) {
      progress(`slice ${slice + 1}/${SLICES}: ${kind}`)
      const cpuBefore = cpuSecondsOf(relay.pid)
      results[kind].push(
        await closedLoop(send[kind], {
          concurrency: CONCURRENCY,
          durationMs: SLICE_MS,
          maxRequests: Number.MAX_SAFE_INTEGER,
        })
      )
      cpu[kind] += cpuSecondsOf(relay.pid) - cpuBefore
    }
  }
  const traits = merged(results.traits)
  const personalize = merged(results.personalize)
  const visitor = merged(results.visitor)
  const p50Ratio = personalize.p50 / traits.p50
  const rateRatio = traits.perSecond / personalize.perSecond
  const cpuPerAnswer = (kind: Kind) =>
    (cpu[kind] * 1e6) / results[kind].reduce((n, r) => n + r.ok + r.failed, 0)
  const row = (name: Kind, r: ReturnType<typeof merged>) =>
    `${name.padEnd(11)}: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${r.perSecond.toFixed(0)} req/s, relay CPU ${cpuPerAnswer(name).toFixed(0)} µs an answer, ${r.failed} failed`
  writeReport(
    `bench:personalize — warm, ${CONCURRENCY} concurrent, ${SLICES} alternating slices of ${SLICE_MS / 1000} s each, Intilery +${LATENCY_MS} ms`,
    [
      [
        '1',
        'personalize / traits, p50',
        `${p50Ratio.toFixed(2)}x`,
        '<= 1.5x',
        verdict(p50Ratio <= 1.5),
      ],
      [
        '2',
        'traits / personalize, req/s',
        `${rateRatio.toFixed(2)}x`,
        '<= 1.5x',
        verdict(rateRatio <= 1.5),
      ],
      ['3', 'visitor context p99', ms(visitor.p99), '<= 25 ms', verdict(visitor.p99 <= 25)],
    ],
    [row('traits', traits), row('personalize', personalize), row('visitor', visitor)]
  )
})
