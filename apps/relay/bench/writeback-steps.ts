/**
 * The three measurements of bench:writeback, each against a running relay and the tapped sandbox
 * (writeback.bench.ts starts and restarts them and prints the report).
 */
import { performance } from 'node:perf_hooks'

import { get, sleep, type Answer } from './http-load.ts'
import { cpuSecondsOf, ownCpuSeconds } from './processes.ts'
import { contextUrl, outcomeOf } from './relay-steps.ts'
import { median, percentile } from './stats.ts'
import type { AcceptedBatch, DeliveryTap } from './writeback-sandbox.ts'
import { writebackSettings as settings } from './writeback-settings.ts'
import { ZendeskSender, type Ack, type Delivery } from './writeback-webhooks.ts'

export interface RelayReads {
  readonly url: string
  readonly pid: number
  /** The Authorization header of a currently valid Zendesk JWT. */
  readonly headers: () => Record<string, string>
}

/** Tickets sent that Intilery has not accepted yet, counted exactly (a pass over every ticket). */
const undelivered = (sender: ZendeskSender, tap: DeliveryTap) =>
  [...sender.sent].filter((ticket) => !tap.tickets.has(ticket)).length

/**
 * The same count while waiting, in constant time: every ticket the tap sees was sent by this
 * bench's sender. The exact pass above, every 20 ms over the 30,000-40,000 tickets of a run, kept
 * this process (which also times the sidebar's reads and answers their Profile API calls) busy
 * during delivery only: 0.23-0.27 of a core then against 0.07 quiet, 0.10 without it. That was
 * charged to the reads measured during delivery (docs/benchmarks.md, 2026-12-05 15:18).
 */
const stillToArrive = (sender: ZendeskSender, tap: DeliveryTap) =>
  sender.sent.size - tap.tickets.size

/**
 * Waits until the sandbox has accepted an event for every ticket sent so far.
 * @returns how long that took, and how many were still missing when it gave up (0: none).
 */
export async function untilDelivered(
  sender: ZendeskSender,
  tap: DeliveryTap,
  timeoutMs = settings.deliveryTimeoutMs
) {
  const started = performance.now()
  while (stillToArrive(sender, tap) > 0 && performance.now() - started < timeoutMs) await sleep(20)
  return { ms: performance.now() - started, missing: undelivered(sender, tap) }
}

/**
 * 1. Webhooks on a fixed schedule (open loop) at `ackRate` for `ackMs`; every `duplicateEvery`-th
 * repeats the delivery sent ten before it, alternately as Zendesk's retry (same invocation id)
 * and as a second invocation of the same event (new id, same body).
 */
export async function ackStep(sender: ZendeskSender, relayPid: number) {
  const cpu0 = cpuSecondsOf(relayPid)
  const total = Math.round((settings.ackRate * settings.ackMs) / 1000)
  const sentSoFar: Delivery[] = []
  const acks: Promise<Ack>[] = []
  const issuedAt: number[] = []
  let repeats = 0
  const started = performance.now()
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / settings.ackRate
    const wait = due - performance.now()
    if (wait >= 1) await sleep(wait)
    const earlier = sentSoFar.at(-10)
    const isRepeat =
      settings.duplicateEvery > 0 && n % settings.duplicateEvery === 0 && earlier !== undefined
    let delivery: Delivery
    if (isRepeat) {
      repeats += 1
      delivery = ZendeskSender.repeat(earlier, repeats % 2 === 0)
    } else {
      delivery = sender.next()
      sentSoFar.push(delivery)
    }
    issuedAt.push(performance.now() - started)
    acks.push(sender.send(delivery))
  }
  const issuedMs = performance.now() - started
  const answered = await Promise.all(acks)
  const relayCpuMs = (cpuSecondsOf(relayPid) - cpu0) * 1000
  const ms = answered.map((a) => a.answer.ms)
  // Per second of the run: a queue building up (the relay slower than the rate) or a spike.
  const seconds = Math.ceil(settings.ackMs / 1000)
  const p99BySecond = Array.from({ length: seconds }, (_, second) =>
    percentile(
      ms.filter((_, i) => Math.floor((issuedAt[i] ?? 0) / 1000) === second),
      99
    )
  )
  return {
    p99BySecond,
    /** The relay's CPU per webhook, its worker's included. */
    cpuMsPerWebhook: relayCpuMs / answered.length,
    acks: answered,
    issuedMs,
    distinct: sentSoFar.length,
    repeats,
    p50: median(ms),
    p99: percentile(ms, 99),
    max: Math.max(...ms),
  }
}

/**
 * 2. Delivery of a backlog: the tap's batches from `firstBatch` on (those of the relay started
 * with the backlog waiting). The rate is taken between the first and the last batch's arrival, so
 * the relay's start-up is not in it: every message but the last batch's, over that span.
 */
export function drainFigures(tap: DeliveryTap, firstBatch: number) {
  const batches = tap.batches.slice(firstBatch)
  const messages = batches.reduce((sum, b) => sum + b.messages, 0)
  const rate = (some: readonly AcceptedBatch[]) => {
    const first = some[0]
    const last = some.at(-1)
    if (first === undefined || last === undefined || some.length < 2) return NaN
    const sent = some.reduce((sum, b) => sum + b.messages, 0) - last.messages
    return (sent / (last.at - first.at)) * 1000
  }
  // The halves tell whether a batch costs more while more is waiting (the claim's query).
  const half = Math.ceil(batches.length / 2)
  const spanMs = (batches.at(-1)?.at ?? 0) - (batches[0]?.at ?? 0)
  return {
    batches: batches.length,
    messages,
    spanMs,
    perSecond: rate(batches),
    batchesPerSecond: ((batches.length - 1) / spanMs) * 1000,
    medianBatch: median(batches.map((b) => b.messages)),
    firstHalfPerSecond: rate(batches.slice(0, half + 1)),
    secondHalfPerSecond: rate(batches.slice(half)),
  }
}

/** When a read started: a quiet round, or a burst's arrival or delivery. */
type Phase = 'quiet' | 'arrival' | 'delivery'

interface Read {
  readonly phase: Phase
  readonly answer: Answer
}

interface ReadRound {
  readonly reads: readonly Read[]
  /** Per phase, how long it lasted. */
  readonly ms: Partial<Record<Phase, number>>
  /** Per phase, the cores the relay and this process (client, sandbox, tap) used. */
  readonly cores: Partial<Record<Phase, { relay: number; bench: number }>>
  /** The round's burst (rounds with one): its webhooks' answers and delivery. */
  readonly burst?: {
    readonly acks: readonly Ack[]
    readonly messages: number
    readonly missing: number
  }
}

/** Sidebar opens of customers nobody opened before (`bench-user-<n>`, made by the bench). */
function customerCursor() {
  let next = 0
  return () => {
    if (next >= settings.readCustomers)
      throw new Error(
        `step 3 ran out of customers: raise BENCH_WB_READ_CUSTOMERS above ${settings.readCustomers}`
      )
    return `bench-user-${next++}`
  }
}

/** `readers` agents, each opening one new customer after another while `phase()` names one. */
async function readWhile(
  relay: RelayReads,
  nextCustomer: () => string,
  phase: () => Phase | undefined
): Promise<Read[]> {
  const reads: Read[] = []
  const agent = async () => {
    for (let now = phase(); now !== undefined; now = phase()) {
      const answer = await get(contextUrl(relay.url, { userId: nextCustomer() }), relay.headers(), {
        keepBody: false,
      })
      reads.push({ phase: now, answer })
    }
  }
  await Promise.all(Array.from({ length: settings.readers }, agent))
  return reads
}

/** CPU of the relay and of this process from now; `.cores(ms)` over a span of `ms`. */
function cpuMeter(pid: number) {
  const relay0 = cpuSecondsOf(pid)
  const bench0 = ownCpuSeconds()
  return (ms: number) => ({
    relay: (cpuSecondsOf(pid) - relay0) / (ms / 1000),
    bench: (ownCpuSeconds() - bench0) / (ms / 1000),
  })
}

async function quietRound(relay: RelayReads, nextCustomer: () => string): Promise<ReadRound> {
  const started = performance.now()
  const cpu = cpuMeter(relay.pid)
  const until = started + settings.quietRoundMs
  const reads = await readWhile(relay, nextCustomer, () =>
    performance.now() < until ? 'quiet' : undefined
  )
  const ms = performance.now() - started
  return { reads, ms: { quiet: ms }, cores: { quiet: cpu(ms) } }
}

/**
 * A write-back burst: Intilery holds the worker's batch while `burst` webhooks arrive (they pile
 * up in the outbox), then lets it through, and the worker drains the pile. Reads run throughout,
 * each counted in the phase it started in; the round ends when Intilery has every event.
 */
async function burstRound(
  relay: RelayReads,
  nextCustomer: () => string,
  sender: ZendeskSender,
  tap: DeliveryTap
): Promise<ReadRound> {
  let phase: Phase | undefined = 'arrival'
  const ms: ReadRound['ms'] = {}
  const cores: ReadRound['cores'] = {}
  tap.hold()
  const arrival = performance.now()
  let cpu = cpuMeter(relay.pid)
  const burst = (async () => {
    const acks = await sender.flood(settings.burst, settings.fillConcurrency)
    const delivery = performance.now()
    ms.arrival = delivery - arrival
    cores.arrival = cpu(ms.arrival)
    cpu = cpuMeter(relay.pid)
    const batch0 = tap.batches.length
    phase = 'delivery'
    tap.open()
    const { missing } = await untilDelivered(sender, tap)
    phase = undefined
    ms.delivery = performance.now() - delivery
    cores.delivery = cpu(ms.delivery)
    const messages = tap.batches.slice(batch0).reduce((sum, b) => sum + b.messages, 0)
    return { acks, messages, missing }
  })()
  try {
    const reads = await readWhile(relay, nextCustomer, () => phase)
    return { reads, ms, cores, burst: await burst }
  } finally {
    tap.open()
  }
}

function phaseSummary(rounds: readonly ReadRound[], phase: Phase) {
  const ok = (r: ReadRound) =>
    r.reads.filter((read) => read.phase === phase && read.answer.status === 200)
  const latencies = (r: ReadRound) => ok(r).map((read) => read.answer.ms)
  const withReads = rounds.filter((r) => ok(r).length > 0)
  return {
    p50: median(withReads.map((r) => median(latencies(r)))),
    p95: median(withReads.map((r) => percentile(latencies(r), 95))),
    reads: rounds.reduce((sum, r) => sum + ok(r).length, 0),
    failed: rounds.flatMap((r) =>
      r.reads
        .filter((read) => read.phase === phase && read.answer.status !== 200)
        .map((read) => outcomeOf(read.answer))
    ),
    phaseMs: median(rounds.map((r) => r.ms[phase] ?? 0)),
    relayCores: median(rounds.map((r) => r.cores[phase]?.relay ?? NaN)),
    benchCores: median(rounds.map((r) => r.cores[phase]?.bench ?? NaN)),
  }
}

/**
 * 3. Alternating rounds of the same reads with and without a write-back burst (the order flips
 * each round); per phase the medians of the rounds' p50 and p95.
 */
export async function readsDuringBurst(relay: RelayReads, sender: ZendeskSender, tap: DeliveryTap) {
  const nextCustomer = customerCursor()
  // Warm-up: the context route's code paths and sockets, not counted.
  const warmUntil = performance.now() + 1_000
  await readWhile(relay, nextCustomer, () => (performance.now() < warmUntil ? 'quiet' : undefined))
  const rounds = { quiet: [] as ReadRound[], burst: [] as ReadRound[] }
  for (let round = 0; round < settings.readRounds; round++) {
    const order = round % 2 === 0 ? (['quiet', 'burst'] as const) : (['burst', 'quiet'] as const)
    for (const side of order)
      rounds[side].push(
        side === 'quiet'
          ? await quietRound(relay, nextCustomer)
          : await burstRound(relay, nextCustomer, sender, tap)
      )
  }
  const bursts = rounds.burst.flatMap((r) => (r.burst === undefined ? [] : [r.burst]))
  const burstAcks = bursts.flatMap((b) => b.acks)
  return {
    quiet: phaseSummary(rounds.quiet, 'quiet'),
    delivery: phaseSummary(rounds.burst, 'delivery'),
    arrival: phaseSummary(rounds.burst, 'arrival'),
    burstAckP99: percentile(
      burstAcks.map((a) => a.answer.ms),
      99
    ),
    burstAcks,
    /** Messages per second while the worker drained each burst (median of the rounds). */
    drainPerSecond: median(
      rounds.burst.map((r) => ((r.burst?.messages ?? 0) / (r.ms.delivery ?? NaN)) * 1000)
    ),
    burstMissing: bursts.reduce((sum, b) => sum + b.missing, 0),
  }
}
export type ReadComparison = Awaited<ReturnType<typeof readsDuringBurst>>
