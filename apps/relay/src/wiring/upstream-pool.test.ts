import { describe, expect, it } from 'vitest'

import type { Tenant } from '../ports.ts'
import { ZERO_COUNTS, type Upstream, type UpstreamStats } from '../upstream/index.ts'
import { createUpstreamPool } from './upstream-pool.ts'

const tenant = (id: string, authToken: string): Tenant => ({
  id,
  name: id,
  intilery: {
    baseUrl: 'https://tracking.intilery.example',
    clientId: 'c',
    accountId: 'a',
    brandId: 'b',
    authToken,
  },
})

/** A guard whose stats the test sets. */
function fakeGuard(stats: Partial<UpstreamStats>): Upstream {
  const full: UpstreamStats = {
    ...ZERO_COUNTS,
    responses: {},
    lastResponse: undefined,
    budgetTokens: 15,
    breakerState: 'closed',
    ...stats,
  }
  return { stats: () => full } as unknown as Upstream
}

describe('the upstream pool', () => {
  it('keeps one guard per credential and hands the same one to every read of it', () => {
    const made: string[] = []
    const pool = createUpstreamPool((credentials) => {
      made.push(credentials.authToken)
      return fakeGuard({})
    })
    const first = pool.upstreamFor(tenant('acme', 't1'))
    expect(pool.upstreamFor(tenant('acme', 't1'))).toBe(first)
    expect(pool.upstreamFor(tenant('acme', 't2'))).not.toBe(first)
    expect(made).toEqual(['t1', 't2'])
  })

  it('sums a tenant’s counters over its rotated tokens, and reports its current guard’s breaker and budget', () => {
    const guards = [
      fakeGuard({
        hits: 3,
        misses: 2,
        responses: { '200': 2 },
        breakerState: 'open',
        budgetTokens: 1,
      }),
      fakeGuard({ hits: 1, misses: 1, responses: { '200': 1, '401': 1 }, budgetTokens: 14 }),
      fakeGuard({ hits: 7 }),
    ]
    const pool = createUpstreamPool(() => guards.shift() ?? fakeGuard({}))
    pool.upstreamFor(tenant('acme', 'old'))
    pool.upstreamFor(tenant('acme', 'rotated'))
    pool.upstreamFor(tenant('other', 'x'))
    expect(pool.status()).toEqual([
      {
        tenantId: 'acme',
        stats: expect.objectContaining({
          hits: 4,
          misses: 3,
          responses: { '200': 3, '401': 1 },
          breakerState: 'closed',
          budgetTokens: 14,
        }) as unknown,
      },
      { tenantId: 'other', stats: expect.objectContaining({ hits: 7 }) as unknown },
    ])
  })
})
