/** bench:writeback's printed report: every figure beside its target, then how each was measured. */
import process from 'node:process'

import type { ackStep, drainFigures, ReadComparison } from './writeback-steps.ts'
import { writebackSettings as settings } from './writeback-settings.ts'
import { tallyAcks, type Ack } from './writeback-webhooks.ts'
import { int, ms, verdict } from './report-format.ts'

/** The write-back share of one credential's upstream budget, and where its parts come from. */
export interface BudgetShare {
  readonly ratePerSecond: number
  readonly burst: number
  readonly reserveTokens: number
  readonly batchSize: number
  /** Messages per second the share allows: spare tokens per second times messages per token. */
  readonly messagesPerSecond: number
}

export interface WritebackFigures {
  readonly startedAt: string
  readonly loadAverage: readonly number[]
  readonly ack: Awaited<ReturnType<typeof ackStep>>
  readonly fill: {
    readonly acks: readonly Ack[]
    readonly ms: number
    readonly cpuMsPerWebhook: number
  }
  readonly drain: ReturnType<typeof drainFigures> & { readonly missing: number }
  readonly share: BudgetShare
  readonly reads: ReadComparison
  readonly exact: {
    readonly sent: number
    readonly accepted: number
    readonly acceptedTwice: number
    readonly stored: number
    readonly missing: number
    readonly unreadable: number
  }
  /** The sandbox's answers over the whole run, by status (429s would mean the budget slipped). */
  readonly upstreamStatuses: Readonly<Record<string, number>>
}

const listed = (counts: Readonly<Record<string, number | undefined>>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name}: ${int(count ?? 0)}`)
    .join(', ')
const pct = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`

export function printReport(f: WritebackFigures): void {
  const { ack, drain, share, reads, exact } = f
  const ackTally = tallyAcks(ack.acks)
  const acknowledged = ack.acks.filter((a) => a.answer.status === 200).length
  // Over the span the bucket gave its refill plus the spare part of the burst it started with.
  const startingSpare = share.burst - share.reserveTokens
  const shareOverSpan =
    share.messagesPerSecond + (startingSpare * share.batchSize * 1000) / drain.spanMs
  const ratio = drain.perSecond / shareOverSpan
  const p50Ratio = reads.delivery.p50 / reads.quiet.p50
  const p95Ratio = reads.delivery.p95 / reads.quiet.p95
  const allExact =
    exact.missing === 0 &&
    exact.acceptedTwice === 0 &&
    exact.accepted === exact.sent &&
    exact.stored === exact.sent &&
    exact.unreadable === 0
  const rows = [
    [
      '1',
      `webhook acknowledgement, ${int(settings.ackRate)}/s for ${(settings.ackMs / 1000).toFixed(0)} s (p50 / p99)`,
      `${ms(ack.p50)} / ${ms(ack.p99)}`,
      'p99 <= 50 ms',
      verdict(ack.p99 <= 50),
    ],
    [
      '1',
      'webhooks acknowledged (200)',
      `${int(acknowledged)} of ${int(ack.acks.length)}`,
      'all',
      verdict(acknowledged === ack.acks.length),
    ],
    [
      '2',
      `delivery from a backlog of ${int(settings.backlog)}, Intilery +${settings.latencyMs} ms`,
      `${int(drain.perSecond)} messages/s (${drain.batchesPerSecond.toFixed(1)} batches/s)`,
      '-',
      'reported',
    ],
    [
      '2',
      'delivery / write-back share of the upstream budget',
      `${ratio.toFixed(2)} (${int(drain.perSecond)} / ${int(shareOverSpan)})`,
      'limited only by the share (>= 0.90)',
      verdict(ratio >= 0.9),
    ],
    [
      '1-3',
      'Intilery has exactly the distinct events (by messageId)',
      `${int(exact.stored)} stored, ${int(exact.accepted)} accepted, of ${int(exact.sent)} distinct; ${int(exact.acceptedTwice)} sent twice; ${int(exact.missing)} missing`,
      'all, once each',
      verdict(allExact),
    ],
    [
      '3',
      'sidebar read p50: while a burst is delivered vs without',
      `${ms(reads.delivery.p50)} vs ${ms(reads.quiet.p50)} (${pct(p50Ratio)})`,
      'within 10%',
      verdict(p50Ratio <= 1.1),
    ],
    [
      '3',
      'sidebar read p95: while a burst is delivered vs without',
      `${ms(reads.delivery.p95)} vs ${ms(reads.quiet.p95)} (${pct(p95Ratio)})`,
      'within 10%',
      verdict(p95Ratio <= 1.1),
    ],
    [
      '3',
      "sidebar read p50 / p95 while the burst's webhooks arrive",
      `${ms(reads.arrival.p50)} / ${ms(reads.arrival.p95)} (${pct(reads.arrival.p50 / reads.quiet.p50)} / ${pct(reads.arrival.p95 / reads.quiet.p95)})`,
      '-',
      'reported',
    ],
  ]
  const fillTally = tallyAcks(f.fill.acks)
  const fillMs = f.fill.acks.map((a) => a.answer.ms).sort((a, b) => a - b)
  const burstTally = tallyAcks(reads.burstAcks)
  const lines = [
    `bench:writeback — ${f.startedAt}, node ${process.version}, load average at start ${f.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    'command: pnpm bench:writeback',
    '',
    '| step | figure | measured | target | |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `- 1: ${int(ack.acks.length)} webhooks issued over ${ms(ack.issuedMs)} (${int(ack.distinct)} distinct tickets, ${int(ack.repeats)} repeats: every ${settings.duplicateEvery}th repeats the one ten before it, alternately the same invocation id and a new one); statuses ${listed(ackTally.statuses)}; answers ${listed(ackTally.kinds)}; slowest ${ms(ack.max)}; p99 of each second ${ack.p99BySecond.map((v) => v.toFixed(0)).join(' ')} ms; relay CPU ${ack.cpuMsPerWebhook.toFixed(2)} ms per webhook. The delivery worker ran meanwhile.`,
    `- 1-3: the sandbox's answers over the run: ${listed(f.upstreamStatuses)}.`,
    `- 2: the backlog was stored by a relay with RELAY_WRITEBACK_WORKER=off (${int(f.fill.acks.length)} webhooks, ${settings.fillConcurrency} in flight, ${int((f.fill.acks.length / f.fill.ms) * 1000)}/s, p50 ${ms(fillMs[Math.floor(fillMs.length / 2)] ?? NaN)}, relay CPU ${f.fill.cpuMsPerWebhook.toFixed(2)} ms per webhook; statuses ${listed(fillTally.statuses)}), then the same database was opened by a relay with the worker on. The sandbox accepted ${int(drain.messages)} messages in ${int(drain.batches)} batches (median ${int(drain.medianBatch)} a batch) over ${ms(drain.spanMs)} from the first batch to the last (first half of the batches ${int(drain.firstHalfPerSecond)}/s, second half ${int(drain.secondHalfPerSecond)}/s); ${int(drain.missing)} missing after ${settings.deliveryTimeoutMs / 1000} s.`,
    `- 2, the share: the guard's bucket refills at ${share.ratePerSecond} tokens/s (burst ${share.burst}); write-back takes a token only when no reader waits and ${share.reserveTokens} stay in the bucket (ceil(burst x spareReserve)), a level, not a rate, so with no reads its share is the whole refill, ${share.ratePerSecond} tokens/s, plus the ${startingSpare} spare tokens the bucket starts with (burst less reserve), spread over the ${int(drain.spanMs)} ms of the delivery; each token sends one batch of up to ${share.batchSize} messages (no identity lookups here: every requester has an external id): (${share.ratePerSecond} + ${startingSpare} / ${(drain.spanMs / 1000).toFixed(2)} s) x ${share.batchSize} = ${int(shareOverSpan)} messages/s. Tokens used: ${drain.batchesPerSecond.toFixed(1)} of ${share.ratePerSecond} per second.`,
    `- 3: ${settings.readers} agents each open one new customer after another (context by userId, two upstream reads each, JWT); ${settings.readRounds} rounds per side, alternating. A burst round: Intilery (the tap) holds the worker's batch while ${int(settings.burst)} webhooks arrive, ${settings.fillConcurrency} in flight (median ${ms(reads.arrival.phaseMs)}), then lets it through, and the worker drains them (median ${ms(reads.delivery.phaseMs)}, ${int(reads.drainPerSecond)} messages/s); each read counts in the phase it started in. A quiet round lasts ${ms(reads.quiet.phaseMs)}. Reads: ${int(reads.delivery.reads)} during delivery, ${int(reads.arrival.reads)} during arrival, ${int(reads.quiet.reads)} quiet; non-200: delivery ${reads.delivery.failed.length}${reads.delivery.failed.length > 0 ? ` (${reads.delivery.failed.slice(0, 5).join(', ')})` : ''}, arrival ${reads.arrival.failed.length}${reads.arrival.failed.length > 0 ? ` (${reads.arrival.failed.slice(0, 5).join(', ')})` : ''}, quiet ${reads.quiet.failed.length}${reads.quiet.failed.length > 0 ? ` (${reads.quiet.failed.slice(0, 5).join(', ')})` : ''}.`,
    `- 3, cores used (median of rounds): relay quiet ${reads.quiet.relayCores.toFixed(2)}, arrival ${reads.arrival.relayCores.toFixed(2)}, delivery ${reads.delivery.relayCores.toFixed(2)}; the bench process (agents, sandbox, tap) quiet ${reads.quiet.benchCores.toFixed(2)}, arrival ${reads.arrival.benchCores.toFixed(2)}, delivery ${reads.delivery.benchCores.toFixed(2)}.`,
    `- 3, the bursts' webhooks: p99 ${ms(reads.burstAckP99)}; statuses ${listed(burstTally.statuses)}; answers ${listed(burstTally.kinds)}; ${int(reads.burstMissing)} events missing at the end of a round.`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}
