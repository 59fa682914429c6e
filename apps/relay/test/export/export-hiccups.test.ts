// Intilery misbehaving during an export: 429 storms with Retry-After and failing requests are
// waited out and retried; a customer that still cannot be read is named in the manifest with the
// reason, and every other customer is exported.
import { SEEDED, startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterEach, describe, expect, it } from 'vitest'

import { exportTo, newFolder, query, sqlPath } from './export-harness.ts'

let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.stop()
  sandbox = undefined
})

// As many retries as the export makes, with short pauses (Retry-After is still waited for).
const quickRetries = { maxRetries: 6, baseDelayMs: 5, maxDelayMs: 20 }

describe('relay export when Intilery hiccups', () => {
  it('waits out a 429 storm (Retry-After) and retries failures, missing no customer', async () => {
    sandbox = await startSandbox({ port: 0, ratePerSecond: 5_000, burst: 5_000 })
    sandbox.faults.set({
      rateLimitStorm: 3,
      retryAfterSeconds: 1,
      errorRate: 0.05,
      errorStatus: 503,
    })
    const started = Date.now()
    const manifest = await exportTo(
      sandbox,
      { out: newFolder(), limitProfiles: 20 },
      { retry: quickRetries }
    )
    expect(manifest.customers).toMatchObject({ listed: 20, exported: 20, failed: [] })
    expect(sandbox.counters.snapshot().byStatus).toMatchObject({ '429': 3 })
    // The storm's first three answers are the first request's (the customer list, read alone),
    // each asking for a second: waited out, not retried at once (a lower bound: a slow machine
    // only makes it longer).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900)
  })

  it('names a customer it could not read after retries, with the reason, and exports the rest', async () => {
    sandbox = await startSandbox({ port: 0, ratePerSecond: 5_000, burst: 5_000 })
    const broken = `/v1/profiles/id:${SEEDED.hostile.id}/meta`
    const out = newFolder()
    const manifest = await exportTo(
      sandbox,
      { out },
      {
        retry: quickRetries,
        fetch: (input, init) =>
          (input instanceof Request ? input.url : input.toString()).includes(broken)
            ? Promise.resolve(
                new Response('{"error":{"code":"internal_server_error","message":"boom"}}', {
                  status: 500,
                })
              )
            : fetch(input, init),
      }
    )
    expect(manifest.customers.failed).toEqual([
      { customerId: SEEDED.hostile.id, reason: expect.stringContaining('boom') as unknown },
    ])
    expect(manifest.customers.exported).toBe(manifest.customers.listed - 1)
    const [row] = await query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE customer_id = ${sqlPath(SEEDED.hostile.id)}) AS broken FROM ${sqlPath(`${out}/customers.parquet`)}`
    )
    expect(row).toEqual({ n: String(manifest.customers.exported), broken: '0' })
  })
})
