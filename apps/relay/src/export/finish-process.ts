/**
 * @module export/finish-process
 * Writing the tables in a process of its own: DuckDB's native memory and the reading phase's
 * JavaScript heap would otherwise add up in one process (bench:export measured about 300 MB at
 * ten times the sandbox; each on its own stays well under 250). Reading stops before this starts,
 * so nothing runs in parallel; the parent waits for the answer.
 *
 * Run as `node --import tsx finish-process.ts` with the options as JSON on standard input (file
 * paths and column types, never a secret); it answers one JSON line on stdout: the tables, or the
 * error's message, and its own peak RSS.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { text } from 'node:stream/consumers'
import { fileURLToPath } from 'node:url'

import type { FinishOptions, TableSummary } from './finish-tables.ts'
import { nodePath, typescriptNodeArgs } from './node-child.ts'

export interface FinishAnswer {
  readonly tables?: Record<string, TableSummary>
  readonly error?: string
  readonly peakRssBytes: number
}

export class FinishError extends Error {
  override readonly name = 'FinishError'
}

const self = fileURLToPath(import.meta.url)

/** Writes the tables in a child process. @throws FinishError with DuckDB's message when it fails. */
export async function finishInChild(
  options: FinishOptions
): Promise<{ tables: Record<string, TableSummary>; peakRssBytes: number }> {
  const child = spawn(nodePath, [...typescriptNodeArgs(), self], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  child.stdin.end(JSON.stringify(options))
  const [output, code] = await Promise.all([
    text(child.stdout),
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    }),
  ])
  let answer: FinishAnswer
  try {
    answer = JSON.parse(output.trim().split('\n').at(-1) ?? '') as FinishAnswer
  } catch {
    throw new FinishError(
      `writing the tables stopped (exit ${String(code)}); run the same command with --resume to try again`
    )
  }
  if (answer.tables === undefined)
    throw new FinishError(answer.error ?? 'writing the tables failed')
  return { tables: answer.tables, peakRssBytes: answer.peakRssBytes }
}

async function main(): Promise<void> {
  const options = JSON.parse(await text(process.stdin)) as FinishOptions
  let answer: FinishAnswer
  try {
    // Loaded here only: the reading process never maps DuckDB's library.
    const { finishTables } = await import('./finish-tables.ts')
    answer = {
      tables: await finishTables(options),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  } catch (error) {
    answer = {
      error: error instanceof Error ? error.message : String(error),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`)
}

if (process.argv[1] === self) await main()
