// deploy/container: the image build-image.sh makes, run with podman as an operator would: settings
// from the environment and a secret file, state in a volume, not root, nothing secret inside,
// and a clean stop on SIGTERM.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildNodeBaseImage } from './node-base-image.ts'
import { serverUrl } from './server-urls.ts'

const repo = fileURLToPath(new URL('../../../../', import.meta.url))
const run = Date.now().toString(36)
const BASE = `localhost/intilery-connect-test-node:${run}`
const IMAGE = `localhost/intilery-connect-relay:test-${run}`
const CONTAINER = `intilery-connect-relay-test-${run}`
const VOLUME = `intilery-connect-test-${run}`
const SECRET = `relay-encryption-key-test-${run}`
const TOKEN_SECRET = `acme-intilery-token-test-${run}`
let podman = 'podman'

const podmanOut = (...args: string[]) => execFileSync(podman, args, { encoding: 'utf8' }).trim()

function libsqlNative(): string {
  const store = join(repo, 'node_modules/.pnpm')
  const folder = readdirSync(store).find((name) => name.startsWith('@libsql+linux-x64-gnu@'))
  if (folder === undefined)
    throw new Error('libsql’s native module for linux-x64-gnu is not installed')
  return join(store, folder, 'node_modules/@libsql/linux-x64-gnu/index.node')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port'))
      )
    })
  })
}

/** Polls until the relay answers /readyz 200, or the container exits, or 30 s pass. */
async function untilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (podmanOut('inspect', CONTAINER, '--format', '{{.State.Running}}') !== 'true')
      throw new Error(`the container stopped:\n${podmanOut('logs', CONTAINER)}`)
    const answer = await fetch(url).catch(() => undefined)
    if (answer?.status === 200) return
    await sleep(100)
  }
  throw new Error(`no answer at ${url}:\n${podmanOut('logs', CONTAINER)}`)
}

beforeAll(() => {
  podman = serverUrl('RELAY_TEST_PODMAN')
  buildNodeBaseImage(podman, BASE, [libsqlNative()])
  execFileSync(join(repo, 'deploy/container/build-image.sh'), ['--base', BASE, '--tag', IMAGE], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}, 240_000)

afterAll(() => {
  for (const args of [
    ['rm', '--force', '--volumes', CONTAINER],
    ['volume', 'rm', '--force', VOLUME],
    ['secret', 'rm', SECRET, TOKEN_SECRET],
    ['rmi', '--force', IMAGE, BASE],
  ])
    try {
      execFileSync(podman, args, { stdio: 'ignore' })
    } catch {
      // nothing left to remove
    }
})

describe('the relay’s container image', () => {
  it('runs as a user of its own and holds no secret', () => {
    const config = JSON.parse(
      podmanOut('image', 'inspect', IMAGE, '--format', '{{json .Config}}')
    ) as {
      User: string
      Env: string[]
    }
    expect(config.User).toBe('10001:10001')
    expect(
      config.Env.filter((line) => /KEY|TOKEN|SECRET|PASSWORD/.test(line.split('=')[0] ?? ''))
    ).toEqual([])
  })

  it('starts from the environment, podman secrets and a tenants file, keeps its database in a named volume, and stops cleanly on SIGTERM', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'relay-container-secrets-'))
    try {
      // As the README runs it: a published port, a named volume, the keys and the tenant's token
      // as podman secrets, the tenants file mounted alone and naming its secret as a file.
      const encryptionKey = randomBytes(32).toString('base64')
      const intileryToken = randomBytes(24).toString('hex')
      writeFileSync(join(secrets, 'encryption-key'), encryptionKey, { mode: 0o600 })
      writeFileSync(join(secrets, 'intilery-token'), intileryToken, { mode: 0o600 })
      podmanOut('secret', 'create', SECRET, join(secrets, 'encryption-key'))
      podmanOut('secret', 'create', TOKEN_SECRET, join(secrets, 'intilery-token'))
      writeFileSync(
        join(secrets, 'tenants.yaml'),
        [
          'tenants:',
          '  - id: acme',
          '    name: Acme',
          '    intilery:',
          '      baseUrl: https://tracking.intilery.example',
          '      clientId: acme',
          '      accountId: acme-eu',
          '      brandId: MARKETING',
          `      authToken: { file: /run/secrets/${TOKEN_SECRET} }`,
          '',
        ].join('\n'),
        { mode: 0o644 }
      )
      podmanOut('volume', 'create', VOLUME)
      const port = await freePort()
      podmanOut(
        'run',
        '--detach',
        '--name',
        CONTAINER,
        '--publish',
        `127.0.0.1:${port}:8787`,
        '--volume',
        `${VOLUME}:/var/lib/intilery-connect`,
        '--secret',
        SECRET,
        '--secret',
        TOKEN_SECRET,
        '--volume',
        `${join(secrets, 'tenants.yaml')}:/etc/intilery-connect/tenants.yaml:ro`,
        '--env',
        'RELAY_TENANTS_FILE=/etc/intilery-connect/tenants.yaml',
        '--env',
        `RELAY_ENCRYPTION_KEY_FILE=/run/secrets/${SECRET}`,
        '--env',
        `RELAY_AUDIT_KEY=${randomBytes(32).toString('base64')}`,
        IMAGE
      )
      await untilReady(`http://127.0.0.1:${port}/readyz`)
      const pid = podmanOut('inspect', CONTAINER, '--format', '{{.State.Pid}}')
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Uid:\s+10001\s/m)
      const volume = podmanOut('volume', 'inspect', VOLUME, '--format', '{{.Mountpoint}}')
      expect(existsSync(join(volume, 'relay.db'))).toBe(true)

      podmanOut('stop', '--time', '10', CONTAINER)
      expect(podmanOut('inspect', CONTAINER, '--format', '{{.State.ExitCode}}')).toBe('0')
      const logs = podmanOut('logs', CONTAINER)
      expect(logs).toContain('relay stopped')
      expect(logs).toMatch(/"tenantsApplied":1\b/)
      expect(logs).not.toContain(encryptionKey)
      expect(logs).not.toContain(intileryToken)
    } finally {
      rmSync(secrets, { recursive: true, force: true })
    }
  }, 60_000)
})
