/**
 * @module upstream/testing/watch
 * Test support for timing on fake timers: watch a read settle, so a test can move the fake clock
 * to one instant and check the read has not settled yet, then one tick on and check that it has.
 * No wall clock is ever read.
 */

export interface Watched {
  /** Whether the promise has settled yet. */
  readonly settled: boolean
  /** Its value or rejection reason once settled. */
  readonly result: unknown
}

export function watch(work: Promise<unknown>): Watched {
  const seen = { settled: false, result: undefined as unknown }
  work.then(
    (value) => Object.assign(seen, { settled: true, result: value }),
    (error: unknown) => Object.assign(seen, { settled: true, result: error })
  )
  return seen
}
