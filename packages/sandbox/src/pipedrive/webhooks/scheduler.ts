/**
 * @module pipedrive/webhooks/scheduler
 * When the local Pipedrive's webhook deliveries time out and retry. Injected, so tests move a
 * manual clock through Pipedrive's schedule (10 s timeout, retries after 3, 30 and 150 s, a
 * 30-minute ban) instead of waiting for it.
 */

export interface Scheduler {
  /** Epoch milliseconds. */
  now(): number
  /** Runs `task` once `ms` have passed; the returned function cancels it. */
  after(ms: number, task: () => void): () => void
}

/** Real timers; they do not keep the process alive (a stopping sandbox drops pending retries). */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms)
    timer.unref()
    return () => clearTimeout(timer)
  },
}

/** A clock that moves only when told to: `advance` runs every task that falls due, in time order. */
export class ManualScheduler implements Scheduler {
  private clock: number
  private readonly tasks = new Map<number, { at: number; task: () => void }>()
  private next = 0

  constructor(start = Date.UTC(2026, 0, 5, 9)) {
    this.clock = start
  }

  now(): number {
    return this.clock
  }

  after(ms: number, task: () => void): () => void {
    const key = this.next++
    this.tasks.set(key, { at: this.clock + ms, task })
    return () => this.tasks.delete(key)
  }

  /** How many tasks are waiting (tests check nothing more is scheduled). */
  get pending(): number {
    return this.tasks.size
  }

  /** Moves the clock by `ms`, running each due task at its own time. */
  advance(ms: number): void {
    const until = this.clock + ms
    for (;;) {
      const due = [...this.tasks.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
      if (due === undefined) break
      this.tasks.delete(due[0])
      this.clock = Math.max(this.clock, due[1].at)
      due[1].task()
    }
    this.clock = until
  }
}
