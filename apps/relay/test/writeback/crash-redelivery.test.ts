// The relay as an operator runs it, killed with SIGKILL after it acknowledged Zendesk's webhooks
// and while their batch was in flight to Intilery (the sandbox holds it, never answering), then
// started again on the same database: every event reaches Intilery exactly once. As an operator
// runs it means with an SQLite file, so its outbox's claims pick their rows on the outbox thread.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { zendeskTriggerBody } from '@intilery-connect/core'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withStore } from '../../src/cli/open-store.ts'
import { signedHeaders } from '../../src/hosts/zendesk/webhooks/test/zendesk-signer.ts'
import { relayConfigFromEnv } from '../../src/wiring/relay-config.ts'

const cwd = fileURLToPath(new URL('../..', import.meta.url))
const SIGNING = 'crash-test-zendesk-signing-secret-0123'
const METRICS_TOKEN = 'crash-test-metrics-token-0123456789'
let sandbox: RunningSandbox
let env: Record<string, string | undefined> = {}
const relays: ChildProcess[] = []

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  const dir = mkdtempSync(join(tmpdir(), 'relay-crash-'))
  const tenants = join(dir, 'tenants.yaml')
  writeFileSync(
    tenants,
    `tenants:
  - id: demo
    name: Demo
    intilery: { baseUrl: "${sandbox.url}", clientId: demo, accountId: demo, brandId: DEMO, authToken: { env: DEMO_INTILERY_TOKEN } }
    zendesk: [{ subdomain: demo, sharedSecret: demo-zendesk-secret, webhookSigningSecret: { env: DEMO_SIGNING } }]
    writeback: { enabled: true }
`
  )
  env = {
    ...process.env,
    PORT: '0',
    RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64'),
    RELAY_AUDIT_KEY: 'crash-test-audit-key-0123456789abcdef',
    DATABASE_URL: `file:${join(dir, 'relay.db')}`,
    RELAY_TENANTS_FILE: tenants,
    DEMO_INTILERY_TOKEN: sandbox.config.authToken,
    DEMO_SIGNING: SIGNING,
    // Short waits, so that the test takes seconds: a send gives up after 2 s, its lease after 4.1.
    RELAY_WRITEBACK_POLL_MS: '50',
    RELAY_WRITEBACK_SEND_TIMEOUT_MS: '2000',
    RELAY_WRITEBACK_LEASE_MS: '4100',
    RELAY_WRITEBACK_RETRY_BASE_MS: '100',
    RELAY_METRICS_TOKEN: METRICS_TOKEN,
  }
}, 30_000)

afterAll(async () => {
  for (const relay of relays) if (relay.exitCode === null) relay.kill('SIGKILL')
  await sandbox.stop()
})

/** Starts `src/main.ts` and resolves with its URL once it listens. */
async function startRelay(): Promise<{ relay: ChildProcess; url: string; logs: () => string }> {
  const relay = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  relays.push(relay)
  let logs = ''
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      logs += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)"/.exec(logs)
      if (match?.[1] !== undefined) resolve(match[1])
    }
    relay.stdout?.on('data', read)
    relay.stderr?.on('data', read)
    relay.once('exit', (code) => reject(new Error(`relay exited with ${String(code)}: ${logs}`)))
  })
  return { relay, url, logs: () => logs }
}

/** A ticket solved, as Zendesk's trigger delivers it, signed now. */
function delivery(url: string, ticket: number, invocation: string) {
  const body = zendeskTriggerBody('ticket_solved', {
    ticketId: String(ticket),
    status: 'solved',
    updatedAt: '2027-03-01T11:58:00Z',
    requesterEmail: `crash-${ticket % 3}@example.com`,
    requesterExternalId: `crash-customer-${ticket % 3}`,
    rating: 'good',
  })
  return fetch(`${url}/zendesk/v1/webhooks?subdomain=demo`, {
    method: 'POST',
    headers: signedHeaders(SIGNING, body, Date.now(), invocation),
    body,
  })
}

/** How many events of each messageId the sandbox holds for the Zendesk tickets. */
function storedEvents(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const customer of sandbox.store.all())
    for (const { event } of customer.events)
      if (event.eventId.startsWith('zendesk:demo:ticket:'))
        counts.set(event.eventId, (counts.get(event.eventId) ?? 0) + 1)
  return counts
}

const TICKETS = Array.from({ length: 12 }, (_, i) => 500 + i)

describe('a relay killed mid-delivery', () => {
  it('delivers every acknowledged event exactly once after it is started again', async () => {
    // Intilery takes the batch and never answers: it is in flight when the relay dies.
    sandbox.faults.set({ hangRate: 1, routes: ['ingest'] })
    const first = await startRelay()
    expect(first.logs()).toContain('"outboxThread":true')
    for (const ticket of TICKETS) {
      const answer = await delivery(first.url, ticket, `inv-${ticket}`)
      expect(answer.status, await answer.text()).toBe(200)
    }
    // Zendesk delivers one of them again (a new invocation id, the same event).
    expect((await delivery(first.url, TICKETS[0] ?? 0, 'inv-again')).status).toBe(200)
    await expect.poll(() => sandbox.hangs.size, { timeout: 20_000 }).toBeGreaterThan(0)
    expect(storedEvents().size).toBe(0)

    first.relay.kill('SIGKILL')
    await once(first.relay, 'exit')
    sandbox.faults.reset()
    sandbox.hangs.releaseAll()

    const second = await startRelay()
    const expected = TICKETS.map(
      (ticket) => `zendesk:demo:ticket:${ticket}:solved:2027-03-01T11:58:00.000Z`
    ).sort()
    await expect
      .poll(() => [...storedEvents().keys()].sort(), { timeout: 30_000, interval: 100 })
      .toEqual(expected)
    // What an operator's Prometheus sees of it: every event delivered by the second relay.
    const metrics = async () =>
      (
        await fetch(`${second.url}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).text()
    await expect
      .poll(metrics, { timeout: 10_000, interval: 100 })
      .toContain(
        `relay_writeback_messages_total{tenant="demo",outcome="delivered"} ${TICKETS.length}`
      )
    expect(await metrics()).toContain(
      'relay_writeback_outbox_messages{tenant="demo",state="pending"} 0'
    )
    second.relay.kill('SIGTERM')
    await once(second.relay, 'exit')

    expect([...storedEvents().values()].every((count) => count === 1)).toBe(true)
    const status = await withStore(relayConfigFromEnv(env), (store) => store.outboxAdmin.status())
    expect(status).toEqual([
      expect.objectContaining({ tenantId: 'demo', pending: 0, dead: 0, delivered: TICKETS.length }),
    ])
  }, 90_000)
})
