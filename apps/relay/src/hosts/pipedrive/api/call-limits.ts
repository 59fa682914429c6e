/**
 * @module hosts/pipedrive/api/call-limits
 * How long one Pipedrive call may take: until the request's deadline (one signal for every call
 * the request makes, so a deal and then its person share it rather than each getting a fresh one)
 * or the call's own timeout, whichever comes first. Then the call's HTTP request is aborted, and
 * the caller stops waiting even for work that ignores the signal (a token refresh shared with
 * other requests, which its own timeout bounds).
 *
 * Hand-written (a dozen lines) for the reason platform/http/request-deadline.ts gives:
 * `AbortSignal.any` + `AbortSignal.timeout` would keep a timer alive for the whole timeout after
 * every call; this one is cleared as soon as the call settles.
 */

/**
 * Each call's own limit unless configured (PIPEDRIVE_CALL_TIMEOUT_MS): well below the request
 * deadline's default (8 s), so that one stuck call still leaves the request time to answer, and
 * far above Pipedrive's usual answer (a few hundred ms).
 */
export const DEFAULT_CALL_TIMEOUT_MS = 3_000

export interface CallLimits {
  /** The request's deadline; none for work shared between requests (a token refresh). */
  readonly signal?: AbortSignal | undefined
  readonly timeoutMs: number
}

/** The call ran out of time: its own timeout, or the request's deadline (or its caller left). */
export class CallTimedOut extends Error {
  override readonly name = 'CallTimedOut'
}

export async function withinLimits<T>(
  run: (signal: AbortSignal) => Promise<T>,
  limits: CallLimits
): Promise<T> {
  const { signal: request, timeoutMs } = limits
  if (request?.aborted === true) throw new CallTimedOut('The request deadline had passed')
  const own = new AbortController()
  const onRequestAborted = () => own.abort(new CallTimedOut('The request deadline passed'))
  const timer = setTimeout(
    () => own.abort(new CallTimedOut(`No answer within ${timeoutMs} ms`)),
    timeoutMs
  )
  request?.addEventListener('abort', onRequestAborted, { once: true })
  let onAbort = () => {}
  const stopped = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(own.signal.reason as Error)
    own.signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    // race() subscribes to the call, so its own rejection after an abort is handled too.
    return await Promise.race([run(own.signal), stopped])
  } catch (error) {
    // The aborted request's own error (axios' CanceledError) says less than why it was aborted.
    throw own.signal.aborted ? (own.signal.reason as Error) : error
  } finally {
    clearTimeout(timer)
    request?.removeEventListener('abort', onRequestAborted)
    own.signal.removeEventListener('abort', onAbort)
  }
}
