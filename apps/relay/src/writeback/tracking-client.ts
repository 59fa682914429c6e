/**
 * @module writeback/tracking-client
 * Sends one batch of `track` calls to a tenant's tracking endpoint (`POST …/v1/batch`, the
 * `auth-token` header as for the Profile API) and says what the answer means for the messages:
 *
 * - 2xx: accepted (Intilery answers `{ success: true, accepted }`);
 * - 408, 409, 429, 5xx, no answer, a timeout: try again later (honouring `Retry-After`);
 * - 400 and 413: this batch was refused; the worker sends its messages one by one to find the bad
 *   one (a batch of one refused is refused for good);
 * - any other 4xx: refused for good (dead letters an operator can retry once it is fixed).
 *
 * The reason kept with a message is the status and Intilery's error code only: its error message
 * may quote the message, and the outbox keeps no customer data in its errors.
 */
import { parseRetryAfter } from '@intilery-connect/core'
import { z } from 'zod'

import type { WritebackTimers } from './writeback-timers.ts'

export type SendOutcome =
  | { readonly kind: 'accepted' }
  | {
      readonly kind: 'retry'
      readonly reason: string
      /** What `Retry-After` asked for, in milliseconds. */
      readonly retryAfterMs?: number | undefined
    }
  | { readonly kind: 'refused'; readonly reason: string; readonly wholeBatch: boolean }

export interface TrackingRequest {
  readonly url: string
  readonly authToken: string
  /** The JSON body: `{ batch: [...] }`. */
  readonly body: string
}

export interface TrackingClientDeps {
  readonly fetch: typeof fetch
  readonly timers: WritebackTimers
  /** One send's longest wait for its answer. */
  readonly timeoutMs: number
}

const errorCode = z.object({
  error: z.object({ code: z.string().regex(/^[a-z_]{1,40}$/) }),
})

const RETRYABLE_4XX = new Set([408, 409, 429])

async function reasonOf(response: Response): Promise<string> {
  let code: string | undefined
  try {
    const parsed = errorCode.safeParse(JSON.parse(await response.text()))
    if (parsed.success) code = parsed.data.error.code
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return `http ${response.status}${code === undefined ? '' : ` ${code}`}`
}

/**
 * @param signal the worker's own: aborted when the relay stops (the outcome is then `retry`, and
 *   the worker gives the messages back without counting an attempt).
 */
export async function sendBatch(
  request: TrackingRequest,
  { fetch, timers, timeoutMs }: TrackingClientDeps,
  signal: AbortSignal
): Promise<SendOutcome> {
  const controller = new AbortController()
  const timeout = timers.setTimeout(() => controller.abort(), timeoutMs)
  const stop = () => controller.abort()
  signal.addEventListener('abort', stop, { once: true })
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'auth-token': request.authToken },
      body: request.body,
      signal: controller.signal,
      redirect: 'error',
    })
    if (response.ok) {
      // Read to the end, so the connection is free for the next batch.
      await response.arrayBuffer()
      return { kind: 'accepted' }
    }
    const reason = await reasonOf(response)
    if (RETRYABLE_4XX.has(response.status) || response.status >= 500) {
      const seconds = parseRetryAfter(response.headers.get('retry-after'), timers.now())
      return {
        kind: 'retry',
        reason,
        retryAfterMs: seconds === undefined ? undefined : seconds * 1000,
      }
    }
    return {
      kind: 'refused',
      reason,
      wholeBatch: response.status === 400 || response.status === 413,
    }
  } catch {
    // The cause (a timeout, a reset connection, a DNS failure) is the same news for the outbox.
    return {
      kind: 'retry',
      reason: signal.aborted ? 'stopped' : controller.signal.aborted ? 'timeout' : 'network error',
    }
  } finally {
    timers.clearTimeout(timeout)
    signal.removeEventListener('abort', stop)
  }
}
