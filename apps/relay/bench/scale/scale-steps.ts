/**
 * The measurements of bench:scale that bench:relay does not already make (its herd and burst
 * steps are reused as they are, against nginx): three instances against one, Redis stopped for
 * 10 s, and one instance killed.
 */
import { performance } from 'node:perf_hooks'

import type { RunningSandbox } from '@intilery-connect/sandbox'

import { closedLoop, get, sleep, type Answer } from '../http-load.ts'
import { cpuSecondsOf, ownCpuSeconds, type Child } from '../processes.ts'
import { contextUrl, outcomeOf, upstreamQuiet } from '../relay-steps.ts'
import { median, percentile } from '../stats.ts'
import { scaleSettings } from './scale-settings.ts'

export interface Front {
  /** nginx's https URL. */
  readonly url: string
  /** The processes whose CPU serves it (the relays behind it). */
  readonly pids: readonly number[]
}

type Headers = () => Record<string, string>

const cpuOf = (pids: readonly number[]) => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0)

async function warmRound(front: Front, email: string, headers: Headers, durationMs: number) {
  const server0 = cpuOf(front.pids)
  const client0 = ownCpuSeconds()
  const result = await closedLoop(
    () => get(contextUrl(front.url, { email }), headers(), { keepBody: false }),
    { concurrency: scaleSettings.concurrency, durationMs, maxRequests: 500_000 }
  )
  const seconds = result.elapsedMs / 1000
  return {
    ...result,
    relayCores: (cpuOf(front.pids) - server0) / seconds,
    clientCores: (ownCpuSeconds() - client0) / seconds,
  }
}

/** Warm opens through nginx over three instances and over one, alternating rounds; medians. */
export async function threeVersusOne(three: Front, one: Front, email: string, headers: Headers) {
  await warmRound(three, email, headers, 1_000) // JIT, TLS sessions, sockets
  await warmRound(one, email, headers, 1_000)
  type Round = Awaited<ReturnType<typeof warmRound>>
  const rounds = { three: [] as Round[], one: [] as Round[] }
  for (let round = 0; round < scaleSettings.warmRounds; round++) {
    const order = round % 2 === 0 ? (['three', 'one'] as const) : (['one', 'three'] as const)
    for (const name of order)
      rounds[name].push(
        await warmRound(name === 'three' ? three : one, email, headers, scaleSettings.warmRoundMs)
      )
  }
  const summary = (list: readonly Round[]) => ({
    perSecond: median(list.map((r) => r.perSecond)),
    p99: median(list.map((r) => percentile(r.latencies, 99))),
    failed: list.reduce((sum, r) => sum + r.failed, 0),
    relayCores: median(list.map((r) => r.relayCores)),
    clientCores: median(list.map((r) => r.clientCores)),
  })
  return { three: summary(rounds.three), one: summary(rounds.one) }
}

export interface RedisControl {
  kill(): Promise<void>
  restart(): Promise<void>
}

/**
 * Distinct customers opened at a steady rate for the step's length, with Redis stopped for 10 s
 * in the middle. What matters: the upstream never goes over Intilery's limit, and answers go on.
 */
export async function redisOutageStep(
  sandbox: RunningSandbox,
  front: Front,
  headers: Headers,
  redis: RedisControl,
  readyzUrl: string,
  firstCustomer: number
) {
  const { outageOpensPerSecond: rate, outageStepMs, outageFromMs, outageMs } = scaleSettings
  await upstreamQuiet(sandbox, 500)
  sandbox.counters.reset()
  const opens: Promise<Answer & { sentAt: number }>[] = []
  const started = performance.now()
  let redisStopped = false
  let redisBack = false
  let readyzDuring = ''
  const total = Math.round((rate * outageStepMs) / 1000)
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate
    const wait = due - performance.now()
    if (wait >= 1) await sleep(wait)
    const at = performance.now() - started
    if (!redisStopped && at >= outageFromMs) {
      redisStopped = true
      await redis.kill()
    } else if (
      redisStopped &&
      !redisBack &&
      at >= outageFromMs + outageMs / 2 &&
      readyzDuring === ''
    ) {
      const readyz = await get(readyzUrl)
      readyzDuring = `${readyz.status} ${readyz.body}`
    } else if (redisStopped && !redisBack && at >= outageFromMs + outageMs) {
      redisBack = true
      await redis.restart()
    }
    const customer = firstCustomer + n
    opens.push(
      get(contextUrl(front.url, { email: `bench.user.${customer}@example.com` }), headers()).then(
        (answer) => ({ ...answer, sentAt: at })
      )
    )
  }
  const answers = await Promise.all(opens)
  await upstreamQuiet(sandbox)
  const counters = sandbox.counters.snapshot()
  const window = (from: number, to: number) =>
    answers.filter((a) => a.sentAt >= from && a.sentAt < to)
  return {
    counters,
    upstream429: counters.byStatus['429'] ?? 0,
    before: window(0, outageFromMs),
    during: window(outageFromMs, outageFromMs + outageMs),
    after: window(outageFromMs + outageMs, Number.POSITIVE_INFINITY),
    readyzDuring,
  }
}

/**
 * Warm opens through nginx, `concurrency` in flight, while one instance is killed with SIGKILL:
 * which answers failed, against how many requests were in flight when it died.
 */
export async function killStep(
  front: Front,
  emails: readonly string[],
  headers: Headers,
  victim: Child
) {
  let inFlight = 0
  let next = 0
  const answers: Answer[] = []
  const send = async () => {
    const email = emails[next++ % emails.length] ?? ''
    inFlight += 1
    const answer = await get(contextUrl(front.url, { email }), headers(), { keepBody: true })
    inFlight -= 1
    answers.push(answer)
    return answer
  }
  const load = closedLoop(send, {
    concurrency: scaleSettings.concurrency,
    durationMs: scaleSettings.killStepMs,
    maxRequests: 1_000_000,
  })
  await sleep(scaleSettings.killAtMs)
  const inFlightAtKill = inFlight
  victim.process.kill('SIGKILL')
  const result = await load
  const failed = answers.filter((a) => a.status !== 200)
  return {
    total: answers.length,
    perSecond: result.perSecond,
    failed: failed.map(outcomeOf),
    inFlightAtKill,
    instances: front.pids.length,
  }
}
