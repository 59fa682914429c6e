/**
 * @module upstream/admission-group
 * The upstream loads of one request, admitted or shed together. The guard decides each load on
 * its own whether its token would come before the deadline (upstream.ts, `load`); an open's meta
 * and events reads decided apart, with the queue at that line, see one admitted and the other shed
 * 13 ms later, so the open fails and its admitted read spends a token for nothing.
 * bench:relay step 4 measured it: 2,000 distinct opens in 10 s got 216 answers for 1,101
 * upstream requests. A group asks once, for all its loads' tokens, and every load of the
 * request follows that answer. With a shared budget the answer is a reservation of all of them
 * at once in Redis, since the other instances' readers are in the same queue.
 */
import type { RelayError } from '../platform/errors.ts'

export type AdmissionDecision = 'admitted' | RelayError
/** A decision made here, or by a shared budget over the network (shared-bucket.ts). */
type Decided = AdmissionDecision | Promise<AdmissionDecision>

/**
 * How long the group's decision holds. Loads started together (an open's two reads) come within
 * it; a load a round trip later (a panel's orders after its context) is decided on its own, since
 * the queue may have grown meanwhile and admitting it blindly could let it wait past the deadline.
 */
export const GROUP_DECISION_MS = 25

export class AdmissionGroup {
  private decision: Decided | undefined
  private decidedAt = 0

  /** @param loads the upstream loads the request makes if nothing is cached (at least 1). */
  constructor(
    readonly loads: number,
    private readonly now: () => number = () => Date.now()
  ) {
    if (!Number.isInteger(loads) || loads < 1)
      throw new RangeError('an admission group needs a whole number of loads, at least 1')
  }

  /**
   * The group's decision, made by `decide` (for all the group's loads) on its first load; a load
   * after GROUP_DECISION_MS is decided alone.
   */
  admit(decide: (loads: number) => Decided): Decided {
    const now = this.now()
    if (this.decision === undefined) {
      this.decision = decide(this.loads)
      this.decidedAt = now
      return this.decision
    }
    return now - this.decidedAt > GROUP_DECISION_MS ? decide(1) : this.decision
  }
}
