/**
 * @module upstream/paced-bucket
 * The per-credential token bucket, core's TokenBucket (handed to the client, so retries take tokens
 * too), plus one thing it does not offer: how long a request arriving now would queue. The guard
 * uses that to shed a read at once (a 429 with Retry-After, or stale data) when its token could
 * not come before the deadline. Without it a burst of distinct customers would queue past the
 * deadline and end in TimeoutErrors, which look like an outage and would open the breaker.
 *
 * Also a second, lower priority (write-back's): a token taken only when it costs a reader nothing.
 */
import { TokenBucket, type TokenBucketOptions } from '@intilery-connect/core'

import type { AdmissionDecision } from './admission-group.ts'
import { isLowPriority } from './low-priority.ts'
import { shedError } from './relay-errors.ts'
import type { SpareBudget } from './types.ts'

/**
 * Whole tokens low-priority work leaves in the bucket for readers. More while readers are active:
 * an agent opening a sidebar takes two or three tokens at once and another agent may open one in
 * the same moment, so a reserve sized for one quiet reader makes active readers wait a refill
 * (13 ms a token at 75/s) behind write-back, which is what bench:writeback's read p95 measured.
 * With no reader lately the smaller reserve lets a backlog drain at nearly the whole refill.
 */
export interface SpareReserve {
  readonly idle: number
  readonly whileReading: number
  /** A reader's take within this long counts as readers being active. */
  readonly readingWindowMs: number
  /**
   * While readers are active, low-priority work takes at most this many tokens a second, one at a
   * time, whatever the bucket could spare. The budget is not all readers need: a write-back batch
   * costs the relay's event loop (and Intilery's ingest) far more than a read, and on the loop
   * the sidebar shares, a drain at what the budget spares kept the reads' p95 about 10% up in
   * bench:writeback.
   */
  readonly readingRatePerSecond: number
}

export interface PacedTokenBucketOptions extends TokenBucketOptions {
  readonly reserve: SpareReserve
}

export class PacedTokenBucket extends TokenBucket {
  private waiting = 0
  private readonly reserve: SpareReserve
  private lastReaderAt = Number.NEGATIVE_INFINITY
  /** Low-priority work's pace while readers are active (SpareReserve.readingRatePerSecond). */
  private readonly readingPace: TokenBucket

  constructor(options: PacedTokenBucketOptions) {
    super(options)
    this.reserve = options.reserve
    this.readingPace = new TokenBucket({
      ratePerSecond: options.reserve.readingRatePerSecond,
      burst: 1,
      now: () => this.now(),
    })
  }

  /**
   * A reader's take (the Profile client's, for every upstream read): counts the callers queued for
   * a token, which the base class keeps private, and when readers were last active.
   */
  override take(signal?: AbortSignal, _requestSignal?: AbortSignal): Promise<void> {
    this.noteReader()
    if (signal?.aborted !== true && this.tryTake()) return Promise.resolve()
    this.waiting += 1
    const taken = super.take(signal)
    const leave = () => {
      this.waiting -= 1
    }
    taken.then(leave, leave)
    return taken
  }

  /**
   * A reader is taking a token now: the larger reserve and the pace apply for a while. Not for
   * low-priority work's own reads (write-back's identity lookups, low-priority.ts).
   */
  protected noteReader(): void {
    if (isLowPriority()) return
    this.lastReaderAt = this.now()
  }

  /** The tokens low-priority work must leave now. */
  reserveNow(): number {
    return this.reserveOf(this.reserve)
  }

  /** `reserve`'s tokens as they apply now (readers active or not). */
  protected reserveOf(reserve: SpareReserve): number {
    return this.readingWithin(reserve.readingWindowMs) ? reserve.whileReading : reserve.idle
  }

  /** Whether a reader took a token within the reading window. */
  readersActive(): boolean {
    return this.readingWithin(this.reserve.readingWindowMs)
  }

  private readingWithin(windowMs: number): boolean {
    return this.now() - this.lastReaderAt < windowMs
  }

  /**
   * Takes a token for low-priority work only if no reader is queued, one is free now, and at least
   * the reserve stays in the bucket after: readers arriving next still find theirs at once.
   * Never waits, so it never queues ahead of a reader.
   */
  tryTakeSpare(): boolean {
    return this.hasSpare() && this.tryTake() && this.takePace()
  }

  /** tryTakeSpare for a caller that has taken its place in the pace already (takePace). */
  protected tryTakeSpareUnpaced(): boolean {
    return this.spareByLevel() > 0 && this.tryTake()
  }

  /** Whether the pace while readers are active allows a low-priority take now. */
  private paceAllows(): boolean {
    return !this.readersActive() || this.readingPace.availableTokens() >= 1
  }

  /**
   * Takes a low-priority take's place in the pace while readers are active (none is counted while
   * they are not: the pace is full when they come). False when the pace has none now.
   */
  protected takePace(): boolean {
    return !this.readersActive() || this.readingPace.tryTake()
  }

  /** Whether tryTakeSpare would succeed now (it takes nothing). */
  hasSpare(): boolean {
    return this.spareTokens() > 0
  }

  /** How many tryTakeSpare calls would succeed now, one after another. */
  spareTokens(): number {
    const spare = this.spareByLevel()
    // One at a time while readers are active, at their pace.
    if (!this.readersActive()) return spare
    return this.paceAllows() ? Math.min(spare, 1) : 0
  }

  /** What the bucket's level spares, the pace aside. */
  private spareByLevel(): number {
    if (this.waiting > 0) return 0
    return Math.max(0, Math.floor(this.availableTokens()) - this.reserveNow())
  }

  /**
   * Milliseconds until tryTakeSpare would succeed if nobody took a token meanwhile; undefined
   * while a reader is queued (then nothing is spare until the readers are served).
   */
  msUntilSpare(): number | undefined {
    if (this.waiting > 0) return undefined
    const missing = this.reserveNow() + 1 - this.availableTokens()
    const forTokens = missing <= 0 ? 0 : Math.ceil(missing * this.tokenIntervalMs())
    return this.readersActive()
      ? Math.max(forTokens, this.readingPace.msUntilAvailable())
      : forTokens
  }

  /** tryTakeSpare for callers that may wait for an answer (a shared budget's is remote). */
  takeSpare(): Promise<boolean> {
    return Promise.resolve(this.tryTakeSpare())
  }

  /** The bucket as write-back sees it. */
  spareBudget(): SpareBudget {
    return {
      tryTake: () => this.takeSpare(),
      hasSpare: () => this.hasSpare(),
      spareTokens: () => this.spareTokens(),
      msUntilSpare: () => this.msUntilSpare(),
      readersActive: () => this.readersActive(),
    }
  }

  /** Milliseconds between two tokens at the sustained rate. */
  tokenIntervalMs(): number {
    return 1000 / this.ratePerSecond
  }

  /** Milliseconds a request arriving now would wait for its token, the queue ahead included. */
  expectedWaitMs(): number {
    return this.msUntilAvailable() + (this.waiting * 1000) / this.ratePerSecond
  }

  /**
   * Whether `loads` reads arriving now (one request's, decided together: admission-group.ts)
   * would all have their tokens within `withinMs`; shed (rate_limited) otherwise.
   */
  admit(
    loads: number,
    withinMs: number,
    _group?: object
  ): AdmissionDecision | Promise<AdmissionDecision> {
    const waitMs = this.expectedWaitMs() + (loads - 1) * this.tokenIntervalMs()
    return waitMs > withinMs ? shedError(waitMs) : 'admitted'
  }

  /**
   * Gives the request whose signal is `requestSignal` one of the tokens `admit` reserved for its
   * `group`, if it reserved any (a shared budget does: shared-bucket.ts); a no-op here, where a
   * group's tokens are taken as its reads come.
   */
  assignGroupToken(_group: object, _requestSignal: AbortSignal): void {}
}
