/**
 * pnpm bench:pipedrive — the JSON panel's latency as Pipedrive sees it, beside the upstream calls
 * the relay cannot avoid, measured side by side in one run (a benchmark, not a timed test).
 *
 * The built relay runs as its own process with the Pipedrive app on, in front of the Intilery
 * sandbox with 50 ms added to every Profile API call and the sandbox's Pipedrive (no added
 * latency: it stands for Pipedrive's own API). Company 1001 / user 2001 is installed through the
 * relay's real OAuth routes. Pairs alternate:
 * - cold: a panel request for a person whose customer the relay has not read yet, then the direct
 *   calls it stands for (Pipedrive person read, then Intilery meta and first events page at once);
 * - warm: the same for Joe Bloggs (person 1), whose emails and Intilery reads the relay has kept
 *   (the direct column still makes all three calls).
 * Target: p99 <= 1 s (Pipedrive waits 10 s). BENCH_PIPEDRIVE_PAIRS changes the pair count.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import {
  DEMO_COMPANY,
  installThroughBrowser,
  startPipedrive,
  startSandbox,
  type PipedrivePerson,
} from '@intilery-connect/sandbox'
import { sign } from 'hono/jwt'

import { writeBenchTenants } from './bench-tenants.ts'
import { closeClient, get } from './http-load.ts'
import { buildServers, freePort, spawnNode, waitUntilHealthy } from './processes.ts'
import { percentile } from './stats.ts'

const PAIRS = Number(process.env.BENCH_PIPEDRIVE_PAIRS ?? 150)
const LATENCY_MS = 50
const USER_ID = 2001
const SECRETS = { client: randomBytes(24).toString('base64url'), panel: 'bench-panel-secret-0123' }
const relayDir = fileURLToPath(new URL('..', import.meta.url))
const progress = (text: string) => process.stderr.write(`bench:pipedrive: ${text}\n`)

const dir = mkdtempSync(join(tmpdir(), 'bench-pipedrive-'))
const sandbox = await startSandbox({ port: 0 })
// One Pipedrive person per Intilery customer, so every cold request reads a new customer.
const customers = [...sandbox.store.all()]
  .map((c) => c.traits.email)
  .filter((email): email is string => typeof email === 'string' && email.includes('@'))
  .slice(0, PAIRS)
const extraPersons: PipedrivePerson[] = customers.map((email, i) => ({
  id: 10_000 + i,
  name: `Bench person ${i}`,
  first_name: 'Bench',
  last_name: `person ${i}`,
  org_id: null,
  emails: [{ value: email, primary: true, label: 'work' }],
  phones: [],
}))
const relayPort = await freePort()
const relayUrl = `http://127.0.0.1:${relayPort}`
const pipedrive = await startPipedrive({
  clientId: 'bench-client',
  clientSecret: SECRETS.client,
  redirectUri: `${relayUrl}/pipedrive/oauth/callback`,
  extraPersons,
})
progress('building the relay')
const built = await buildServers(relayDir)
const tenantsFile = writeBenchTenants(dir, sandbox, 'Bench', [
  `pipedriveCompanyIds: [${DEMO_COMPANY.id}]`,
])
const { authToken } = sandbox.config
const relay = spawnNode('relay', built.relay, built.orphanGuard, {
  PORT: String(relayPort),
  DATABASE_URL: ':memory:',
  LOG_LEVEL: 'warn',
  RELAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  RELAY_AUDIT_KEY: randomBytes(32).toString('base64'),
  RELAY_TENANTS_FILE: tenantsFile,
  BENCH_INTILERY_TOKEN: authToken,
  RELAY_PUBLIC_URL: relayUrl,
  PIPEDRIVE_CLIENT_ID: 'bench-client',
  PIPEDRIVE_CLIENT_SECRET: SECRETS.client,
  PIPEDRIVE_PANEL_JWT_SECRET: SECRETS.panel,
  PIPEDRIVE_OAUTH_URL: pipedrive.url,
  PIPEDRIVE_API_DOMAINS: pipedrive.url,
})

try {
  await waitUntilHealthy(relay, `${relayUrl}/healthz`)
  const installed = await installThroughBrowser(`${relayUrl}/pipedrive/oauth/start`, USER_ID)
  if (installed.status !== 200) throw new Error(`install failed: ${installed.status}`)
  sandbox.faults.set({ latencyMs: LATENCY_MS })
  const accessToken = pipedrive.grants.grantOf(DEMO_COMPANY.id, USER_ID)?.accessToken ?? ''

  const panelUrl = async (personId: number) => {
    const iat = Math.floor(Date.now() / 1000)
    const token = await sign(
      { userId: USER_ID, companyId: DEMO_COMPANY.id, iat, exp: iat + 300 },
      SECRETS.panel,
      'HS256'
    )
    const query = new URLSearchParams({
      resource: 'person',
      view: 'details',
      userId: String(USER_ID),
      companyId: String(DEMO_COMPANY.id),
      selectedIds: String(personId),
      isShared: 'false',
      token,
    })
    return `${relayUrl}/pipedrive/v1/panel?${query.toString()}`
  }
  const profile = (email: string, endpoint: string) =>
    `${sandbox.apiRoot}/profiles/email:${encodeURIComponent(email)}/${endpoint}`
  /** What one panel request must wait for, sent straight to the stand-ins. */
  const direct = async (personId: number, email: string) => {
    const started = performance.now()
    const person = await get(`${pipedrive.url}/api/v2/persons/${personId}`, {
      authorization: `Bearer ${accessToken}`,
    })
    const headers = { 'auth-token': authToken }
    const reads = await Promise.all([
      get(profile(email, 'meta'), headers),
      get(`${profile(email, 'events')}?limit=50`, headers),
    ])
    const ok = person.status === 200 && reads.every((r) => r.status === 200)
    return { ok, ms: performance.now() - started }
  }
  const viaRelay = async (personId: number) => {
    const answer = await get(await panelUrl(personId), {}, { keepBody: true })
    const ok = answer.status === 200 && answer.body.startsWith('{"data":[{"id":1,')
    return { ok, ms: answer.ms }
  }

  const samples = { coldRelay: [] as number[], coldDirect: [] as number[] }
  const warm = { relay: [] as number[], direct: [] as number[] }
  let failures = 0
  progress(`${PAIRS} cold pairs`)
  for (const [i, email] of customers.entries()) {
    const relayAnswer = await viaRelay(10_000 + i)
    const directAnswer = await direct(10_000 + i, email)
    if (!relayAnswer.ok || !directAnswer.ok) failures++
    samples.coldRelay.push(relayAnswer.ms)
    samples.coldDirect.push(directAnswer.ms)
  }
  progress(`${PAIRS} warm pairs`)
  const joe = pipedrive.data.persons.find((p) => p.id === 1)?.emails[0]?.value ?? ''
  await viaRelay(1)
  for (let i = 0; i < PAIRS; i++) {
    const relayAnswer = await viaRelay(1)
    const directAnswer = await direct(1, joe)
    if (!relayAnswer.ok || !directAnswer.ok) failures++
    warm.relay.push(relayAnswer.ms)
    warm.direct.push(directAnswer.ms)
  }

  const ms = (v: number) => `${v.toFixed(0)} ms`
  const row = (name: string, relayMs: number[], directMs: number[]) => {
    const [p50, p99, d50, d99] = [
      percentile(relayMs, 50),
      percentile(relayMs, 99),
      percentile(directMs, 50),
      percentile(directMs, 99),
    ]
    return `${name.padEnd(6)} relay p50 ${ms(p50).padStart(7)}  p99 ${ms(p99).padStart(7)}   direct p50 ${ms(d50).padStart(7)}  p99 ${ms(d99).padStart(7)}   relay/direct p50 ${(p50 / d50).toFixed(2)}x  p99 ${p99 <= 1000 ? 'met' : 'NOT met'} (target <= 1000 ms)`
  }
  process.stdout.write(
    [
      `bench:pipedrive — JSON panel, ${PAIRS} pairs each, Intilery latency +${LATENCY_MS} ms, Node ${process.version}`,
      row('cold', samples.coldRelay, samples.coldDirect),
      row('warm', warm.relay, warm.direct),
      `failed requests: ${failures}`,
      '',
    ].join('\n')
  )
  if (failures > 0) process.exitCode = 1
} finally {
  closeClient()
  await relay.stop()
  await Promise.all([pipedrive.stop(), sandbox.stop()])
  rmSync(dir, { recursive: true, force: true })
}
