#!/usr/bin/env -S npx tsx
/** `pnpm --filter @intilery-connect/relay start`: the relay on HOST:PORT, settings from the environment. */
import process from 'node:process'

import { startRelay } from './server.ts'
import { relayConfigFromEnv } from './wiring/relay-config.ts'

try {
  const config = relayConfigFromEnv(process.env)
  const relay = await startRelay({ config, env: process.env })
  const stop = () => {
    relay.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
