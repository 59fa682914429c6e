/**
 * @module stop-stack
 * What a set-up has started, to be stopped in reverse order however far the set-up got. Written
 * here because Node 20 has no `AsyncDisposableStack` (it arrives in Node 24), and the demo and the
 * browser suites need exactly this much: stop everything, even when one stop fails.
 */

/** Stopping some of what was started failed; every other stop still ran. */
export class StopFailedError extends AggregateError {
  override readonly name = 'StopFailedError'
}

export class StopStack {
  readonly #stops: (() => Promise<unknown>)[] = []

  /** Starts something and remembers how to stop it; nothing is remembered if `start` fails. */
  async start<T>(start: () => Promise<T>, stop: (started: T) => Promise<unknown>): Promise<T> {
    const started = await start()
    this.#stops.push(() => stop(started))
    return started
  }

  /** Remembers a stop for something already started (a process, a directory). */
  defer(stop: () => Promise<unknown>): void {
    this.#stops.push(stop)
  }

  /**
   * Stops everything, last started first, each stop after the previous one has finished. Throws
   * StopFailedError after the last stop when any failed; a second call stops nothing twice.
   */
  async stopAll(): Promise<void> {
    const errors: unknown[] = []
    for (let stop = this.#stops.pop(); stop !== undefined; stop = this.#stops.pop()) {
      try {
        await stop()
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw new StopFailedError(errors, `${errors.length} of the stops failed`)
  }

  /** Runs `setUp` with this stack; when it fails, stops what it started, then rethrows. */
  async startAll<T>(setUp: (stack: StopStack) => Promise<T>): Promise<T> {
    try {
      return await setUp(this)
    } catch (error) {
      await this.stopAll().catch((stopError: unknown) => {
        throw new AggregateError([error, stopError], 'the set-up failed, then stopping it failed')
      })
      throw error
    }
  }
}
