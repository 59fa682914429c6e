/**
 * @module upstream/shared-bucket
 * The credential's bucket when several relay instances share one budget (#15): every token is
 * reserved from the shared budget (shared-budget.ts), so the instances together stay within
 * Intilery's limit however the load balancer spreads the readers. A reservation names when its
 * token comes; the reader waits that long here, and the shared budget is a queue in the server's
 * time, first come first served across instances.
 *
 * When the shared budget does not answer, this instance carries on with the bucket it extends,
 * sized to its share of the budget (the rate and burst divided by the instances the operator
 * declared), so the instances together still stay within the limit; it goes back to the shared
 * budget as soon as the backend says the server is back.
 */
import { abortableSleep } from '@intilery-connect/core'

import type { AdmissionDecision } from './admission-group.ts'
import {
  PacedTokenBucket,
  type PacedTokenBucketOptions,
  type SpareReserve,
} from './paced-bucket.ts'
import { shedError } from './relay-errors.ts'
import type { Reservation, SharedBudgetBackend, SharedRate } from './shared-budget.ts'

export interface SharedPacedBucketOptions {
  /** This instance's own share, used while the shared budget does not answer. */
  readonly local: PacedTokenBucketOptions
  /** The whole credential's bucket, as all instances share it. */
  readonly shared: SharedRate
  /** What write-back leaves to readers in the shared bucket (the local one has its own). */
  readonly sharedReserve: SpareReserve
  readonly key: string
  readonly backend: SharedBudgetBackend
  /** A reader's token must come within this long, or the read is shed (rate_limited). */
  readonly maxWaitMs: number
}

/** The per-credential fallback share: the rate and burst divided by the instances, burst >= 1. */
export function localShare(
  rate: SharedRate,
  instances: number
): Pick<PacedTokenBucketOptions, 'ratePerSecond' | 'burst'> {
  return {
    ratePerSecond: rate.ratePerSecond / instances,
    burst: Math.max(1, Math.floor(rate.burst / instances)),
  }
}

/**
 * How late a group's prepaid token may still be spent. Later, it is dropped: spent long after the
 * moment the shared budget gave it, it would bunch up with the tokens given since and go over the
 * rate for that moment. Within 50 ms that is at most 4 tokens at 75/s, inside the 25/s the
 * relay's rate leaves below Intilery's 100/s.
 */
export const PREPAID_GRACE_MS = 50

export class SharedPacedBucket extends PacedTokenBucket {
  private readonly shared: SharedRate
  private readonly sharedReserve: SpareReserve
  private readonly key: string
  private readonly backend: SharedBudgetBackend
  private readonly maxWaitMs: number
  /** The shared bucket's level at this instance's latest answer, for estimates between them. */
  private lastSeen: { readonly tokensLeft: number; readonly at: number } | undefined
  /**
   * When each token a group's reservation gave comes (this clock), earliest first, until the
   * group's reads claim them (assignGroupToken); then by the claiming read's request signal, which
   * the client hands to take(). So a group's tokens go to its own reads and to no other reader.
   */
  private readonly groupTokens = new WeakMap<object, number[]>()
  private readonly requestTokens = new WeakMap<AbortSignal, number>()

  constructor(options: SharedPacedBucketOptions) {
    super(options.local)
    this.shared = options.shared
    this.sharedReserve = options.sharedReserve
    this.key = options.key
    this.backend = options.backend
    this.maxWaitMs = options.maxWaitMs
  }

  /** A reader's token: reserved from the shared budget, waited for here; the local share without it. */
  override async take(signal?: AbortSignal, requestSignal?: AbortSignal): Promise<void> {
    if (this.backend.mode() !== 'shared') return super.take(signal)
    // A token reserved for a read already given up would be spent for nobody.
    signal?.throwIfAborted()
    this.noteReader()
    const due = requestSignal === undefined ? undefined : this.claimRequestToken(requestSignal)
    if (due !== undefined) {
      if (due > this.now()) await abortableSleep(due - this.now(), signal)
      return
    }
    const answer = await this.reserveShared(this.maxWaitMs, 0)
    if (answer === undefined) {
      // One failed reservation while Redis is still up (a timeout) may have taken a token there:
      // taking one locally as well could go over the limit, so this read is shed instead. Only a
      // backend that says it is down (mode `local`) moves reads to the local share.
      if (this.backend.mode() === 'shared') throw shedError(1_000)
      return super.take(signal)
    }
    if (!answer.granted) throw shedError(answer.waitMs)
    if (answer.waitMs > 0) await abortableSleep(answer.waitMs, signal)
  }

  /**
   * A group of reads (one request's) with a shared budget: all their tokens reserved at once, or
   * none, so the other instances' readers cannot take the slot between the group's two reads.
   */
  override admit(
    loads: number,
    withinMs: number,
    group?: object
  ): AdmissionDecision | Promise<AdmissionDecision> {
    if (loads < 2 || group === undefined || this.backend.mode() !== 'shared')
      return super.admit(loads, withinMs)
    return this.reserveGroup(loads, withinMs, group)
  }

  override assignGroupToken(group: object, requestSignal: AbortSignal): void {
    const due = this.groupTokens.get(group)?.shift()
    if (due !== undefined) this.requestTokens.set(requestSignal, due)
  }

  private async reserveGroup(
    loads: number,
    withinMs: number,
    group: object
  ): Promise<AdmissionDecision> {
    this.noteReader()
    const answer = await this.reserveShared(withinMs, 0, loads)
    if (answer === undefined)
      // As for one read (take): shed while Redis is up, this instance's share once it is not.
      return this.backend.mode() === 'shared' ? shedError(1_000) : super.admit(loads, withinMs)
    if (!answer.granted) return shedError(answer.waitMs)
    const now = this.now()
    const last = now + answer.waitMs
    // The shared schedule's interval, whatever the mode is by now: these slots are Redis's.
    const interval = 1000 / this.shared.ratePerSecond
    const dues: number[] = []
    for (let n = loads - 1; n >= 0; n--) dues.push(Math.max(now, last - n * interval))
    this.groupTokens.set(group, dues)
    return 'admitted'
  }

  /** The request's own token, if its group gave it one that is not past its grace. */
  private claimRequestToken(requestSignal: AbortSignal): number | undefined {
    const due = this.requestTokens.get(requestSignal)
    if (due === undefined) return undefined
    this.requestTokens.delete(requestSignal)
    return this.now() - due <= PREPAID_GRACE_MS ? due : undefined
  }

  /** Write-back's token: one free now, leaving the readers' reserve in the shared bucket. */
  override async takeSpare(): Promise<boolean> {
    if (this.backend.mode() === 'shared') {
      // This instance's readers set its pace; the shared budget is asked only within it (the
      // place is taken before asking, so two takes a turn apart cannot both pass; a refusal
      // costs it).
      if (!this.takePace()) return false
      const answer = await this.reserveShared(0, this.reserveNow())
      if (answer !== undefined) return answer.granted
      if (this.backend.mode() === 'shared') return false
      // The shared budget went away meanwhile: this instance's share, its pace already taken.
      return this.tryTakeSpareUnpaced()
    }
    return this.tryTakeSpare()
  }

  /**
   * The shared bucket's level as this instance last saw it, refilled since at the shared rate
   * (other instances may have taken some meanwhile: an estimate, which the next reservation
   * corrects). The local bucket's while the shared budget does not answer.
   */
  override availableTokens(): number {
    if (this.backend.mode() !== 'shared' || this.lastSeen === undefined)
      return super.availableTokens()
    const refilled = ((this.now() - this.lastSeen.at) * this.shared.ratePerSecond) / 1000
    return Math.min(this.shared.burst, this.lastSeen.tokensLeft + refilled)
  }

  override reserveNow(): number {
    return this.backend.mode() === 'shared'
      ? this.reserveOf(this.sharedReserve)
      : super.reserveNow()
  }

  override tokenIntervalMs(): number {
    return this.backend.mode() === 'shared'
      ? 1000 / this.shared.ratePerSecond
      : super.tokenIntervalMs()
  }

  override expectedWaitMs(): number {
    if (this.backend.mode() !== 'shared') return super.expectedWaitMs()
    const missing = 1 - this.availableTokens()
    return missing <= 0 ? 0 : (missing * 1000) / this.shared.ratePerSecond
  }

  /** @returns the answer, or undefined when the shared budget did not answer (then local). */
  private async reserveShared(
    maxWaitMs: number,
    keepTokens: number,
    tokens = 1
  ): Promise<Reservation | undefined> {
    let answer: Reservation
    try {
      answer = await this.backend.reserve({
        key: this.key,
        rate: this.shared,
        maxWaitMs,
        keepTokens,
        ...(tokens === 1 ? {} : { tokens }),
      })
    } catch {
      // The backend has noted the failure (mode() is `local` now) and logs it once per outage.
      return undefined
    }
    this.lastSeen = { tokensLeft: answer.tokensLeft, at: this.now() }
    return answer
  }
}
