/**
 * @module request-guards
 * What stands between a request and its handler: the 1 MB size rule, the auth-token check and the
 * fault knobs (latency, hangs, injected errors and 429 storms).
 */
import { createHash, timingSafeEqual } from 'node:crypto'

import type { Context, Env, Input } from 'hono'

import type { FaultKnobs, FaultRoute } from './admin/faults.ts'
import { apiError } from './profile-api/api-error.ts'

/** The size Intilery's 1 MB rule applies to: URL, headers and declared body. */
export function requestBytes<E extends Env, P extends string, I extends Input>(
  c: Context<E, P, I>
): number {
  let bytes = c.req.url.length
  for (const [name, value] of c.req.raw.headers) bytes += name.length + value.length + 4
  const declared = Number(c.req.header('content-length') ?? 0)
  return bytes + (Number.isFinite(declared) ? declared : 0)
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Constant-time comparison, so response timing does not leak how much of a token was right. */
export function isAuthorised(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected))
}

/** Responses held open by the hang knob; released when the sandbox stops. */
export class Hangs {
  private readonly waiting = new Set<() => void>()

  get size(): number {
    return this.waiting.size
  }

  /** Resolves when the caller goes away or the sandbox stops (at the latest after 10 minutes). */
  hold(signal: AbortSignal): Promise<void> {
    // A caller that already left (say, during added latency) has nothing to hold open.
    if (signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer)
        this.waiting.delete(release)
        signal.removeEventListener('abort', release)
        resolve()
      }
      const timer = setTimeout(release, 10 * 60_000)
      this.waiting.add(release)
      signal.addEventListener('abort', release, { once: true })
    })
  }

  releaseAll(): void {
    for (const release of [...this.waiting]) release()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Applies the knobs to one request; a Response means the fault answers instead of the handler. */
export async function applyFaults(
  c: Context,
  faults: FaultKnobs,
  hangs: Hangs,
  route: FaultRoute
): Promise<Response | undefined> {
  const latency = faults.latencyFor(route)
  if (latency > 0) await sleep(latency)
  const decision = faults.decide(route)
  switch (decision.kind) {
    case 'none':
      return undefined
    case 'hang':
      await hangs.hold(c.req.raw.signal)
      return apiError(c, 504, 'internal_server_error', 'The request hung (sandbox fault knob).')
    case 'error':
      return apiError(
        c,
        decision.status,
        'internal_server_error',
        'Something went wrong internal to Intilery'
      )
    case 'rate-limit':
      return apiError(
        c,
        429,
        'rate_limit_error',
        'Too many requests hit the API too quickly.',
        decision.retryAfterSeconds === null
          ? {}
          : { 'retry-after': String(decision.retryAfterSeconds) }
      )
  }
}
