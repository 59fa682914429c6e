import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { RelayEnv } from './caller.ts'
import { requestDeadline } from './request-deadline.ts'

function app(deadlineMs: number) {
  const seen: AbortSignal[] = []
  const routes = new Hono<RelayEnv>()
  routes.use('*', requestDeadline(deadlineMs))
  routes.get('/quick', (c) => {
    seen.push(c.get('deadline')())
    return c.text('ok')
  })
  routes.get('/untouched', (c) => c.text('ok'))
  routes.get('/wait', async (c) => {
    const signal = c.get('deadline')()
    expect(c.get('deadline')()).toBe(signal)
    seen.push(signal)
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
    return c.text(signal.reason instanceof Error ? signal.reason.name : String(signal.reason))
  })
  return { routes, seen }
}

describe('requestDeadline', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('aborts the signal with a TimeoutError when the deadline passes', async () => {
    const { routes } = app(5_000)
    const answer = routes.request('/wait')
    await vi.advanceTimersByTimeAsync(4_999)
    await vi.advanceTimersByTimeAsync(1)
    expect(await (await answer).text()).toBe('TimeoutError')
  })

  it('aborts the signal with the caller’s reason when the caller goes away', async () => {
    const { routes } = app(5_000)
    const caller = new AbortController()
    const answer = routes.request('/wait', { signal: caller.signal })
    await vi.advanceTimersByTimeAsync(10)
    caller.abort('gone')
    expect(await (await answer).text()).toBe('gone')
  })

  it('leaves no timer behind once the answer is written, and starts none when unused', async () => {
    const { routes, seen } = app(5_000)
    expect(await (await routes.request('/quick')).text()).toBe('ok')
    expect(vi.getTimerCount()).toBe(0)
    expect(seen[0]?.aborted).toBe(false)
    await (await routes.request('/untouched')).text()
    expect(vi.getTimerCount()).toBe(0)
  })
})
