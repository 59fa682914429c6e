/**
 * @module upstream/wait-for
 * How one caller waits for a shared load. Hand-written (a dozen lines) because no library here does
 * this per waiter: lru-cache's `signal` option would abort the one shared load for everyone when
 * the first caller goes away, and cockatiel's timeout policy wraps the load, not each waiter.
 *
 * - The caller's abort detaches that caller only; the load carries on for the others (and is itself
 *   bounded by the client's deadline).
 * - A last-resort timer: the client already enforces the deadline on everything it sends, so this
 *   only fires if something below ignores its AbortSignal. It keeps "never hang" a local promise.
 */
export interface WaitOptions {
  readonly signal?: AbortSignal | undefined
  readonly timeoutMs: number
  readonly onTimeout: () => Error
}

export function waitFor<T>(promise: Promise<T>, options: WaitOptions): Promise<T> {
  const { signal, timeoutMs, onTimeout } = options
  let cleanup = () => undefined as void
  const stop = new Promise<never>((_resolve, reject) => {
    const onAbort = () => reject(signal?.reason as Error)
    const timer = setTimeout(() => reject(onTimeout()), timeoutMs)
    cleanup = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    if (signal?.aborted === true) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
  // race() subscribes to `promise`, so a load that fails after this caller left is still handled;
  // after cleanup `stop` can never settle, so it leaves nothing behind either.
  return Promise.race([promise, stop]).finally(cleanup)
}
