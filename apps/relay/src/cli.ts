#!/usr/bin/env -S npx tsx
/**
 * The `relay` command: see cli/run-cli.ts. A failure prints one line (`relay: <message>`, never a
 * stack) and, for a wrong call, the usage; the exit code says which (run-cli's exitCodeOf).
 */
import process from 'node:process'
import { text } from 'node:stream/consumers'

import { exitCodeOf, runCli, USAGE } from './cli/run-cli.ts'

const io = {
  env: process.env,
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
  stdin: () => text(process.stdin),
  errIsTerminal: process.stderr.isTTY === true,
}
runCli(process.argv.slice(2), io).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = exitCodeOf(error)
    io.err(
      `relay: ${error instanceof Error ? error.message : String(error)}\n${code === 2 ? USAGE : ''}`
    )
    process.exit(code)
  }
)
