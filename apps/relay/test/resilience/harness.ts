/**
 * The resilience suite's fixture: a real sandbox over HTTP on a free loopback port, its fault
 * knobs and counters, and fresh upstream guards pointed at it. Each guard gets its own cache,
 * bucket and breaker, and a clock the test can move forward so cached entries turn stale without
 * waiting.
 */
import { createProfileRef, type ProfileRef } from '@intilery-connect/core'
import { startSandbox, type RunningSandbox } from '@intilery-connect/sandbox'

import { createUpstream, type UpstreamOptions } from '../../src/upstream/index.ts'

/** Short deadlines so that a fault test takes a second, not the production 5 s per read. */
export const FAST: UpstreamOptions = {
  deadlineMs: 800,
  timeoutMs: 300,
  retry: { baseDelayMs: 20, maxDelayMs: 100 },
  breaker: { halfOpenAfterMs: 200 },
}

/** Slack for timing assertions: two cores, test files running side by side. */
export const SLACK_MS = 400

export interface ResilienceTarget {
  readonly sandbox: RunningSandbox
  /** Every seeded customer, by Intilery id. */
  readonly customers: readonly ProfileRef[]
  guard(options?: UpstreamOptions): {
    upstream: ReturnType<typeof createUpstream>
    /** Moves the guard's clock forward (cache ages, bucket refill). */
    advance: (ms: number) => void
  }
  stop(): Promise<void>
}

export async function startResilienceTarget(): Promise<ResilienceTarget> {
  const sandbox = await startSandbox({ port: 0 })
  const { clientId, accountId, brandId, authToken } = sandbox.config
  const credentials = { baseUrl: sandbox.url, clientId, accountId, brandId, authToken }
  const customers = [...sandbox.store.all()].map((c) => createProfileRef('id', c.id))
  return {
    sandbox,
    customers,
    guard(options = FAST) {
      let offset = 0
      const upstream = createUpstream(credentials, options, { now: () => Date.now() + offset })
      return {
        upstream,
        advance: (ms) => {
          offset += ms
        },
      }
    },
    stop: () => sandbox.stop(),
  }
}

/** Runs `work`, resolving with its value or error and how long it took. */
export async function timed(work: Promise<unknown>): Promise<{ result: unknown; ms: number }> {
  const started = performance.now()
  const result = await work.catch((error: unknown) => error)
  return { result, ms: performance.now() - started }
}
