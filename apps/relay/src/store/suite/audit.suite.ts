/** The audit log: what goes in comes out, in time order, a page at a time. */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely'
import { describe, expect, it } from 'vitest'

import { EXPORT_PAGE_SIZE } from '../audit-log.ts'
import { InvalidInputError } from '../errors.ts'
import {
  createRelayStore,
  type AuditEntry,
  type AuditRecordInput,
} from '../../wiring/relay-store.ts'
import { START_MS, type UseContext } from './context.ts'

const entry = (overrides: Partial<AuditRecordInput> = {}): AuditRecordInput => ({
  tenantId: 'acme',
  channel: 'zendesk',
  caller: 'agent-7',
  refHmac: 'hmac-of-the-ref',
  idType: 'email',
  outcome: 'ok',
  status: 200,
  requestId: 'req-1',
  latencyMs: 42,
  ...overrides,
})

async function collect(entries: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = []
  for await (const item of entries) out.push(item)
  return out
}

/** Counts SELECTs and INSERTs, to see how many queries an export or a burst of reads costs. */
class QueryCounter implements KyselyPlugin {
  selects = 0
  inserts = 0
  transformQuery({ node }: PluginTransformQueryArgs) {
    if (node.kind === 'SelectQueryNode') this.selects++
    if (node.kind === 'InsertQueryNode') this.inserts++
    return node
  }
  transformResult({ result }: PluginTransformResultArgs) {
    return Promise.resolve(result)
  }
}

export function registerAuditTests(use: UseContext): void {
  describe('audit log', () => {
    it('records entries and exports them as recorded', async () => {
      const { store, clock } = use()
      await store.audit.record(entry({ upstreamRequestId: 'up-1', latencyMs: 12.6 }))
      clock.ms = START_MS + 1
      await store.audit.record(
        entry({
          channel: 'api',
          caller: 'key:abc',
          outcome: 'denied',
          status: 403,
          requestId: 'req-2',
        })
      )
      const exported = await collect(store.audit.export(new Date(0)))
      for (const { id } of exported) expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(exported.map(({ id: _, ...rest }) => rest)).toEqual([
        {
          at: new Date(START_MS),
          tenantId: 'acme',
          channel: 'zendesk',
          caller: 'agent-7',
          refHmac: 'hmac-of-the-ref',
          idType: 'email',
          outcome: 'ok',
          status: 200,
          requestId: 'req-1',
          upstreamRequestId: 'up-1',
          latencyMs: 13,
        },
        expect.objectContaining({ at: new Date(START_MS + 1), channel: 'api', outcome: 'denied' }),
      ])
      expect(exported[1]).not.toHaveProperty('upstreamRequestId')
    })

    it('exports everything since a date in time order, across many pages', async () => {
      const { db, store, secretBox, hasher } = use()
      const total = 1_000
      // Seven entries per second, so a page can end in the middle of one instant's entries; recorded
      // out of order, so the order must come from the query.
      for (let n = 0; n < total; n++) {
        const i = (n * 379) % total
        await store.audit.record(
          entry({ requestId: `req-${i}`, at: new Date(START_MS + Math.floor(i / 7) * 1_000) })
        )
      }
      const since = new Date(START_MS + 50_000)
      const counter = new QueryCounter()
      const counted = createRelayStore({ db: db.withPlugin(counter), secretBox, hasher })
      const exported = await collect(counted.audit.export(since))

      const expected = Array.from({ length: total }, (_, i) => i).filter(
        (i) => Math.floor(i / 7) >= 50
      )
      expect(exported).toHaveLength(expected.length)
      expect(new Set(exported.map((e) => e.requestId))).toEqual(
        new Set(expected.map((i) => `req-${i}`))
      )
      for (let k = 1; k < exported.length; k++) {
        const [previous, current] = [exported[k - 1], exported[k]]
        if (previous === undefined || current === undefined) throw new Error('unreachable')
        const ordered =
          previous.at.getTime() < current.at.getTime() ||
          (previous.at.getTime() === current.at.getTime() && previous.id < current.id)
        expect(ordered, `entry ${k} is out of order`).toBe(true)
      }
      expect(exported[0]?.at.getTime()).toBeGreaterThanOrEqual(since.getTime())
      expect(counter.selects).toBeGreaterThanOrEqual(Math.ceil(expected.length / EXPORT_PAGE_SIZE))
      expect(counter.selects).toBeGreaterThan(1)
    })

    it('stores every one of 1,200 concurrent entries, in fewer INSERTs than entries', async () => {
      const { db, secretBox, hasher } = use()
      const counter = new QueryCounter()
      const counted = createRelayStore({ db: db.withPlugin(counter), secretBox, hasher })
      await Promise.all(
        Array.from({ length: 1_200 }, (_, i) => counted.audit.record(entry({ requestId: `r${i}` })))
      )
      const exported = await collect(counted.audit.export(new Date(0)))
      expect(new Set(exported.map((e) => e.requestId)).size).toBe(1_200)
      expect(counter.inserts).toBeGreaterThanOrEqual(3) // at most 500 rows an INSERT
      expect(counter.inserts).toBeLessThan(10)
    })

    it('fails the entries of a write that fails, and stores the ones after it', async () => {
      const { db, store } = use()
      await db.schema.alterTable('audit_log').renameTo('audit_log_away').execute()
      const failed = store.audit.record(entry({ requestId: 'lost' }))
      await expect(failed).rejects.toThrow()
      await db.schema.alterTable('audit_log_away').renameTo('audit_log').execute()
      await store.audit.record(entry({ requestId: 'kept' }))
      expect((await collect(store.audit.export(new Date(0)))).map((e) => e.requestId)).toEqual([
        'kept',
      ])
    })

    it('exports nothing when nothing is that recent', async () => {
      const { store } = use()
      await store.audit.record(entry())
      expect(await collect(store.audit.export(new Date(START_MS + 1)))).toEqual([])
    })

    it('refuses malformed entries and an invalid date', async () => {
      const { store } = use()
      await expect(store.audit.record(entry({ status: 200.5 }))).rejects.toBeInstanceOf(
        InvalidInputError
      )
      await expect(store.audit.record({ ...entry(), channel: 'email' })).rejects.toBeInstanceOf(
        InvalidInputError
      )
      expect(() => store.audit.export(new Date(Number.NaN))).toThrow(InvalidInputError)
      expect(await collect(store.audit.export(new Date(0)))).toEqual([])
    })
  })
}
