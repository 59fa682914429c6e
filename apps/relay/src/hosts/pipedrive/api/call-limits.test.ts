import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { watch } from '../../../upstream/testing/watch.ts'
import { CallTimedOut, withinLimits } from './call-limits.ts'

const never = () => new Promise<never>(() => {})

describe('withinLimits', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('ends a call that does not answer at its own timeout, aborting its signal', async () => {
    const signals: AbortSignal[] = []
    const call = watch(
      withinLimits(
        (signal) => {
          signals.push(signal)
          return never()
        },
        { timeoutMs: 300 }
      )
    )
    await vi.advanceTimersByTimeAsync(299)
    expect(call.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(call.result).toBeInstanceOf(CallTimedOut)
    expect(signals[0]?.aborted).toBe(true)
  })

  it('ends it with the request’s signal when that comes first, even if the call ignores its own', async () => {
    const request = new AbortController()
    const call = watch(withinLimits(never, { signal: request.signal, timeoutMs: 300 }))
    await vi.advanceTimersByTimeAsync(100)
    request.abort(new DOMException('deadline', 'TimeoutError'))
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toBeInstanceOf(CallTimedOut)
  })

  it('sends nothing once the request’s deadline has passed', async () => {
    const request = new AbortController()
    request.abort()
    const run = vi.fn(never)
    await expect(withinLimits(run, { signal: request.signal, timeoutMs: 300 })).rejects.toThrow(
      CallTimedOut
    )
    expect(run).not.toHaveBeenCalled()
  })

  it('passes answers and the call’s own failures through, and leaves no timer or listener', async () => {
    const request = new AbortController()
    const listen = vi.spyOn(request.signal, 'addEventListener')
    const unlisten = vi.spyOn(request.signal, 'removeEventListener')
    const limits = { signal: request.signal, timeoutMs: 300 }
    await expect(withinLimits(() => Promise.resolve('answer'), limits)).resolves.toBe('answer')
    const failure = new Error('refused')
    await expect(withinLimits(() => Promise.reject(failure), limits)).rejects.toBe(failure)
    expect(vi.getTimerCount()).toBe(0)
    expect(unlisten).toHaveBeenCalledTimes(listen.mock.calls.length)
  })

  it('says why a call whose HTTP request failed on abort failed: it ran out of time', async () => {
    const call = watch(
      withinLimits(
        (signal) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(new Error('canceled')))
          ),
        { timeoutMs: 300 }
      )
    )
    await vi.advanceTimersByTimeAsync(300)
    expect(call.result).toBeInstanceOf(CallTimedOut)
  })
})
