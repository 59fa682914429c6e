/**
 * @module platform/http/request-deadline
 * Each request's deadline signal: aborted when the caller goes away or the request deadline passes,
 * whichever is first; upstream work for the request stops with it. Created on first use and torn
 * down when the answer is written: `AbortSignal.any` + `AbortSignal.timeout` would leave a timer and
 * weak references alive for the whole deadline after every request (thousands at a time under load)
 * and cost more than the rest of a warm read's bookkeeping.
 */
import { createMiddleware } from 'hono/factory'

import type { RelayEnv } from './caller.ts'

export function requestDeadline(deadlineMs: number) {
  return createMiddleware<RelayEnv>(async (c, next) => {
    let controller: AbortController | undefined
    let release = () => {}
    c.set('deadline', () => {
      if (controller !== undefined) return controller.signal
      const own = new AbortController()
      controller = own
      const caller = c.req.raw.signal
      const onCallerGone = () => own.abort(caller.reason)
      const timer = setTimeout(
        () => own.abort(new DOMException('The request deadline passed', 'TimeoutError')),
        deadlineMs
      )
      if (caller.aborted) onCallerGone()
      else caller.addEventListener('abort', onCallerGone, { once: true })
      release = () => {
        clearTimeout(timer)
        caller.removeEventListener('abort', onCallerGone)
      }
      return own.signal
    })
    try {
      await next()
    } finally {
      release()
    }
  })
}
