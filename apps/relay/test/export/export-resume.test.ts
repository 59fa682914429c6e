// An export stopped by Ctrl-C or killed outright (SIGKILL, no chance to clean up) continues with
// --resume, and the finished tables hold every listed customer exactly once, with all their events.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import type { RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { cliSandbox, demoCli, newFolder, query, sqlPath } from './export-harness.ts'

const cwd = fileURLToPath(new URL('../..', import.meta.url))
/** Well past the first customers' commit: one with thousands of events holds back those after it. */
const CUSTOMERS = 250

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await cliSandbox()
})
afterAll(() => sandbox.stop())

/**
 * `relay export` as its own process, stopped with `signal` once its progress says `after`
 * customers are committed. @returns its exit code or signal, and what it wrote to stderr.
 */
function exportUntil(
  env: Record<string, string>,
  argv: string[],
  after: number,
  signal: NodeJS.Signals
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let sent = false
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`
    const done = /export: (\d+) of \d+ customers/.exec(line)
    if (done === null || Number(done[1]) < after || sent) return
    sent = true
    // Ctrl-C goes to the command (it passes it on); SIGKILL to the process doing the reading, the
    // one whose files and checkpoint matter: it gets no chance to clean up.
    if (signal === 'SIGKILL')
      process.kill(Number(readFileSync(join(lockOf(argv), 'lock'), 'utf8')), 'SIGKILL')
    else child.kill(signal)
  })
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, killedBy) => resolve({ code, signal: killedBy, stderr }))
  )
}

/** The export's working folder, from its --out. */
const lockOf = (argv: readonly string[]) => join(argv[argv.indexOf('--out') + 1] ?? '', '.export')

const checkpointOf = (out: string) =>
  JSON.parse(readFileSync(join(out, '.export', 'checkpoint.json'), 'utf8')) as {
    phase: string
    done: number
  }

describe('relay export --resume', () => {
  it('continues after Ctrl-C and after SIGKILL with no customer missing or duplicated', async () => {
    const { run, env } = await demoCli(sandbox)
    const out = newFolder()
    const argv = [
      'export',
      '--tenant',
      'demo',
      '--out',
      out,
      '--limit-profiles',
      String(CUSTOMERS),
      '--budget',
      '100%',
    ]
    // Slow enough to stop part-way; a progress line per committed customer tells when.
    const childEnv = {
      ...env,
      RELAY_EXPORT_RATE_PER_SECOND: '60',
      RELAY_EXPORT_PROGRESS_SECONDS: '0',
    }

    const interrupted = await exportUntil(childEnv, argv, 15, 'SIGINT')
    expect(interrupted.code).toBe(130)
    expect(interrupted.stderr).toMatch(
      /relay: stopped after \d+ of 250 customers; run the same command with --resume to continue/
    )
    const afterInterrupt = checkpointOf(out)
    expect(afterInterrupt.phase).toBe('customers')

    const killed = await exportUntil(
      childEnv,
      [...argv, '--resume'],
      afterInterrupt.done + 30,
      'SIGKILL'
    )
    // The reader died by SIGKILL; the command says so in its exit status (128 + 9).
    expect(killed.code).toBe(137)
    const afterKill = checkpointOf(out)
    expect(afterKill).toMatchObject({ phase: 'customers' })
    expect(afterKill.done).toBeGreaterThan(afterInterrupt.done)
    expect(afterKill.done).toBeLessThan(CUSTOMERS)

    // The folder holds an unfinished export: a fresh run or other options are refused.
    expect(await run(argv)).toMatchObject({
      code: 1,
      err: `relay: ${out} holds an unfinished export: add --resume to continue it, or choose another folder\n`,
    })
    const otherFormat = await run([...argv, '--resume', '--format', 'csv'])
    expect(otherFormat.code).toBe(1)
    expect(otherFormat.err).toMatch(
      /was started with other options \(--tenant demo --format parquet --as-of .* --limit-profiles 250\); repeat them with --resume/
    )

    const resumed = await run([...argv, '--resume', '--quiet'], {
      RELAY_EXPORT_RATE_PER_SECOND: '2000',
    })
    expect(resumed).toMatchObject({ code: 0, err: '' })
    expect(existsSync(join(out, '.export'))).toBe(false)

    const [customers] = await query(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS distinct_ids FROM ${sqlPath(join(out, 'customers.parquet'))}`
    )
    expect(customers).toEqual({ n: String(CUSTOMERS), distinct_ids: String(CUSTOMERS) })
    const ids = (
      await query(`SELECT customer_id FROM ${sqlPath(join(out, 'customers.parquet'))}`)
    ).map((row) => String(row.customer_id))
    const expectedEvents = ids.reduce(
      (sum, id) =>
        sum + (sandbox.store.find({ type: 'id', value: id })[0]?.events.length ?? Number.NaN),
      0
    )
    const [events] = await query(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS distinct_ids FROM read_parquet(${sqlPath(join(out, 'events', '*', '*.parquet'))})`
    )
    expect(events).toEqual({ n: String(expectedEvents), distinct_ids: String(expectedEvents) })
    const [features] = await query(
      `SELECT count(DISTINCT customer_id) AS n FROM ${sqlPath(join(out, 'features.parquet'))}`
    )
    expect(features).toEqual({ n: String(CUSTOMERS) })
  }, 120_000)
})
