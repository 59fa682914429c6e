/** What the CLI's tests share: a fresh SQLite file per test and the commands run in-process. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { relayConfigFromEnv } from '../src/wiring/relay-config.ts'
import type { RelayStore } from '../src/wiring/relay-store.ts'
import { withStore } from '../src/cli/open-store.ts'
import { runCli } from '../src/cli/run-cli.ts'

export function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'relay-cli-'))
  const env = {
    RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    RELAY_AUDIT_KEY: 'cli-test-audit-key-0123456789abcdef',
    DATABASE_URL: `file:${join(dir, 'relay.db')}`,
    INTILERY_TOKEN: 'intilery-secret-token',
    ZD_SECRET: 'zendesk-shared-secret',
  }
  /** Runs one command; `stdin` is what standard input holds (nothing when undefined). */
  const run = async (
    argv: readonly string[],
    extra: Record<string, string> = {},
    stdin?: string
  ) => {
    let out = ''
    let err = ''
    const code = await runCli(argv, {
      env: { ...env, ...extra },
      out: (t) => (out += t),
      err: (t) => (err += t),
      ...(stdin === undefined ? {} : { stdin: () => Promise.resolve(stdin) }),
    })
    return { code, out, err }
  }
  const cli = async (...argv: string[]) => {
    const { code, out } = await run(argv)
    return { code, out }
  }
  /** The store the CLI writes to, opened as the CLI opens it. */
  const store = <T>(use: (store: RelayStore) => Promise<T>, extra: Record<string, string> = {}) =>
    withStore(relayConfigFromEnv({ ...env, ...extra }), use)
  return { dir, cli, run, env, store }
}

/** `relay tenants add` for tenant demo, with its Zendesk subdomain demo. */
export const add = [
  'tenants',
  'add',
  '--id',
  'demo',
  '--name',
  'Demo',
  '--base-url',
  'http://127.0.0.1:4010',
  '--client-id',
  'demo',
  '--account-id',
  'demo',
  '--brand-id',
  'DEMO',
  '--token-env',
  'INTILERY_TOKEN',
  '--zendesk-subdomain',
  'demo',
  '--zendesk-secret-env',
  'ZD_SECRET',
]
