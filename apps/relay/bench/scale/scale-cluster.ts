/**
 * bench:scale's cluster, as deploy/ sets one up: Postgres and Redis with deploy's settings, three
 * built relays with the heap settings of deploy's systemd unit, and nginx with deploy's site file
 * and a certificate made for the run by deploy/make-test-certificate.sh.
 */
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

import type { RunningSandbox } from '@intilery-connect/sandbox'

import { startOwnRedis, type OwnRedis } from '../../test/servers/redis-process.ts'
import { writeBenchTenants } from '../bench-tenants.ts'
import { trustCertificate } from '../http-load.ts'
import {
  freePort,
  spawnNode,
  waitUntilHealthy,
  type BuiltServers,
  type Child,
} from '../processes.ts'
import { ZENDESK, ZENDESK_TENANT_LINE } from '../zendesk-jwt.ts'
import { startNginx, type BenchNginx } from './nginx-server.ts'
import { startPostgres, type BenchPostgres } from './postgres-server.ts'

type Cleanups = (() => Promise<void> | void)[]

/** NODE_OPTIONS as deploy/systemd's unit sets it: the heap settings the README recommends. */
export function recommendedNodeOptions(deployDir: string): string {
  const unit = readFileSync(join(deployDir, 'systemd', 'intilery-connect-relay@.service'), 'utf8')
  const match = /^Environment="NODE_OPTIONS=([^"]*)"$/m.exec(unit)
  if (match?.[1] === undefined) throw new Error('deploy/systemd: no NODE_OPTIONS line in the unit')
  return match[1]
}

/** Redis with deploy's settings and ACL (passwords made now, stored hashed), killable and restartable. */
export async function startRedis(dir: string, deployDir: string): Promise<OwnRedis> {
  const password = randomBytes(24).toString('hex')
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
  const acl = readFileSync(join(deployDir, 'redis', 'intilery-connect.acl.example'), 'utf8')
    .replace('#ADMIN-PASSWORD-SHA256', `#${sha256(randomBytes(24).toString('hex'))}`)
    .replace('#RELAY-PASSWORD-SHA256', `#${sha256(password)}`)
  if (acl.includes('-SHA256')) throw new Error('deploy/redis: the ACL example changed shape')
  const aclFile = join(dir, 'redis.acl')
  writeFileSync(aclFile, acl, { mode: 0o600 })
  return startOwnRedis({
    configFile: join(deployDir, 'redis', 'intilery-connect.conf'),
    extraArgs: ['--aclfile', aclFile],
    credentials: `intilery-connect:${password}`,
  })
}

export interface RelayInstance {
  readonly port: number
  readonly child: Child
}

export interface Cluster {
  readonly postgres: BenchPostgres
  readonly redis: OwnRedis
  readonly relays: readonly RelayInstance[]
  /** nginx over all the instances, and over the first one only. */
  readonly three: BenchNginx
  readonly one: BenchNginx
  readonly nodeOptions: { readonly value: string; readonly from: string }
}

export async function startCluster(options: {
  dir: string
  deployDir: string
  built: BuiltServers
  sandbox: RunningSandbox
  instances: number
  cleanups: Cleanups
}): Promise<Cluster> {
  const { dir, deployDir, built, sandbox, cleanups } = options
  const tls = join(dir, 'tls')
  execFileSync(join(deployDir, 'make-test-certificate.sh'), [tls, 'localhost'])
  trustCertificate(readFileSync(join(tls, 'cert.pem'), 'utf8'))

  const postgres = await startPostgres(dir, deployDir)
  cleanups.push(() => postgres.stop())
  const redis = await startRedis(dir, deployDir)
  cleanups.push(() => redis.stop())

  // BENCH_RELAY_NODE_OPTIONS compares other heap settings with the recommended ones.
  const override = process.env.BENCH_RELAY_NODE_OPTIONS
  const nodeOptions =
    override === undefined
      ? { value: recommendedNodeOptions(deployDir), from: 'deploy/systemd' }
      : { value: override, from: 'BENCH_RELAY_NODE_OPTIONS' }
  const env = {
    HOST: '127.0.0.1',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    RELAY_INSTANCES: String(options.instances),
    RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
    RELAY_TENANTS_FILE: writeBenchTenants(dir, sandbox, 'Bench brand (sandbox)', [
      ZENDESK_TENANT_LINE,
    ]),
    BENCH_INTILERY_TOKEN: sandbox.config.authToken,
    BENCH_ZENDESK_SECRET: ZENDESK.secret,
    LOG_LEVEL: 'warn',
    NODE_OPTIONS: nodeOptions.value,
  }
  const relays: RelayInstance[] = []
  const startInstance = async (n: number) => {
    const port = await freePort()
    const child = spawnNode(`relay ${n}`, built.relay, built.orphanGuard, {
      ...env,
      PORT: String(port),
    })
    cleanups.push(() => child.stop())
    await waitUntilHealthy(child, `http://127.0.0.1:${port}/readyz`)
    relays.push({ port, child })
  }
  // The first applies the migrations and the tenants file; the others start together after it.
  await startInstance(1)
  await Promise.all(Array.from({ length: options.instances - 1 }, (_, i) => startInstance(i + 2)))
  relays.sort((a, b) => a.child.name.localeCompare(b.child.name))

  const template = readFileSync(join(deployDir, 'nginx', 'intilery-connect-relay.conf'), 'utf8')
  const site = { certificate: join(tls, 'cert.pem'), key: join(tls, 'key.pem') }
  const three = await startNginx(dir, 'three', template, {
    ...site,
    instancePorts: relays.map((r) => r.port),
  })
  cleanups.push(() => three.stop())
  const first = relays[0]
  if (first === undefined) throw new Error('no relay instance started')
  const one = await startNginx(dir, 'one', template, { ...site, instancePorts: [first.port] })
  cleanups.push(() => one.stop())
  await waitUntilHealthy(three.child, `${three.url}/healthz`)
  await waitUntilHealthy(one.child, `${one.url}/healthz`)
  return { postgres, redis, relays, three, one, nodeOptions }
}
