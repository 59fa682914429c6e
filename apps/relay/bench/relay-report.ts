/** bench:relay's printed report: every figure beside its target, then how each was measured. */

import { UPSTREAM_REQUESTS_PER_SECOND } from '../src/upstream/index.ts'
import type { Answer } from './http-load.ts'
import type { burstStep, coldStep, herdStep, WarmResult } from './relay-steps.ts'
import { outcomeOf } from './relay-steps.ts'
import { settings } from './settings.ts'
import { countOutcomes, int, mb, ms, verdict, writeReport } from './report-format.ts'

export interface Figures {
  readonly cold: Awaited<ReturnType<typeof coldStep>>
  readonly warm: WarmResult & { size: string; bareSize: string }
  readonly warmSmall: WarmResult & { size: string; bareSize: string }
  readonly herd: Awaited<ReturnType<typeof herdStep>>
  readonly burst: Awaited<ReturnType<typeof burstStep>>
  readonly rss: readonly (readonly [string, number])[]
  readonly endMemory: { readonly rssMb: number; readonly peakRssMb: number }
}

const tally = (answers: readonly Answer[]) => countOutcomes(answers.map(outcomeOf))

function warmRows(label: string, result: WarmResult, target: boolean): string[][] {
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

function warmDetail(label: string, result: WarmResult): string {
  type WarmSide = WarmResult['relay']
  const perRequest = (side: WarmSide) => ms((side.serverCores / side.perSecond) * 1000)
  const saturated = (side: WarmSide) => (side.clientCores > 0.9 ? ', saturated: a lower bound' : '')
  const { relay, bare } = result
  return `- 2, ${label}: p50 relay ${ms(relay.p50)}, bare ${ms(bare.p50)}; non-200: relay ${relay.failed}, bare ${bare.failed}; cores used while loaded: relay ${relay.serverCores.toFixed(2)} = ${perRequest(relay)} CPU per request (load generator ${relay.clientCores.toFixed(2)}${saturated(relay)}), bare ${bare.serverCores.toFixed(2)} = ${perRequest(bare)} (load generator ${bare.clientCores.toFixed(2)}${saturated(bare)})`
}

export function printReport(f: Figures): void {
  const { cold, warm, warmSmall, herd, burst } = f
  // An open reads twice at least (meta and the first events page), and Intilery takes 100 a second.
  const possibleOpens = (UPSTREAM_REQUESTS_PER_SECOND / 2) * (settings.burstSpreadMs / 1000)
  const rows = [
    [
      '1',
      'cold context p50: relay vs direct (meta + events page in parallel)',
      `${ms(cold.relayP50)} vs ${ms(cold.directP50)} (+${ms(cold.relayP50 - cold.directP50)})`,
      'relay <= direct + 5 ms',
      verdict(cold.relayP50 <= cold.directP50 + 5),
    ],
    [
      '1',
      'cold context p99: relay vs direct',
      `${ms(cold.relayP99)} vs ${ms(cold.directP99)}`,
      '-',
      'reported',
    ],
    ...warmRows(`typical (${warm.size})`, warm, true),
    ...warmRows(`small (${warmSmall.size})`, warmSmall, false),
    [
      '3',
      `upstream requests for ${int(settings.herd)} concurrent opens of one uncached customer`,
      String(herd.upstream),
      '<= 2',
      verdict(herd.upstream <= 2),
    ],
    [
      '4',
      'upstream peak requests in one calendar second',
      String(burst.counters.peakPerSecond),
      '<= 100',
      verdict(burst.counters.peakPerSecond <= 100),
    ],
    ['4', 'upstream 429s', String(burst.upstream429), '0', verdict(burst.upstream429 === 0)],
    [
      '4',
      `relay answers to ${int(settings.burstOpens)} distinct opens`,
      tally(burst.answers),
      '-',
      'reported',
    ],
    [
      '4',
      `opens answered / physically possible (${UPSTREAM_REQUESTS_PER_SECOND}/s ÷ 2 reads × ${settings.burstSpreadMs / 1000} s = ${int(possibleOpens)})`,
      `${(burst.okCount / possibleOpens).toFixed(2)} (${int(burst.okCount)} / ${int(possibleOpens)})`,
      '>= 0.90',
      verdict(burst.okCount >= 0.9 * possibleOpens),
    ],
    [
      '5',
      'relay RSS after the run (VmRSS)',
      mb(f.endMemory.rssMb),
      '<= 150 MB',
      verdict(f.endMemory.rssMb <= 150),
    ],
  ]
  const details = [
    `- set-up: sandbox in this process (100 requests/s, burst 500, +${settings.latencyMs} ms on every call); relay built (\`pnpm build\`) and run in its own process (\`node dist/main.js\`, DATABASE_URL a SQLite file (the default store), LOG_LEVEL=warn); bare Hono built the same way, in its own process; load from this process with node:http keep-alive`,
    `- 1: ${settings.coldPairs} distinct seeded customers opened by id one at a time, relay and direct alternating; context bodies median ${int(cold.medianBytes)} bytes, largest ${int(cold.largestBytes)}; relay CPU ${ms(cold.cpuMsPerOpen)} per open; failures ${cold.failed}`,
    `- 2: ${settings.warmRounds} alternating rounds of ${settings.warmRoundMs} ms per side, medians; typical = Joe Bloggs by email (${warm.size}; bare ${warm.bareSize}), small = an ingested customer with 2 events (${warmSmall.size}; bare ${warmSmall.bareSize})`,
    warmDetail('typical', warm),
    warmDetail('small', warmSmall),
    `- 3: answers ${tally(herd.answers)}; the last after ${ms(herd.ms)}; p50 ${ms(herd.p50)}, p99 ${ms(herd.p99)}`,
    `- 4: customers created beforehand through the sandbox's tracking ingest, opened alternately by email and userId; issued over ${ms(burst.issuedMs)}, last answer after ${ms(burst.answeredMs)}; upstream requests ${int(burst.counters.total)} (${(burst.counters.total / Math.max(1, burst.okCount)).toFixed(1)} per answered open; 2 is the minimum), by status ${JSON.stringify(burst.counters.byStatus)}; answered opens' latency p50 ${ms(burst.okP50)}, p99 ${ms(burst.okP99)}`,
    `- 5: RSS after ${f.rss.map(([step, value]) => `${step} ${mb(value)}`).join(', ')}; peak (VmHWM) ${mb(f.endMemory.peakRssMb)}`,
  ]
  writeReport(
    `bench:relay — relay process vs direct sandbox calls and a bare Hono route (sandbox +${settings.latencyMs} ms)`,
    rows,
    details
  )
}
