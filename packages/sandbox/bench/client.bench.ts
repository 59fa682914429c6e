/**
 * pnpm bench:client — events per second paging through the >= 5,000-event customer with the core
 * client's `for await`, beside the same pages fetched with bare `fetch` + `JSON.parse` in the same
 * run (interleaved rounds, medians). The ratio is the price of the client's validation, typed
 * errors and retry machinery. The sandbox's rate limit is lifted so neither side is throttled.
 */
import { performance } from 'node:perf_hooks'
import process from 'node:process'

import { createProfileClient, createProfileRef } from '@intilery-connect/core'

import { SEEDED } from '../src/seed/index.ts'
import { startSandbox } from '../src/server.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const sandbox = await startSandbox({ port: 0, ratePerSecond: 1_000_000, burst: 1_000_000 })
const { clientId, accountId, brandId, authToken } = sandbox.config
const ref = createProfileRef('userId', SEEDED.powerUser.userId)
const client = createProfileClient({
  baseUrl: sandbox.url,
  clientId,
  accountId,
  brandId,
  authToken,
  rateLimit: false,
})
const eventsUrl = `${sandbox.apiRoot}/profiles/userId:${encodeURIComponent(ref.value)}/events`
const headers = { 'content-type': 'application/json', 'auth-token': authToken }

async function viaClient(): Promise<number> {
  let count = 0
  for await (const _event of client.iterateEvents(ref, { limit: 100 }, { max: 100_000 })) count += 1
  return count
}

async function viaBareFetch(): Promise<number> {
  let count = 0
  let url = `${eventsUrl}?limit=100`
  for (;;) {
    const body = JSON.parse(await (await fetch(url, { headers })).text()) as {
      scrollId: string
      data: unknown[]
    }
    count += body.data.length
    if (body.data.length < 100) return count
    url = `${eventsUrl}?scrollId=${encodeURIComponent(body.scrollId)}`
  }
}

async function timed(run: () => Promise<number>): Promise<{ events: number; ms: number }> {
  const start = performance.now()
  const events = await run()
  return { events, ms: performance.now() - start }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

try {
  await viaClient() // warm both paths (JIT, connection pool, schema caches)
  await viaBareFetch()
  const clientRuns: number[] = []
  const bareRuns: number[] = []
  let events = 0
  for (let round = 0; round < ROUNDS; round++) {
    const a = await timed(viaClient)
    const b = await timed(viaBareFetch)
    if (a.events !== b.events) throw new Error(`paths disagree: ${a.events} vs ${b.events} events`)
    events = a.events
    clientRuns.push(a.ms)
    bareRuns.push(b.ms)
  }
  const clientMs = median(clientRuns)
  const bareMs = median(bareRuns)
  const perSecond = (ms: number) => Math.round((events / ms) * 1000)
  process.stdout.write(
    [
      `bench:client — ${events} events of one customer, pages of 100, ${ROUNDS} interleaved rounds (medians)`,
      `node ${process.version}`,
      '',
      '| path | ms per full history | events/s |',
      '|---|---:|---:|',
      `| core client, for await (zod-validated) | ${clientMs.toFixed(1)} | ${perSecond(clientMs)} |`,
      `| bare fetch + JSON.parse | ${bareMs.toFixed(1)} | ${perSecond(bareMs)} |`,
      '',
      `ratio client/bare throughput: ${(bareMs / clientMs).toFixed(2)}`,
      '',
    ].join('\n')
  )
} finally {
  await sandbox.stop()
}
