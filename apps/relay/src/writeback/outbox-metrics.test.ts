import { describe, expect, it } from 'vitest'

import { createPromMetrics } from '../platform/metrics/prom-metrics.ts'
import type { TenantOutboxBacklog } from './outbox-admin.ts'

describe('the outbox on /metrics', () => {
  it('shows what waits by tenant and state, and the oldest pending message’s wait', async () => {
    const metrics = createPromMetrics({
      processMetrics: false,
      outbox: () =>
        Promise.resolve([
          { tenantId: 'acme', pending: 3, dead: 1, oldestPendingAt: Date.now() - 90_000 },
        ]),
    })
    const { text } = await metrics.exposition()
    expect(text).toContain('relay_writeback_outbox_messages{tenant="acme",state="pending"} 3')
    expect(text).toContain('relay_writeback_outbox_messages{tenant="acme",state="dead"} 1')
    // Delivered rows are a week of them: counted as they go (below), not on every scrape.
    expect(text).not.toContain('state="delivered"')
    const wait = /relay_writeback_oldest_pending_seconds\{tenant="acme"\} ([\d.]+)/.exec(text)
    expect(Number(wait?.[1])).toBeGreaterThanOrEqual(90)
  })

  it('asks the store once per scrape, for both gauges', async () => {
    const asked: number[] = []
    const backlog: TenantOutboxBacklog[] = [
      { tenantId: 'acme', pending: 0, dead: 2, oldestPendingAt: undefined },
    ]
    const metrics = createPromMetrics({
      processMetrics: false,
      outbox: () => {
        asked.push(asked.length)
        return Promise.resolve(backlog)
      },
    })
    await metrics.exposition()
    const { text } = await metrics.exposition()
    expect(asked).toHaveLength(2)
    expect(text).toContain('relay_writeback_oldest_pending_seconds{tenant="acme"} 0')
  })

  it('counts what this instance delivered, retried and gave up on, per tenant', async () => {
    const metrics = createPromMetrics({ processMetrics: false, outbox: () => Promise.resolve([]) })
    metrics.observeWriteback('acme', { delivered: 200, retried: 0, dead: 0, released: 5 })
    metrics.observeWriteback('acme', { delivered: 100, retried: 7, dead: 1, released: 0 })
    metrics.observeWriteback('globex', { delivered: 0, retried: 3, dead: 0, released: 0 })
    const { text } = await metrics.exposition()
    expect(text).toContain('relay_writeback_messages_total{tenant="acme",outcome="delivered"} 300')
    expect(text).toContain('relay_writeback_messages_total{tenant="acme",outcome="retried"} 7')
    expect(text).toContain('relay_writeback_messages_total{tenant="acme",outcome="dead"} 1')
    expect(text).toContain('relay_writeback_messages_total{tenant="globex",outcome="retried"} 3')
    // Released messages were not attempted (the budget had no token): no outcome of theirs.
    expect(text).not.toMatch(/outcome="released"|tenant="globex",outcome="delivered"/)
  })
})
