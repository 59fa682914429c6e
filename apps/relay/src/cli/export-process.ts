/**
 * @module cli/export-process
 * `relay export` reads in a Node process of its own with a capped heap. Reading parses hundreds of
 * megabytes of JSON; with the default heap Node let it grow to about 200 MB of mostly garbage
 * (bench:export: 330 MB peak RSS at ten times the sandbox; 210 MB with the cap). What stays
 * live is at most the customers being read, so a cap holds however many customers there are.
 *
 * The command the operator typed starts it with the same arguments and environment, passes its
 * output through, forwards SIGINT and SIGTERM (so Ctrl-C still stops it cleanly, with a
 * checkpoint), and once it has exited writes the tables itself (DuckDB's memory then takes the
 * reader's place, never adds to it). If this process dies, however it dies, the reader stops at
 * once (its IPC channel closes), as if it had been killed: the checkpoint makes that safe.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import type { CliIo } from './cli-args.ts'
import { CliUsageError } from './cli-usage-error.ts'
import { commandOf, EXPORT_COMMAND_ENV, EXPORT_TERMINAL_ENV } from './export-shared.ts'

/** Set in the reader's environment: it lists and reads, then stops (the tables are written after it). */
const EXPORT_READER_ENV = 'RELAY_EXPORT_READER'

/** Whether this process is the export's reader (started by runExportProcess). */
export function isExportReader(env: CliIo['env']): boolean {
  return env[EXPORT_READER_ENV] === '1'
}

/** The heap cap, in MB; RELAY_EXPORT_HEAP_MB raises it for customers with very many events. */
export const DEFAULT_EXPORT_HEAP_MB = 128

/**
 * RELAY_EXPORT_HEAP_MB, or the default.
 * @throws CliUsageError for a value that is not a whole number of at least 64.
 */
export function exportHeapMb(env: CliIo['env']): number {
  const text = env.RELAY_EXPORT_HEAP_MB
  if (text === undefined || text === '') return DEFAULT_EXPORT_HEAP_MB
  const mb = Number(text)
  if (!Number.isInteger(mb) || mb < 64)
    throw new CliUsageError('RELAY_EXPORT_HEAP_MB must be a whole number of MB, at least 64')
  return mb
}

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url))
const SIGNAL_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGKILL: 137 }

/**
 * Runs `relay <argv>`: the reader (heap capped) as a child, then, once it has read everyone and
 * exited, the tables written here, so DuckDB's memory never adds to the reading heap's.
 * @returns the reader's exit code if it failed, else the export's.
 */
export async function runExportProcess(
  argv: readonly string[],
  io: CliIo,
  heapMb: number
): Promise<number> {
  const read = await runReader(argv, io, heapMb)
  if (read !== 0) return read
  // The tables are written here, now that the reader (and its heap) is gone: no third process to
  // start (measured: starting one took 0.8 s of a 13 s export).
  const { exportFinishCommand } = await import('./export-finish.ts')
  return exportFinishCommand(argv.includes('--resume') ? argv : [...argv, '--resume'], io, {
    command: commandOf(argv, io),
  })
}

async function runReader(argv: readonly string[], io: CliIo, heapMb: number): Promise<number> {
  // The same Node with tsx's loader (resolved here, so any working folder works): the relay's CLI
  // runs its TypeScript source, as `pnpm relay` does.
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '--import', import.meta.resolve('tsx'), cli, ...argv],
    {
      env: {
        ...io.env,
        [EXPORT_READER_ENV]: '1',
        [EXPORT_TERMINAL_ENV]: io.errIsTerminal === true ? '1' : '',
        [EXPORT_COMMAND_ENV]: commandOf(argv, io),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }
  )
  child.stdout?.setEncoding('utf8').on('data', (text: string) => io.out(text))
  child.stderr?.setEncoding('utf8').on('data', (text: string) => io.err(text))
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
  const onInterrupt = forward('SIGINT')
  const onTerminate = forward('SIGTERM')
  process.on('SIGINT', onInterrupt)
  process.on('SIGTERM', onTerminate)
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code, signal) => resolve(code ?? SIGNAL_CODES[signal ?? ''] ?? 1))
    })
  } finally {
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onTerminate)
  }
}

/** In the reader: stop at once when the command that started it is gone. */
export function exitWithParent(): void {
  process.once('disconnect', () => process.exit(1))
}
