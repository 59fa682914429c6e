/**
 * @module start-demo
 * Starts the demo: the Intilery sandbox in process and the relay as its own process (nothing imports
 * an app), with a demo tenant wired to the sandbox. Every secret here is a documented demo value.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  sandboxConfigFromEnv,
  startSandbox,
  startZendeskHost,
  type RunningSandbox,
  type RunningZendeskHost,
} from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

/** Demo-only values, printed and documented; never use them for a real installation. */
export const DEMO = {
  zendeskSubdomain: 'demo',
  zendeskSecret: 'demo-zendesk-secret',
  agentId: 'demo-agent',
  /** A server-to-server key allowed every trait. */
  apiKey: 'demo-api-key',
} as const

export interface RunningDemo {
  readonly sandbox: RunningSandbox
  readonly relayUrl: string
  /** The local Zendesk with the real sidebar app (built for this run). */
  readonly zendesk: RunningZendeskHost
  /** Where this run built the Zendesk app (its dist/ layout and app.zip). */
  readonly zendeskAppDir: string
  /** A Zendesk-style JWT for the demo installation, valid for 10 minutes. */
  zendeskToken(): Promise<string>
  stop(): Promise<void>
}

const relayDir = fileURLToPath(new URL('../../../apps/relay/', import.meta.url))
const zendeskDir = fileURLToPath(new URL('../../../apps/zendesk/', import.meta.url))

/** Builds the Zendesk app as its own process (nothing imports an app) for a relay on 127.0.0.1. */
async function buildZendeskApp(outDir: string): Promise<string> {
  const build = spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: zendeskDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ZENDESK_RELAY_DOMAINS: '127.0.0.1', ZENDESK_OUT_DIR: outDir },
  })
  let output = ''
  build.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  build.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve))
  if (code !== 0) throw new Error(`building the Zendesk app failed:\n${output}`)
  return outDir
}

export async function startDemo(
  ports: { sandbox: number; relay: number; zendesk: number },
  env: Readonly<Record<string, string | undefined>> = {}
): Promise<RunningDemo> {
  // The sandbox's own settings (SANDBOX_CLIENT_ID, SANDBOX_AUTH_TOKEN…) apply in the demo too.
  const sandbox = await startSandbox({ ...sandboxConfigFromEnv(env), port: ports.sandbox })
  const dir = mkdtempSync(join(tmpdir(), 'intilery-demo-'))
  const tenants = join(dir, 'tenants.yaml')
  writeFileSync(
    tenants,
    [
      'tenants:',
      '  - id: demo',
      '    name: Demo brand (sandbox)',
      `    intilery: { baseUrl: "${sandbox.url}", clientId: ${sandbox.config.clientId}, accountId: ${sandbox.config.accountId}, brandId: ${sandbox.config.brandId}, authToken: { env: DEMO_INTILERY_TOKEN } }`,
      `    zendesk: [{ subdomain: ${DEMO.zendeskSubdomain}, sharedSecret: { env: DEMO_ZENDESK_SECRET } }]`,
      "    apiKeys: [{ name: demo, key: { env: DEMO_API_KEY }, traits: '*' }]",
      '',
    ].join('\n')
  )
  const relay = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: relayDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(ports.relay),
      DATABASE_URL: ':memory:',
      // Fresh per run: the demo keeps nothing between runs.
      RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
      RELAY_TENANTS_FILE: tenants,
      DEMO_INTILERY_TOKEN: sandbox.config.authToken,
      DEMO_ZENDESK_SECRET: DEMO.zendeskSecret,
      DEMO_API_KEY: DEMO.apiKey,
      LOG_LEVEL: 'info',
    },
  })
  let output = ''
  const relayUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1]
      if (url !== undefined) resolve(url)
    }
    relay.stdout.on('data', onData)
    relay.stderr.on('data', onData)
    relay.once('exit', (code) =>
      reject(new Error(`the relay stopped (exit ${String(code)}):\n${output}`))
    )
  }).catch(async (error: unknown) => {
    await sandbox.stop()
    throw error
  })
  // Keep draining the relay's output so it never blocks on a full pipe.
  relay.stdout.resume()
  relay.stderr.resume()
  const stopRelay = async () => {
    if (relay.exitCode === null) {
      relay.kill('SIGTERM')
      await new Promise((resolve) => relay.once('exit', resolve))
    }
  }
  let zendesk: RunningZendeskHost
  const zendeskAppDir = join(dir, 'zendesk-app')
  try {
    zendesk = await startZendeskHost({
      appDir: await buildZendeskApp(zendeskAppDir),
      subdomain: DEMO.zendeskSubdomain,
      settings: { relay_url: relayUrl, shared_secret: DEMO.zendeskSecret },
      secureScopes: { shared_secret: ['jwt_secret_key'] },
      domainWhitelist: [new URL(relayUrl).hostname],
      port: ports.zendesk,
    })
  } catch (error) {
    await stopRelay()
    await sandbox.stop()
    throw error
  }
  return {
    sandbox,
    relayUrl,
    zendesk,
    zendeskAppDir,
    zendeskToken: () => {
      const iat = Math.floor(Date.now() / 1000)
      return sign(
        {
          iss: `https://${DEMO.zendeskSubdomain}.zendesk.com`,
          sub: DEMO.agentId,
          iat,
          exp: iat + 600,
        },
        DEMO.zendeskSecret,
        'HS256'
      )
    },
    stop: async () => {
      await zendesk.stop()
      await stopRelay()
      await sandbox.stop()
    },
  }
}
