// The export's share of the credential's budget, measured by the sandbox's counters (by
// User-Agent, so the export's requests are told from the relay's): it never takes more than
// `--budget` of the relay's rate, and with a shared limiter the relay's reads running beside it
// are never shed. Upper bounds only: a slow machine makes the export slower, never faster.
import { createProfileRef } from '@intilery-connect/core'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterEach, describe, expect, it } from 'vitest'

import { resolveUpstreamOptions, spareReserveOf } from '../../src/upstream/options.ts'
import { memoryBudget } from '../../src/upstream/testing/memory-budget.ts'
import { sharedExportBudget } from '../../src/export/export-bucket.ts'
import { createUpstream } from '../../src/upstream/upstream.ts'
import { credentialsOf, exportTo, newFolder } from './export-harness.ts'

const EXPORT_AGENT = 'intilery-connect-export'

let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.stop()
  sandbox = undefined
})

/** Requests the export made, and the most a bucket of this rate and burst allows in `ms`. */
function share(running: RunningSandbox, ratePerSecond: number, ms: number) {
  const made = running.counters.snapshot().byAgent[EXPORT_AGENT] ?? 0
  const burst = Math.max(1, Math.floor(ratePerSecond / 10))
  return { made, allowed: burst + (ratePerSecond * ms) / 1000 }
}

describe('relay export within its budget', () => {
  it('takes at most its share of the rate on its own', async () => {
    sandbox = await startSandbox({ port: 0 })
    const started = Date.now()
    const manifest = await exportTo(
      sandbox,
      { out: newFolder(), limitProfiles: 40, budget: '25%' },
      { relayRatePerSecond: 200 }
    )
    const { made, allowed } = share(sandbox, 50, Date.now() - started)
    expect(made).toBe(manifest.requests)
    expect(made).toBeGreaterThan(40)
    expect(made).toBeLessThanOrEqual(allowed)
    expect(manifest.budget).toEqual({ share: 0.25, requestsPerSecond: 50, sharedLimiter: false })
  })

  it('shares a limiter with the relay: its reads beside the export are never shed, and nothing is refused upstream', async () => {
    sandbox = await startSandbox({ port: 0 })
    const running = sandbox
    const credentials = credentialsOf(running)
    const settings = resolveUpstreamOptions()
    const budget = memoryBudget(() => Date.now())
    const relay = createUpstream(
      credentials,
      {},
      { sharedBudget: { backend: budget, instances: 1 } }
    )
    // Agents opening a customer every 100 ms (traits, metadata and the first events page: about
    // 30 reads a second, a busy support floor) for as long as the export runs.
    const ids = [...running.store.all()].map((customer) => customer.id)
    let exporting = true
    let opened = 0
    const agents = (async () => {
      for (let i = 0; exporting; i = (i + 1) % ids.length) {
        const ref = createProfileRef('id', ids[i] as string)
        await Promise.all([
          relay.traits(ref),
          relay.meta(ref),
          relay.firstEventsPage(ref, { limit: 20 + (opened % 50) }),
        ])
        opened += 1
        // Pacing the simulated load, not waiting for anything to happen.
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    const started = Date.now()
    try {
      await exportTo(
        running,
        { out: newFolder(), limitProfiles: 40, budget: '50%' },
        {
          relayRatePerSecond: settings.ratePerSecond,
          shared: sharedExportBudget(budget, credentials, settings),
        }
      )
    } finally {
      exporting = false
    }
    // Every agent read succeeded (a shed read would have rejected here).
    await agents
    const { made, allowed } = share(running, settings.ratePerSecond / 2, Date.now() - started)
    expect(made).toBeGreaterThan(40)
    expect(made).toBeLessThanOrEqual(allowed)
    expect(opened).toBeGreaterThan(0)
    const counts = running.counters.snapshot()
    expect(counts.byStatus['429']).toBeUndefined()
    // The export asked the shared budget for each token, leaving the readers' reserve.
    expect(
      budget.asked.some((ask) => ask.keepTokens === spareReserveOf(settings).whileReading)
    ).toBe(true)
  })
})
