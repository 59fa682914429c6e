/**
 * @module export/progress
 * What the export says while it runs, on stderr (stdout carries only the final summary). On a
 * terminal, one line redrawn in place: a bar of customers done of the total, events, requests per
 * second against the budget, and the time left. Without a terminal (a cron job, a CI log), the same
 * facts as a plain line every few seconds. `--quiet`: nothing but errors.
 */
export interface ProgressState {
  readonly phase: 'roster' | 'customers' | 'finishing'
  readonly done: number
  /** Customers to read; while listing, what the list says exists (null when it does not say). */
  readonly total: number | null
  readonly events: number
  readonly failed: number
  /** Requests per second over the last few seconds, and what the budget allows. */
  readonly requestsPerSecond: number
  readonly budgetPerSecond: number
  /** Estimated time left, when it can be told. */
  readonly etaMs: number | undefined
}

export interface ProgressReporter {
  update(state: ProgressState): void
  /** Ends the redrawn line, so what follows starts on a line of its own. */
  end(): void
}

const BAR_WIDTH = 24
const count = (n: number) => n.toLocaleString('en-GB')

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = String(seconds % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** The facts of one state as words (shared by both styles). */
export function describeProgress(state: ProgressState): string {
  if (state.phase === 'roster')
    return `listing customers: ${count(state.done)}${state.total === null ? '' : ` of ${count(state.total)}`}`
  if (state.phase === 'finishing')
    return `writing the tables (${count(state.done)} customers, ${count(state.events)} events)`
  const parts = [
    `${count(state.done)}${state.total === null ? '' : ` of ${count(state.total)}`} customers`,
    `${count(state.events)} events`,
    `${state.requestsPerSecond.toFixed(1)} requests/s of ${state.budgetPerSecond.toFixed(1)} allowed`,
  ]
  if (state.failed > 0) parts.push(`${count(state.failed)} failed`)
  if (state.etaMs !== undefined) parts.push(`about ${duration(state.etaMs)} left`)
  return parts.join(' · ')
}

/** A terminal's redrawn line. */
export function terminalProgress(write: (text: string) => void): ProgressReporter {
  let drawn = false
  return {
    update(state) {
      const share =
        state.total === null || state.total === 0 ? 0 : Math.min(1, state.done / state.total)
      const filled = Math.round(share * BAR_WIDTH)
      const bar =
        state.phase === 'customers'
          ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `
          : ''
      // \x1b[K clears what a longer previous line left.
      write(`\r${bar}${describeProgress(state)}\x1b[K`)
      drawn = true
    },
    end() {
      if (drawn) write('\n')
      drawn = false
    },
  }
}

/** A plain line at most every `everyMs` (and always on a change of phase). */
export function lineProgress(
  write: (text: string) => void,
  now: () => number,
  everyMs: number
): ProgressReporter {
  let last = Number.NEGATIVE_INFINITY
  let phase: ProgressState['phase'] | undefined
  return {
    update(state) {
      if (state.phase === phase && now() - last < everyMs) return
      last = now()
      phase = state.phase
      write(`export: ${describeProgress(state)}\n`)
    },
    end() {},
  }
}

export const quietProgress: ProgressReporter = { update() {}, end() {} }
