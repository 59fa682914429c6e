/**
 * The five measurements of bench:relay, each against a running sandbox and relay (relay.bench.ts
 * sets them up and prints the report).
 */
import { performance } from 'node:perf_hooks'

import { createProfileRef, encodeProfileRef, toEventsWireQuery } from '@intilery-connect/core'
import type { RunningSandbox } from '@intilery-connect/sandbox'

import { FIRST_PAGE_SIZE } from '../src/customers/customer-context.ts'
import { closedLoop, get, postJson, sleep, type Answer, type LoadResult } from './http-load.ts'
import { cpuSecondsOf, ownCpuSeconds } from './processes.ts'
import { SMALL, settings } from './settings.ts'
import { median, percentile } from './stats.ts'

export interface RelayUnderTest {
  readonly url: string
  readonly pid: number
  /** The Authorization header of a currently valid Zendesk JWT. */
  readonly headers: () => Record<string, string>
}

export const contextUrl = (base: string, query: Record<string, string>) =>
  `${base}/zendesk/v1/context?${new URLSearchParams(query).toString()}`
const latencies = (answers: readonly Answer[]) => answers.map((a) => a.ms)

/** Step 4's customers, `bench-user-<n>`, plus SMALL: identify + one track each, 250 per batch. */
export async function ingestCustomers(sandbox: RunningSandbox, count: number) {
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
export async function upstreamQuiet(sandbox: RunningSandbox, quietMs = 1_000, maxMs = 15_000) {
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
export function outcomeOf(answer: Answer): string {
  if (answer.status === 0) return 'network error'
  try {
    const body = JSON.parse(answer.body) as { error?: { code?: string }; stale?: boolean }
    if (answer.status === 200) return body.stale === true ? '200 stale' : '200'
    return `${answer.status} ${body.error?.code ?? ''}`.trim()
  } catch {
    return String(answer.status)
  }
}

/** 1. Distinct customers one at a time, relay and the same two upstream calls made directly. */
export async function coldStep(
  sandbox: RunningSandbox,
  relay: RelayUnderTest,
  ids: { readonly warmUps: readonly string[]; readonly cold: readonly string[] }
) {
  const directHeaders = {
    'content-type': 'application/json',
    accept: 'application/json',
    'auth-token': sandbox.config.authToken,
  }
  const eventsQuery = new URLSearchParams(toEventsWireQuery({ limit: FIRST_PAGE_SIZE })).toString()
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
  const viaRelay = (id: string) => get(contextUrl(relay.url, { id }), relay.headers())
  for (const id of ids.warmUps) {
    await viaRelay(id)
    await direct(id)
  }
  const relayAnswers: Answer[] = []
  const directAnswers: Answer[] = []
  const cpu0 = cpuSecondsOf(relay.pid)
  for (const [i, id] of ids.cold.entries()) {
    if (i % 2 === 0) {
      relayAnswers.push(await viaRelay(id))
      directAnswers.push(await direct(id))
    } else {
      directAnswers.push(await direct(id))
      relayAnswers.push(await viaRelay(id))
    }
  }
  const sizes = relayAnswers.map((a) => Buffer.byteLength(a.body))
  return {
    relayP50: median(latencies(relayAnswers)),
    relayP99: percentile(latencies(relayAnswers), 99),
    directP50: median(latencies(directAnswers)),
    directP99: percentile(latencies(directAnswers), 99),
    cpuMsPerOpen: ((cpuSecondsOf(relay.pid) - cpu0) * 1000) / ids.cold.length,
    failed: [...relayAnswers, ...directAnswers].filter((a) => a.status !== 200).length,
    medianBytes: median(sizes),
    largestBytes: Math.max(...sizes),
  }
}

interface Round extends LoadResult {
  /** Cores the server process used while loaded. */
  readonly serverCores: number
  /** Cores this process (the load generator) used. */
  readonly clientCores: number
}

export interface Side {
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

/** 2. Alternating rounds of the relay and the bare route on one URL shape; medians of the rounds. */
export async function warmComparison(relay: Side, bare: Side) {
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
export type WarmResult = Awaited<ReturnType<typeof warmComparison>>

/** 3. Many agents open one uncached customer at once; the sandbox counts the upstream calls. */
export async function herdStep(sandbox: RunningSandbox, relay: RelayUnderTest, id: string) {
  await upstreamQuiet(sandbox, 500)
  sandbox.counters.reset()
  const started = performance.now()
  const answers = await Promise.all(
    Array.from({ length: settings.herd }, () => get(contextUrl(relay.url, { id }), relay.headers()))
  )
  const ms = performance.now() - started
  await upstreamQuiet(sandbox, 500)
  return {
    answers,
    ms,
    upstream: sandbox.counters.snapshot().total,
    p50: median(latencies(answers)),
    p99: percentile(latencies(answers), 99),
  }
}

/** 4. Distinct customers opened on a fixed schedule (open loop), alternately by email and userId. */
export async function burstStep(sandbox: RunningSandbox, relay: RelayUnderTest) {
  await sleep(1_500) // the relay's bucket refills to its burst
  sandbox.counters.reset()
  const opens: Promise<Answer>[] = []
  const started = performance.now()
  for (let n = 0; n < settings.burstOpens; n++) {
    const due = started + (n * settings.burstSpreadMs) / settings.burstOpens
    const wait = due - performance.now()
    if (wait >= 1) await sleep(wait)
    const query =
      n % 2 === 0 ? { email: `bench.user.${n}@example.com` } : { userId: `bench-user-${n}` }
    opens.push(get(contextUrl(relay.url, query), relay.headers()))
  }
  const issuedMs = performance.now() - started
  const answers = await Promise.all(opens)
  const answeredMs = performance.now() - started
  await upstreamQuiet(sandbox) // admitted reads of shed opens still finish upstream
  const counters = sandbox.counters.snapshot()
  const ok = answers.filter((a) => a.status === 200)
  return {
    answers,
    issuedMs,
    answeredMs,
    counters,
    upstream429: counters.byStatus['429'] ?? 0,
    okCount: ok.length,
    okP50: median(latencies(ok)),
    okP99: percentile(latencies(ok), 99),
  }
}
