/**
 * @module writeback/writeback-timers
 * The delivery worker's clock and timers, injected so tests run hours of retries in fake time.
 */
export interface WritebackTimers {
  readonly now: () => number
  readonly setTimeout: (run: () => void, ms: number) => unknown
  readonly clearTimeout: (handle: unknown) => void
}

export const systemTimers: WritebackTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms)
    // The worker alone must not keep a stopping process alive.
    handle.unref()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
