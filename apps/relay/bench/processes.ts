/**
 * The bench's child processes: built first (vite, as operators run the relay), spawned with the
 * orphan guard preloaded, health-checked, measured through /proc, and always stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'

import { build } from 'vite'

import { get } from './http-load.ts'

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

export interface BuiltServers {
  /** The relay as `pnpm build` makes it: dist/main.js. */
  readonly relay: string
  /** bench/bare-server.ts, built the same way. */
  readonly bareServer: string
  /** bench/orphan-guard.ts, preloaded into every child. */
  readonly orphanGuard: string
}

/**
 * Builds the relay (its own vite config, into dist/) and the bench's bare server and orphan guard
 * (into dist/bench/), so every child runs plain JavaScript on Node as in production: a TypeScript
 * loader in the child would add its own CPU and some 70 MB of RSS to the figures.
 */
export async function buildServers(relayDir: string): Promise<BuiltServers> {
  await build({ root: relayDir, logLevel: 'warn' })
  const outDir = join(relayDir, 'dist', 'bench')
  await build({
    configFile: false,
    root: relayDir,
    logLevel: 'warn',
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: { 'bare-server': 'bench/bare-server.ts', 'orphan-guard': 'bench/orphan-guard.ts' },
        output: { entryFileNames: '[name].js' },
      },
    },
  })
  return {
    relay: join(relayDir, 'dist', 'main.js'),
    bareServer: join(outDir, 'bare-server.js'),
    orphanGuard: join(outDir, 'orphan-guard.js'),
  }
}

/**
 * `node <script>` (built JavaScript) with the orphan guard preloaded so it never outlives the
 * bench, output drained (a full pipe would stall the child).
 */
export function spawnNode(
  name: string,
  script: string,
  orphanGuard: string,
  env: Record<string, string>
): Child {
  // BENCH_NODE_FLAGS adds Node flags to the children only (e.g. "--cpu-prof --cpu-prof-dir=prof").
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '')
  const child = spawn(
    process.execPath,
    [...flags, '--import', pathToFileURL(orphanGuard).href, script],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }
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
