/** bench:scale's printed report: every figure beside its target, then how each was measured. */
import { cpus } from 'node:os'

import { UPSTREAM_REQUESTS_PER_SECOND } from '../../src/upstream/index.ts'
import type { Answer } from '../http-load.ts'
import { outcomeOf, type burstStep, type herdStep } from '../relay-steps.ts'
import { settings } from '../settings.ts'
import { scaleSettings } from './scale-settings.ts'
import type { killStep, redisOutageStep, threeVersusOne } from './scale-steps.ts'
import { countOutcomes as tally, int, ms, verdict, writeReport } from '../report-format.ts'

export interface ScaleFigures {
  readonly versions: string
  readonly nodeOptions: { readonly value: string; readonly from: string }
  readonly herd: Awaited<ReturnType<typeof herdStep>>
  readonly burst: Awaited<ReturnType<typeof burstStep>>
  readonly warm: Awaited<ReturnType<typeof threeVersusOne>>
  readonly outage: Awaited<ReturnType<typeof redisOutageStep>>
  readonly kill: Awaited<ReturnType<typeof killStep>>
  /** Per instance: RSS in MB after the run (the killed one: just before it was killed). */
  readonly rss: readonly (readonly [string, number])[]
  /** The relays' warnings and errors over the run, by message. */
  readonly logged: string
}

const tallyAnswers = (answers: readonly Answer[]) => tally(answers.map(outcomeOf))

export function printScaleReport(f: ScaleFigures): void {
  const { herd, burst, warm, outage, kill } = f
  const possibleOpens = (UPSTREAM_REQUESTS_PER_SECOND / 2) * (settings.burstSpreadMs / 1000)
  const ratio = warm.three.perSecond / warm.one.perSecond
  const answeredDuring = outage.during.filter((a) => a.status === 200).length
  const worstRss = Math.max(...f.rss.map(([, value]) => value))
  const rows = [
    [
      '1',
      `upstream requests for ${int(settings.herd)} concurrent opens of one uncached customer`,
      String(herd.upstream),
      '<= 2',
      verdict(herd.upstream <= 2),
    ],
    [
      '2',
      `upstream peak in one calendar second, ${int(settings.burstOpens)} distinct opens in ${settings.burstSpreadMs / 1000} s`,
      String(burst.counters.peakPerSecond),
      '<= 100',
      verdict(burst.counters.peakPerSecond <= 100),
    ],
    ['2', 'upstream 429s', String(burst.upstream429), '0', verdict(burst.upstream429 === 0)],
    [
      '2',
      `opens answered / possible (${UPSTREAM_REQUESTS_PER_SECOND}/s ÷ 2 reads × ${settings.burstSpreadMs / 1000} s)`,
      `${(burst.okCount / possibleOpens).toFixed(2)} (${int(burst.okCount)} / ${int(possibleOpens)})`,
      '>= 0.90',
      verdict(burst.okCount >= 0.9 * possibleOpens),
    ],
    [
      '3',
      'warm opens through nginx: three instances',
      `${int(warm.three.perSecond)} req/s, p99 ${ms(warm.three.p99)}`,
      '-',
      'reported',
    ],
    [
      '3',
      'warm opens through nginx: one instance',
      `${int(warm.one.perSecond)} req/s, p99 ${ms(warm.one.p99)}`,
      '-',
      'reported',
    ],
    [
      '3',
      'three / one',
      ratio.toFixed(2),
      `>= 2.5 (${cpus().length} cores here)`,
      verdict(ratio >= 2.5),
    ],
    [
      '4',
      `failed answers when one of ${kill.instances} instances is SIGKILLed (${kill.inFlightAtKill} in flight in all)`,
      String(kill.failed.length),
      `<= ${kill.inFlightAtKill} (what it held)`,
      verdict(kill.failed.length <= kill.inFlightAtKill),
    ],
    [
      '5',
      `upstream peak in one calendar second, Redis stopped ${scaleSettings.outageMs / 1000} s`,
      String(outage.counters.peakPerSecond),
      '<= 100',
      verdict(outage.counters.peakPerSecond <= 100),
    ],
    ['5', 'upstream 429s', String(outage.upstream429), '0', verdict(outage.upstream429 === 0)],
    [
      '5',
      'opens answered while Redis was stopped',
      `${answeredDuring} of ${outage.during.length}`,
      '> 0',
      verdict(answeredDuring > 0),
    ],
    [
      '6',
      'RSS per instance after the run (VmRSS)',
      f.rss.map(([name, value]) => `${name} ${value.toFixed(0)} MB`).join(', '),
      '<= 150 MB each',
      verdict(worstRss <= 150),
    ],
  ]
  const details = [
    `- set-up: ${f.versions}; the sandbox in this process (${UPSTREAM_REQUESTS_PER_SECOND} requests/s, burst 500, +${settings.latencyMs} ms on every call); ${kill.instances} relays built (\`pnpm build\`), each its own process with NODE_OPTIONS="${f.nodeOptions.value}" (${f.nodeOptions.from}), LOG_LEVEL=warn, DATABASE_URL the Postgres server, REDIS_URL the Redis server, RELAY_INSTANCES=${kill.instances}; nginx with deploy/nginx/intilery-connect-relay.conf over TLS (a certificate made for the run); load from this process with node:https keep-alive`,
    `- the relays logged (LOG_LEVEL=warn, the last 8 KB of each): ${f.logged}`,
    `- 1: answers ${tallyAnswers(herd.answers)}; the last after ${ms(herd.ms)}; p50 ${ms(herd.p50)}, p99 ${ms(herd.p99)}`,
    `- 2: answers ${tallyAnswers(burst.answers)}; issued over ${ms(burst.issuedMs)}, last answer after ${ms(burst.answeredMs)}; upstream requests ${int(burst.counters.total)} (${(burst.counters.total / Math.max(1, burst.okCount)).toFixed(1)} per answered open); answered opens' p50 ${ms(burst.okP50)}, p99 ${ms(burst.okP99)}`,
    `- 3: ${scaleSettings.warmRounds} alternating rounds of ${scaleSettings.warmRoundMs} ms per side, ${scaleSettings.concurrency} in flight, Joe Bloggs by email (cached); cores used by the relays: three ${warm.three.relayCores.toFixed(2)}, one ${warm.one.relayCores.toFixed(2)}; by the load generator (TLS client and the sandbox): ${warm.three.clientCores.toFixed(2)} and ${warm.one.clientCores.toFixed(2)}; non-200: ${warm.three.failed} and ${warm.one.failed}`,
    `- 4: ${int(kill.total)} warm opens of ${scaleSettings.killCustomers} customers in ${scaleSettings.killStepMs / 1000} s (${int(kill.perSecond)} a second), one instance SIGKILLed after ${scaleSettings.killAtMs / 1000} s; failures: ${tally(kill.failed)}`,
    `- 5: ${scaleSettings.outageOpensPerSecond} opens a second of distinct uncached customers for ${scaleSettings.outageStepMs / 1000} s, Redis SIGKILLed after ${scaleSettings.outageFromMs / 1000} s and started again ${scaleSettings.outageMs / 1000} s later; answers before: ${tallyAnswers(outage.before)}; during: ${tallyAnswers(outage.during)}; after: ${tallyAnswers(outage.after)}; upstream ${int(outage.counters.total)} requests; /readyz of an instance during the outage: ${outage.readyzDuring}`,
  ]
  writeReport(
    `bench:scale — ${kill.instances} relay instances behind nginx, one Postgres, one Redis (sandbox +${settings.latencyMs} ms)`,
    rows,
    details
  )
}
