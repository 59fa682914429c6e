/**
 * Helpers for bench/relay.bench.ts: child processes (spawned, health-checked, always stopped),
 * free ports, /proc readings (RSS, CPU time), latency statistics and bounded load loops.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'

export { sleep }

/**
 * The load generator's HTTP client: node:http with keep-alive. Not fetch: on this machine Node 20's
 * fetch (undici) tops out near 3,500 requests/s of one core even for 2 KB answers, so it could not
 * tell a 3,000 req/s relay from a faster one; node:http drives the same servers 2-3 times harder.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 5_000 })

export interface Answer {
  /** 0 for a network error or timeout. */
  readonly status: number
  readonly ms: number
  /** The body as text, or the error; empty when `keepBody` is false. */
  readonly body: string
}

/** One GET, the body read in full; never rejects. */
export function get(
  url: string,
  headers: Record<string, string> = {},
  { timeoutMs = 20_000, keepBody = true } = {}
): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const fail = (error: unknown) =>
      resolve({ status: 0, ms: performance.now() - started, body: String(error) })
    const request = http.get(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => {
        if (keepBody) chunks.push(chunk)
      })
      response.once('error', fail)
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ms: performance.now() - started,
          body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
        })
      )
    })
    request.once('error', fail)
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)))
  })
}

/** POST of a JSON body (the sandbox's ingest). */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown
): Promise<Answer> {
  const started = performance.now()
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  })
  return { status: response.status, ms: performance.now() - started, body: await response.text() }
}

/** Closes the client's idle keep-alive sockets (servers stop faster). */
export function closeClient(): void {
  agent.destroy()
}

/** A port the OS says is free now (bound to port 0, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface Child {
  readonly name: string
  readonly process: ChildProcess
  readonly pid: number
  /** The last few KB of its stdout and stderr, for error messages. */
  output(): string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>
}

const running = new Set<Child>()

// Last resort: children never outlive the bench, even when it dies on an uncaught error.
process.once('exit', () => {
  for (const child of running) child.process.kill('SIGKILL')
})

/**
 * `node --import tsx <script>` in `cwd` (the relay's directory), output drained (a full pipe would
 * stall the child), with bench/orphan-guard.ts preloaded so it never outlives the bench.
 */
export function spawnNode(
  name: string,
  script: string,
  cwd: string,
  env: Record<string, string>
): Child {
  // BENCH_NODE_FLAGS adds Node flags to the children only (e.g. "--cpu-prof --cpu-prof-dir=prof").
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '')
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', '--import', './bench/orphan-guard.ts', script],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    }
  )
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_192)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  if (child.pid === undefined) throw new Error(`${name}: could not spawn ${script}`)
  const handle: Child = {
    name,
    process: child,
    pid: child.pid,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
        await exited
        clearTimeout(timer)
      }
      running.delete(handle)
    },
  }
  running.add(handle)
  return handle
}

/** Polls `url` until it answers 200; fails when the child exits or `timeoutMs` passes. */
export async function waitUntilHealthy(child: Child, url: string, timeoutMs = 30_000) {
  const until = performance.now() + timeoutMs
  while (performance.now() < until) {
    if (child.process.exitCode !== null || child.process.signalCode !== null)
      throw new Error(`${child.name} exited before serving:\n${child.output()}`)
    if ((await get(url, {}, { timeoutMs: 1_000 })).status === 200) return
    await sleep(100)
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`)
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** This process's own CPU seconds. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

export const median = (values: readonly number[]) => percentile(values, 50)

export interface LoadResult {
  readonly ok: number
  readonly failed: number
  readonly elapsedMs: number
  readonly latencies: number[]
  readonly perSecond: number
}

/**
 * A closed loop: `concurrency` workers each send one request after another until `durationMs`
 * has passed or `maxRequests` were sent in all. `send` never rejects.
 */
export async function closedLoop(
  send: () => Promise<Answer>,
  {
    concurrency,
    durationMs,
    maxRequests,
  }: { concurrency: number; durationMs: number; maxRequests: number }
): Promise<LoadResult> {
  const latencies: number[] = []
  let issued = 0
  let ok = 0
  let failed = 0
  const start = performance.now()
  const end = start + durationMs
  const worker = async () => {
    while (issued < maxRequests && performance.now() < end) {
      issued += 1
      const { status, ms } = await send()
      latencies.push(ms)
      if (status === 200) ok += 1
      else failed += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsedMs = performance.now() - start
  return { ok, failed, elapsedMs, latencies, perSecond: (ok / elapsedMs) * 1000 }
}
