/**
 * pnpm bench:scale — several relay instances as deploy/ sets them up: three built relays behind
 * Debian's nginx (deploy's site file, TLS with a certificate made for the run), one Postgres
 * server, one Redis server (deploy's settings and ACL), the sandbox at +50 ms and its real limit.
 * Figures side by side in one run, each beside its target; a benchmark, not a timed test.
 *
 * 1. 1,000 concurrent opens of one uncached customer through nginx: upstream requests.
 * 2. 2,000 distinct opens in 10 s: upstream peak per second, 429s, opens answered.
 * 3. Warm opens through nginx over three instances vs over one, alternating rounds.
 * 4. Redis SIGKILLed for 10 s while distinct customers are opened: upstream peak, answers.
 * 5. One instance SIGKILLed under warm load: failed answers vs requests in flight.
 * 6. Each instance's RSS after the run.
 *
 * Needs Debian's nginx, postgresql and redis-server (and openssl): it says which is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { SEEDED, startSandbox } from '@intilery-connect/sandbox'

import { closeClient, get } from '../http-load.ts'
import { buildServers, memoryOf } from '../processes.ts'
import {
  burstStep,
  contextUrl,
  herdStep,
  ingestCustomers,
  outcomeOf,
  type RelayUnderTest,
} from '../relay-steps.ts'
import { settings } from '../settings.ts'
import { zendeskToken } from '../zendesk-jwt.ts'
import { startCluster } from './scale-cluster.ts'
import { printScaleReport } from './scale-report.ts'
import { progress, scaleSettings } from './scale-settings.ts'
import { killStep, redisOutageStep, threeVersusOne, type Front } from './scale-steps.ts'
import { withCleanups } from '../with-cleanups.ts'

const relayDir = fileURLToPath(new URL('../..', import.meta.url))
const deployDir = fileURLToPath(new URL('../../../../deploy', import.meta.url))

/** Says which Debian package is missing before anything starts. */
function requireTools() {
  const missing = [
    ['nginx', 'nginx'],
    ['redis-server', 'redis-server'],
    ['openssl', 'openssl'],
  ].filter(([binary]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${binary}`])
      return false
    } catch {
      return true
    }
  })
  if (missing.length > 0)
    throw new Error(
      `bench:scale needs: apt-get install -y ${missing.map(([, pkg]) => pkg).join(' ')} postgresql`
    )
}

/** What the relays logged (LOG_LEVEL=warn: warnings and errors), by message, over the run. */
function relayWarnings(outputs: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const line of outputs.join('\n').split('\n')) {
    if (line.trim() === '') continue
    let msg = line.slice(0, 120)
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg)
    } catch {
      // not a log line of pino's: kept as it is
    }
    counts.set(msg, (counts.get(msg) ?? 0) + 1)
  }
  return counts.size === 0 ? 'nothing' : [...counts].map(([msg, n]) => `${n} × "${msg}"`).join('; ')
}

/** `Postgres 15.x, Redis 7.x, nginx/1.22.x` for the report. */
function serverVersions(postgres: string): string {
  const redis = /v=(\S+)/.exec(
    execFileSync('redis-server', ['--version'], { encoding: 'utf8' })
  )?.[1]
  const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().split(': ').at(-1)
  return `Postgres ${postgres}, Redis ${redis ?? '?'}, ${nginx ?? 'nginx ?'}`
}

async function main() {
  requireTools()
  await withCleanups(progress, async (cleanups) => {
    progress('building the relay')
    const built = await buildServers(relayDir)
    cleanups.push(closeClient)
    const sandbox = await startSandbox({ port: 0 })
    cleanups.push(() => sandbox.stop())
    const outageFirst = settings.burstOpens
    const outageOpens = (scaleSettings.outageOpensPerSecond * scaleSettings.outageStepMs) / 1000
    progress(`creating ${outageFirst + outageOpens} customers in the sandbox`)
    await ingestCustomers(sandbox, outageFirst + outageOpens)
    const dir = mkdtempSync(join(tmpdir(), 'relay-scale-'))
    chmodSync(dir, 0o755) // Postgres runs as its own user and must reach its folder
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    progress('starting Postgres, Redis, three relays and nginx')
    const cluster = await startCluster({
      dir,
      deployDir,
      built,
      sandbox,
      instances: scaleSettings.instances,
      cleanups,
    })
    sandbox.faults.set({ latencyMs: settings.latencyMs })
    let token = await zendeskToken()
    const headers = () => ({ authorization: `Bearer ${token}` })
    const first = cluster.relays[0]
    if (first === undefined) throw new Error('no relay')
    const front: RelayUnderTest = { url: cluster.three.url, pid: first.child.pid, headers }
    const three: Front = { url: cluster.three.url, pids: cluster.relays.map((r) => r.child.pid) }
    const one: Front = { url: cluster.one.url, pids: [first.child.pid] }

    const herdCustomer = [...sandbox.store.all()].at(-1)
    if (herdCustomer === undefined) throw new Error('the sandbox has no customers')
    progress(`1/6 ${settings.herd} concurrent opens of one uncached customer`)
    const herd = await herdStep(sandbox, front, herdCustomer.id)

    progress(`2/6 ${settings.burstOpens} distinct opens over ${settings.burstSpreadMs} ms`)
    token = await zendeskToken()
    const burst = await burstStep(sandbox, front)

    progress(`3/6 warm opens: three instances vs one, ${scaleSettings.warmRounds} rounds each`)
    token = await zendeskToken()
    const primed = await get(contextUrl(three.url, { email: SEEDED.joeBloggs.email }), headers())
    if (primed.status !== 200) throw new Error(`priming Joe Bloggs: ${outcomeOf(primed)}`)
    const warm = await threeVersusOne(three, one, SEEDED.joeBloggs.email, headers)

    progress(`4/6 Redis stopped for ${scaleSettings.outageMs} ms under distinct opens`)
    token = await zendeskToken()
    const outage = await redisOutageStep(
      sandbox,
      three,
      headers,
      cluster.redis,
      `http://127.0.0.1:${first.port}/readyz`,
      outageFirst
    )

    progress('5/6 one instance SIGKILLed under warm load')
    token = await zendeskToken()
    const killEmails = Array.from(
      { length: scaleSettings.killCustomers },
      (_, n) => `bench.user.${n}@example.com`
    )
    for (const email of killEmails) await get(contextUrl(three.url, { email }), headers())
    const victim = cluster.relays.at(-1)
    if (victim === undefined) throw new Error('no relay to kill')
    const rss: [string, number][] = [
      [`${victim.child.name} (before its kill)`, memoryOf(victim.child.pid).rssMb],
    ]
    const kill = await killStep(three, killEmails, headers, victim.child)

    const logged = relayWarnings(cluster.relays.map((r) => r.child.output()))
    progress('6/6 memory')
    for (const relay of cluster.relays.slice(0, -1))
      rss.unshift([relay.child.name, memoryOf(relay.child.pid).rssMb])
    printScaleReport({
      versions: serverVersions(cluster.postgres.version),
      nodeOptions: cluster.nodeOptions,
      herd,
      burst,
      warm,
      outage,
      kill,
      rss,
      logged,
    })
  })
}

await main()
