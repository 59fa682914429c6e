/**
 * pnpm bench:export — `relay export` against the sandbox (#17 item 6), measured side by side in
 * one run (a benchmark, not a timed test). The export runs as the operator runs it: its own
 * process (`relay export … --budget 100% --quiet`), the tenant in a fresh SQLite store.
 *
 * 1. Pacing: the whole sandbox with the sandbox's own limit (100 requests/s) and the relay's rate
 *    (75/s; --budget 100%). Floor = requests / 75: no export of that many requests can take less.
 *    Target: the export's own time (manifest start to end) within 1.15x of the floor.
 * 2. Memory: the sandbox at 1x and 10x its customers, limits raised (sandbox 20,000/s; the export
 *    RELAY_EXPORT_RATE_PER_SECOND=BENCH_EXPORT_FAST_RATE, default 2,000). `relay export` is two
 *    processes: the command, which starts the reader (heap capped), waits, and once it has exited
 *    writes the tables (DuckDB), and the reader. Reported: the manifest's `peakRssBytes` (the larger
 *    of the reader's and the command's), the command's own peak, and the peak of both together,
 *    sampled from /proc every 50 ms. Targets: each process under 250 MB, and flat (10x within
 *    1.25x of 1x): streaming, not buffering.
 * BENCH_EXPORT_SCALE (default 10) sets the larger sandbox's multiple.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { REGULAR_CUSTOMERS, startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'

import { runCli } from '../src/cli/run-cli.ts'
import type { ExportManifest } from '../src/export/export-manifest.ts'
import { resolveUpstreamOptions } from '../src/upstream/options.ts'
import { memoryOf } from './processes.ts'
import { int, mb, verdict, writeReport } from './report-format.ts'

const SCALE = Number(process.env.BENCH_EXPORT_SCALE ?? 10)
const FAST_RATE = Number(process.env.BENCH_EXPORT_FAST_RATE ?? 2_000)
const cwd = fileURLToPath(new URL('..', import.meta.url))

interface Run {
  readonly manifest: ExportManifest
  readonly seconds: number
  readonly wallSeconds: number
  readonly customers: number
  /** The peak of the processes' summed RSS, and the command's own (it writes the tables), sampled. */
  readonly treePeakMb: number
  readonly launcherPeakMb: number
}

/** One export of `sandbox` in its own process; @returns its manifest and how long it took. */
async function exportOnce(sandbox: RunningSandbox, rate: number | undefined): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
  const env = {
    PATH: process.env.PATH ?? '',
    RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    RELAY_AUDIT_KEY: 'bench-export-audit-key-0123456789abcdef',
    DATABASE_URL: `file:${join(dir, 'relay.db')}`,
    INTILERY_TOKEN: sandbox.config.authToken,
    ...(rate === undefined ? {} : { RELAY_EXPORT_RATE_PER_SECOND: String(rate) }),
  }
  const quietIo = { env, out: () => {}, err: (text: string) => process.stderr.write(text) }
  const added = await runCli(
    [
      'tenants',
      'add',
      '--id',
      'bench',
      '--name',
      'Bench',
      '--base-url',
      sandbox.url,
      '--client-id',
      sandbox.config.clientId,
      '--account-id',
      sandbox.config.accountId,
      '--brand-id',
      sandbox.config.brandId,
      '--token-env',
      'INTILERY_TOKEN',
      '--zendesk-subdomain',
      'bench',
      '--zendesk-secret-env',
      'INTILERY_TOKEN',
    ],
    quietIo
  )
  if (added !== 0) throw new Error('could not add the bench tenant')
  const out = join(dir, 'export')
  const started = performance.now()
  let treePeakMb = 0
  let launcherPeakMb = 0
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'export',
        '--tenant',
        'bench',
        '--out',
        out,
        '--budget',
        '100%',
        '--quiet',
      ],
      { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] }
    )
    const sampler = setInterval(() => {
      if (child.pid === undefined) return
      const tree = processTree(child.pid)
      treePeakMb = Math.max(
        treePeakMb,
        tree.reduce((sum, pid) => sum + rssMbOf(pid), 0)
      )
      launcherPeakMb = Math.max(launcherPeakMb, rssMbOf(child.pid))
    }, 50)
    child.on('error', reject)
    child.on('close', (exitCode) => {
      clearInterval(sampler)
      resolve(exitCode)
    })
  })
  const wallSeconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`relay export exited with ${String(code)}`)
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest
  rmSync(dir, { recursive: true, force: true })
  const seconds = (Date.parse(manifest.finishedAt) - Date.parse(manifest.startedAt)) / 1000
  return {
    manifest,
    seconds,
    wallSeconds,
    customers: sandbox.store.size,
    treePeakMb,
    launcherPeakMb,
  }
}

/** A process and its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
    return [pid, ...children.flatMap(processTree)]
  } catch {
    return []
  }
}

/** A live process's RSS in MB (0 when it is gone). */
function rssMbOf(pid: number): number {
  try {
    const { rssMb } = memoryOf(pid)
    return Number.isFinite(rssMb) ? rssMb : 0
  } catch {
    return 0
  }
}

async function withSandbox<T>(
  options: Parameters<typeof startSandbox>[0],
  use: (sandbox: RunningSandbox) => Promise<T>
) {
  const sandbox = await startSandbox({ port: 0, ...options })
  try {
    return await use(sandbox)
  } finally {
    await sandbox.stop()
  }
}

const relayRate = resolveUpstreamOptions().ratePerSecond
process.stderr.write(`bench:export: the whole sandbox at ${relayRate} requests/s…\n`)
const paced = await withSandbox({}, (sandbox) => exportOnce(sandbox, undefined))
const raised = { ratePerSecond: 20_000, burst: 20_000 }
process.stderr.write(`bench:export: 1x and ${SCALE}x sandboxes, limits raised…\n`)
const small = await withSandbox(raised, (sandbox) => exportOnce(sandbox, FAST_RATE))
const large = await withSandbox(
  { ...raised, regularCustomers: REGULAR_CUSTOMERS * SCALE },
  (sandbox) => exportOnce(sandbox, FAST_RATE)
)

const floor = paced.manifest.requests / relayRate
const ratio = paced.seconds / floor
const rss = (run: Run) => run.manifest.peakRssBytes / 1024 / 1024
const rssRatio = rss(large) / rss(small)
const readSeconds = (run: Run) =>
  (Date.parse(run.manifest.readFinishedAt) - Date.parse(run.manifest.startedAt)) / 1000
const events = (run: Run) => run.manifest.tables.events?.rows ?? 0
writeReport(
  'bench:export — relay export against the sandbox',
  [
    [
      '6a',
      `whole sandbox at ${relayRate}/s (--budget 100%): export time / floor`,
      `${paced.seconds.toFixed(1)} s / ${floor.toFixed(1)} s = ${ratio.toFixed(3)}x`,
      '<= 1.15x',
      verdict(ratio <= 1.15),
    ],
    [
      '6b',
      `peak RSS of either process, ${SCALE}x sandbox`,
      mb(rss(large)),
      '< 250 MB',
      verdict(rss(large) < 250),
    ],
    [
      '6c',
      `peak RSS, ${SCALE}x / 1x`,
      `${mb(rss(large))} / ${mb(rss(small))} = ${rssRatio.toFixed(2)}x`,
      '<= 1.25x (flat)',
      verdict(rssRatio <= 1.25),
    ],
  ],
  [
    `pacing run: reading ${readSeconds(paced).toFixed(1)} s (${(readSeconds(paced) / floor).toFixed(3)}x the floor), then writing the tables ${(paced.seconds - readSeconds(paced)).toFixed(1)} s`,
    `pacing run: ${int(paced.customers)} customers, ${int(events(paced))} events, ${int(paced.manifest.requests)} requests (${(paced.manifest.requests / paced.customers).toFixed(2)} a customer), ${paced.seconds.toFixed(1)} s (${paced.wallSeconds.toFixed(1)} s with process start)`,
    ...[small, large].map(
      (run, i) =>
        `${i === 0 ? '1x' : `${SCALE}x`}: ${int(run.customers)} customers, ${int(events(run))} events, ${int(run.manifest.requests)} requests at up to ${FAST_RATE}/s, ${run.seconds.toFixed(1)} s; peak RSS: either process ${mb(rss(run))}, the command (writes the tables) ${mb(run.launcherPeakMb)}, both together ${mb(run.treePeakMb)}`
    ),
  ]
)
