#!/usr/bin/env -S npx tsx
/**
 * The sandbox's command: starts it with settings from the environment and prints what a new user
 * needs to call it. Stops cleanly on Ctrl-C.
 */
import process from 'node:process'

import { sandboxConfigFromEnv, SandboxConfigError } from './config.ts'
import { SEEDED } from './seed/index.ts'
import { startSandbox } from './server.ts'

const write = (line = '') => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  const config = sandboxConfigFromEnv(process.env)
  const sandbox = await startSandbox(config)
  const sample = `${sandbox.apiRoot}/profiles/userId:${SEEDED.joeBloggs.userId}/traits`
  write(`Intilery sandbox (Profile API + tracking ingest) listening on ${sandbox.url}`)
  write()
  write(`  base URL     ${sandbox.url}`)
  write(`  clientId     ${config.clientId}`)
  write(`  accountId    ${config.accountId}`)
  write(`  brandId      ${config.brandId}`)
  write(`  auth token   ${config.authToken}      (header: auth-token; sandbox only, not a secret)`)
  write(
    `  admin token  ${config.adminToken}  (Authorization: Bearer, for ${sandbox.url}/__admin/faults)`
  )
  write(`  dataset      ${sandbox.store.size} customers, seed ${config.seed}`)
  write()
  write('Try:')
  write(`  curl -s -H 'content-type: application/json' -H 'auth-token: ${config.authToken}' \\`)
  write(`    '${sample}'`)
  write()
  write('Press Ctrl-C to stop.')
  const stop = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  const message = error instanceof SandboxConfigError ? error.message : String(error)
  process.stderr.write(`intilery-sandbox: ${message}\n`)
  process.exit(1)
})
