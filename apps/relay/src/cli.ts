#!/usr/bin/env -S npx tsx
/** The `relay` command: see cli/run-cli.ts. Errors print one line and the usage, exit code 1 or 2. */
import process from 'node:process'

import { CliUsageError, runCli, USAGE } from './cli/run-cli.ts'

const io = {
  env: process.env,
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
}
runCli(process.argv.slice(2), io).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof CliUsageError || (error instanceof TypeError && 'code' in error)
    io.err(
      `relay: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`
    )
    process.exit(usage ? 2 : 1)
  }
)
