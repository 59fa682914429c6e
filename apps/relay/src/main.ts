#!/usr/bin/env -S npx tsx
/** `pnpm --filter @intilery-connect/relay start`: the relay on HOST:PORT, settings from the environment. */
import process from 'node:process'

import { workInTypedFolder } from './platform/typed-folder.ts'
import { startRelay } from './server.ts'
import { relayConfigFromEnv } from './wiring/relay-config.ts'

try {
  workInTypedFolder(process.env)
  const config = relayConfigFromEnv(process.env)
  // The outbox thread's entry: beside this file once built (vite.config.ts), in its folder in source.
  const outboxThreadEntry = import.meta.url.endsWith('.ts')
    ? new URL('./writeback/thread/outbox-thread.ts', import.meta.url)
    : new URL('./outbox-thread.js', import.meta.url)
  const relay = await startRelay({ config, env: process.env, outboxThreadEntry })
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
