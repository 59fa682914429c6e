// The webhook over the real store on a SQLite file: the secret `relay zendesk webhook-secret`
// kept is the one deliveries are checked with, each event lands in the durable outbox once, and
// with write-back off nothing is stored and the invocation is not remembered.
import { describe, expect, it } from 'vitest'

import { add, setup } from '../../../../test/cli-harness.ts'
import { createApp } from '../../../app.ts'
import { withStore } from '../../../cli/open-store.ts'
import { createHasher } from '../../../platform/crypto/hmac.ts'
import type { UpstreamReads } from '../../../ports.ts'
import { relayConfigFromEnv } from '../../../wiring/relay-config.ts'
import type { RelayStore } from '../../../wiring/relay-store.ts'
import type { WritebackTables } from '../../../writeback/outbox-schema.ts'
import { createOutboxStore } from '../../../writeback/outbox-store.ts'
import type { HostTables } from '../../host-module.ts'
import { zendeskHost } from '../zendesk-host.ts'
import { renderedBody, sign, stamp } from './test/webhook-harness.ts'

const SIGNING = 'zendesk-webhook-SIGNING-secret-0123456789'
const NOW = Date.UTC(2027, 2, 1, 12)

async function relayOver(store: RelayStore, tables: HostTables, auditKey: string) {
  const hasher = await createHasher(auditKey)
  const app = createApp({
    tenants: store.tenants,
    apiKeys: store.apiKeys,
    audit: store.audit,
    store,
    upstreamFor: () => ({}) as UpstreamReads,
    hasher,
    config: { allowedOrigins: [], frameAncestors: [], requestDeadlineMs: 3_000 },
    now: () => NOW,
    hosts: [zendeskHost.start({ config: {}, tenants: store.tenants, ...tables, now: () => NOW })],
    outbox: createOutboxStore({
      db: tables.db,
      hasher,
      now: () => NOW,
      secretBox: tables.secretBox,
    }),
  })
  const post = (body: string, invocation: string, secret = SIGNING) =>
    app.request('/zendesk/v1/webhooks?subdomain=demo', {
      method: 'POST',
      headers: {
        'x-zendesk-webhook-signature-timestamp': stamp(NOW),
        'x-zendesk-webhook-signature': sign(secret, stamp(NOW), body),
        'x-zendesk-webhook-invocation-id': invocation,
      },
      body,
    })
  const rows = () =>
    tables.db
      .withTables<WritebackTables>()
      .selectFrom('writeback_outbox')
      .select(['tenant_id', 'message_id', 'source', 'event', 'state'])
      .orderBy('seq')
      .execute()
  return { post, rows }
}

describe('the webhook over the store and the outbox', () => {
  it('stores each event once, durably, only with write-back on, checked with the CLI’s secret', async () => {
    const { cli, run, env } = setup()
    await cli(...add)
    await run(['zendesk', 'webhook-secret', '--zendesk-subdomain', 'demo', '--secret-env', 'S'], {
      S: SIGNING,
    })
    const solved = renderedBody('ticket_solved')
    await withStore(relayConfigFromEnv(env), async (store, tables) => {
      const { post, rows } = await relayOver(store, tables, env.RELAY_AUDIT_KEY)

      // Off by default: refused, nothing stored, and the invocation may come again.
      expect((await post(solved, 'inv-1')).status).toBe(403)
      expect(await rows()).toEqual([])

      await store.tenants.setWriteback('demo', { enabled: true })
      expect((await post(solved, 'inv-1', 'zendesk-shared-secret')).status).toBe(401)
      expect(await (await post(solved, 'inv-1')).json()).toEqual({ stored: 1, duplicates: 0 })
      expect(await (await post(solved, 'inv-1')).json()).toMatchObject({ repeated: true })
      expect(await (await post(solved, 'inv-2')).json()).toEqual({ stored: 0, duplicates: 1 })
      const offered = renderedBody('ticket_rated', { rating: 'offered' })
      expect(await (await post(offered, 'inv-3')).json()).toMatchObject({ ignored: 'no_rating' })

      expect(await rows()).toEqual([
        {
          tenant_id: 'demo',
          message_id: 'zendesk:demo:ticket:101:solved:2027-03-01T11:58:00.000Z',
          source: 'zendesk',
          event: 'Ticket Solved',
          state: 'pending',
        },
      ])
    })
  })
})
