// The fault knobs and counters the relay's resilience tests stand on, driven over HTTP and in-process.
import {
  createProfileRef,
  RateLimitError,
  TimeoutError,
  UpstreamError,
  type RetryInfo,
} from '@intilery-connect/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { tokenFingerprint } from '../src/admin/counters.ts'
import { SEEDED } from '../src/seed/index.ts'
import { startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget()
})
afterAll(() => target.stop())
afterEach(() => {
  target.sandbox.faults.reset()
  target.sandbox.counters.reset()
})

const joe = createProfileRef('userId', SEEDED.joeBloggs.userId)
const admin = (path: string, init: RequestInit = {}, token = target.sandbox.config.adminToken) =>
  fetch(`${target.sandbox.url}/__admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  })

describe('admin route', () => {
  it('needs its own token; the Profile API token does not open it', async () => {
    const refused = await admin('/faults', {}, 'wrong')
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/)
    expect((await admin('/faults', {}, target.sandbox.config.authToken)).status).toBe(401)
    expect((await fetch(`${target.sandbox.url}/__admin/faults`)).status).toBe(401)
    expect((await admin('/faults')).status).toBe(200)
  })

  it('sets knobs, rejects unknown ones, and resets', async () => {
    const set = await admin('/faults', {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: 5, routes: ['traits'] }),
    })
    expect(await set.json()).toMatchObject({ latencyMs: 5, routes: ['traits'] })
    const bad = await admin('/faults', { method: 'PUT', body: JSON.stringify({ explode: true }) })
    expect(bad.status).toBe(400)
    await admin('/faults', { method: 'DELETE' })
    expect(target.sandbox.faults.current.latencyMs).toBe(0)
  })

  it('counts requests per route, per token fingerprint and per status', async () => {
    const client = target.client()
    await client.traits(joe)
    await client.events(joe)
    await client.traits(createProfileRef('userId', 'nobody')).catch(() => undefined)
    const counters = (await (await admin('/counters')).json()) as {
      total: number
      byRoute: Record<string, number>
      byToken: Record<string, number>
      byStatus: Record<string, number>
    }
    expect(counters.total).toBe(3)
    expect(counters.byRoute).toEqual({ traits: 2, events: 1 })
    expect(counters.byToken).toEqual({ [tokenFingerprint(target.sandbox.config.authToken)]: 3 })
    expect(JSON.stringify(counters)).not.toContain(target.sandbox.config.authToken)
    expect(counters.byStatus).toEqual({ '200': 2, '404': 1 })
  })
})

describe('faults seen through the client', () => {
  it('a 503 burst is retried through; a 500 is not', async () => {
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 503 })
    const retries: RetryInfo[] = []
    const client = target.client({
      retry: { maxRetries: 3, baseDelayMs: 1 },
      hooks: { onRetry: (r) => retries.push(r) },
    })
    const pending = client.traits(joe)
    await expect(pending).rejects.toThrow(UpstreamError)
    expect(retries).toHaveLength(3)
    target.sandbox.faults.set({ errorRate: 1, errorStatus: 500 })
    target.sandbox.counters.reset()
    await expect(client.traits(joe)).rejects.toMatchObject({ status: 500, retryable: false })
    expect(target.sandbox.counters.snapshot().total).toBe(1)
  })

  it('a 429 storm with Retry-After is waited out; one longer than the cap fails fast', async () => {
    target.sandbox.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 0 })
    const client = target.client({ retry: { maxRetries: 3, baseDelayMs: 1 } })
    expect((await client.traits(joe)).profile.id).toBe(SEEDED.joeBloggs.id)
    expect(target.sandbox.counters.snapshot().byStatus).toEqual({ '429': 2, '200': 1 })
    target.sandbox.faults.set({ rateLimitStorm: 1, retryAfterSeconds: 60 })
    const error = await client.traits(joe).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfter).toBe(60)
  })

  it('a malformed body is an UpstreamError malformed_response', async () => {
    target.sandbox.faults.set({ malformedRate: 1 })
    await expect(target.client().events(joe)).rejects.toMatchObject({
      code: 'malformed_response',
      status: 200,
    })
  })

  it('a hanging response ends in a TimeoutError at the deadline, and the hang is released', async () => {
    target.sandbox.faults.set({ hangRate: 1 })
    const client = target.client({
      timeoutMs: 100,
      deadlineMs: 300,
      retry: { maxRetries: 5, baseDelayMs: 1 },
    })
    const error = await client.traits(joe).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).retryable).toBe(false)
    await expect.poll(() => target.sandbox.hangs.size).toBe(0)
  })

  it('added latency applies only to the routes named', async () => {
    target.sandbox.faults.set({ latencyMs: 400, routes: ['events'] })
    const client = target.client({ timeoutMs: 200 })
    await expect(client.events(joe)).rejects.toThrow(TimeoutError)
    expect((await client.traits(joe)).profile.id).toBe(SEEDED.joeBloggs.id)
  })
})
