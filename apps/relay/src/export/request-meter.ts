/**
 * @module export/request-meter
 * Requests sent (retries included) and the rate over the last few seconds, for the progress line
 * and the manifest.
 */
const WINDOW_MS = 5_000

export class RequestMeter {
  private total: number
  private readonly times: number[] = []
  private readonly startedAt: number

  constructor(
    private readonly now: () => number,
    before = 0
  ) {
    this.total = before
    this.startedAt = now()
  }

  note(): void {
    this.total += 1
    this.times.push(this.now())
  }

  get count(): number {
    return this.total
  }

  /** Requests per second over the last five seconds (or since the start, if shorter, but at least a second). */
  perSecond(): number {
    const now = this.now()
    while (this.times.length > 0 && (this.times[0] as number) <= now - WINDOW_MS) this.times.shift()
    // At least a second: over the first moments the bucket's burst would read as a high rate.
    const span = Math.max(1_000, Math.min(WINDOW_MS, now - this.startedAt))
    return (this.times.length * 1000) / span
  }
}
