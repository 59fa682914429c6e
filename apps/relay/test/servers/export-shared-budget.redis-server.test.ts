// `relay export` beside a relay, both on the credential's budget in a real Redis (as relays that
// share their limit run): together they stay within the credential's rate, the relay's reads are
// never shed, and the export finishes with what the readers leave.
import { createProfileRef } from '@intilery-connect/core'
import { startSandbox } from '@intilery-connect/sandbox'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'

import { createRedisBudget } from '../../src/platform/redis/redis-budget.ts'
import { resolveUpstreamOptions } from '../../src/upstream/options.ts'
import { sharedExportBudget } from '../../src/export/export-bucket.ts'
import { createUpstream } from '../../src/upstream/upstream.ts'
import { credentialsOf, exportTo, newFolder } from '../export/export-harness.ts'
import { serverUrl } from './server-urls.ts'

describe('relay export on a shared budget in Redis', () => {
  it('keeps the export and a relay within one rate together, the relay’s reads first', async () => {
    const url = serverUrl('RELAY_TEST_REDIS_URL')
    const redis = new Redis(url)
    await redis.flushall()
    await redis.quit()
    const sandbox = await startSandbox({ port: 0 })
    const relayBudget = createRedisBudget({ url, onModeChange: () => {} })
    const exportBudget = createRedisBudget({ url, onModeChange: () => {} })
    try {
      await Promise.all([relayBudget.ready(5_000), exportBudget.ready(5_000)])
      const credentials = credentialsOf(sandbox)
      const settings = resolveUpstreamOptions()
      const relay = createUpstream(
        credentials,
        {},
        { sharedBudget: { backend: relayBudget, instances: 1 } }
      )
      const ids = [...sandbox.store.all()].map((customer) => customer.id)
      const started = Date.now()
      // Agents opening customers one after another, as fast as the budget lets them, while the
      // export starts: every open must succeed (a shed read would reject here).
      const agents = (async () => {
        for (const id of ids.slice(0, 60)) {
          const ref = createProfileRef('id', id)
          await Promise.all([
            relay.traits(ref),
            relay.meta(ref),
            relay.firstEventsPage(ref, { limit: 10 }),
          ])
        }
      })()
      const exported = exportTo(
        sandbox,
        { out: newFolder(), limitProfiles: 30, budget: '100%' },
        {
          relayRatePerSecond: settings.ratePerSecond,
          shared: sharedExportBudget(exportBudget, credentials, settings),
        }
      )
      await agents
      const manifest = await exported
      const elapsedMs = Date.now() - started
      const counts = sandbox.counters.snapshot()
      const exportRequests = counts.byAgent['intilery-connect-export'] ?? 0
      expect(manifest.customers).toMatchObject({ listed: 30, exported: 30, failed: [] })
      expect(manifest.budget.sharedLimiter).toBe(true)
      expect(exportRequests).toBe(manifest.requests)
      // One budget for both: the credential's burst and rate over the whole run, never more.
      expect(counts.total).toBeLessThanOrEqual(
        settings.burst + (settings.ratePerSecond * elapsedMs) / 1000
      )
      expect(counts.byStatus['429']).toBeUndefined()
    } finally {
      await Promise.all([relayBudget.close(), exportBudget.close()])
      await sandbox.stop()
    }
  }, 60_000)
})
