import { describe, expect, it } from 'vitest'

import { createPromMetrics } from '../platform/metrics/prom-metrics.ts'

describe('the outbox on /metrics', () => {
  it('shows messages by tenant and state, and the oldest pending message’s wait', async () => {
    const metrics = createPromMetrics({
      processMetrics: false,
      outbox: () =>
        Promise.resolve([
          {
            tenantId: 'acme',
            pending: 3,
            delivered: 40,
            dead: 1,
            oldestPendingAt: Date.now() - 90_000,
            lastError: { at: 1, error: 'http 503' },
          },
        ]),
    })
    const { text } = await metrics.exposition()
    expect(text).toContain('relay_writeback_outbox_messages{tenant="acme",state="pending"} 3')
    expect(text).toContain('relay_writeback_outbox_messages{tenant="acme",state="delivered"} 40')
    expect(text).toContain('relay_writeback_outbox_messages{tenant="acme",state="dead"} 1')
    const wait = /relay_writeback_oldest_pending_seconds\{tenant="acme"\} ([\d.]+)/.exec(text)
    expect(Number(wait?.[1])).toBeGreaterThanOrEqual(90)
    expect(text).not.toContain('http 503')
  })
})
