#!/usr/bin/env -S npx tsx
/**
 * The `relay` command: see cli/run-cli.ts. A failure prints one line (`relay: <message>`, never a
 * stack) and, for a wrong call, the usage; the exit code says which (run-cli's exitCodeOf).
 */
import process from 'node:process'
import { text } from 'node:stream/consumers'

import type { CliIo } from './cli/cli-args.ts'
import { exportHeapMb, isExportReader, runExportProcess } from './cli/export-process.ts'
import { workInTypedFolder } from './platform/typed-folder.ts'

const argv = process.argv.slice(2)
// An export writes customers' data: its folders and files are its owner's alone, whatever the
// shell's umask (DuckDB's files too, and the reader's, which inherits this).
if (argv[0] === 'export') process.umask(0o077)
const io: CliIo = {
  env: process.env,
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
  stdin: () => text(process.stdin),
  errIsTerminal: process.stderr.isTTY === true,
}

async function main(): Promise<number> {
  try {
    // The usage opens nothing: it is printed wherever the command runs.
    if (argv[0] !== 'help' && !argv.includes('--help')) workInTypedFolder(io.env)
  } catch (error) {
    io.err(`relay: ${(error as Error).message}\n`)
    return 1
  }
  // `relay export` reads in a process of its own (cli/export-process.ts); while it runs, this one
  // only waits, so it loads nothing else (its memory counts meanwhile), then writes the tables.
  if (argv[0] === 'export' && !isExportReader(io.env))
    return runExportProcess(argv, io, exportHeapMb(io.env))
  const { exitCodeOf, messageOf, runCli, usageFor } = await import('./cli/run-cli.ts')
  try {
    return await runCli(argv, io)
  } catch (error) {
    const code = exitCodeOf(error)
    io.err(`relay: ${messageOf(error)}\n${code === 2 ? usageFor(argv) : ''}`)
    return code
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    io.err(`relay: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
