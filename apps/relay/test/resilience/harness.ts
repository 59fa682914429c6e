/**
 * The resilience suite's fixture: a real sandbox over HTTP on a free loopback port, its fault
 * knobs and counters, and fresh upstream guards pointed at it. Each guard gets its own cache,
 * bucket and breaker, a clock the test can move forward so cached entries turn stale without
 * waiting, and a fetch that tells the test when every request it sent has been answered.
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

export interface ResilienceTarget {
  readonly sandbox: RunningSandbox
  /** Every seeded customer, by Intilery id. */
  readonly customers: readonly ProfileRef[]
  guard(options?: UpstreamOptions): {
    upstream: ReturnType<typeof createUpstream>
    /** Moves the guard's clock forward (cache ages, bucket refill). */
    advance: (ms: number) => void
    /** Requests the guard has sent whose answer (status, headers and body) is not in yet. */
    inFlight: () => number
    /** Resolves once no request the guard sent is waiting for its answer. */
    answered: () => Promise<void>
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
      const calls = trackAnswers()
      const upstream = createUpstream(credentials, options, {
        now: () => Date.now() + offset,
        fetch: calls.fetch,
      })
      return {
        upstream,
        advance: (ms) => {
          offset += ms
        },
        inFlight: calls.inFlight,
        answered: calls.answered,
      }
    },
    stop: () => sandbox.stop(),
  }
}

/**
 * The global fetch, with each answer read in full before it is handed on: once a call's promise
 * settles, what the guard does next with it involves no more I/O (only promise jobs and timers).
 * So a test on fake timers can wait for `answered()` and know that the guard is waiting for the
 * clock alone.
 */
function trackAnswers() {
  let inFlight = 0
  const waiters: (() => void)[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight += 1
    try {
      const response = await globalThis.fetch(input, init)
      const body = await response.arrayBuffer()
      const { status, statusText, headers } = response
      return new Response(body, { status, statusText, headers })
    } finally {
      inFlight -= 1
      if (inFlight === 0) for (const wake of waiters.splice(0)) wake()
    }
  }
  return {
    fetch,
    inFlight: () => inFlight,
    answered: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  }
}
