/**
 * @module upstream/bucket-for
 * The credential's token bucket: this process's own, or its view of the budget several instances
 * share (shared-bucket.ts), with the readers' reserves the settings give.
 */
import { spareReserveOf, type UpstreamSettings } from './options.ts'
import { PacedTokenBucket } from './paced-bucket.ts'
import { localShare, SharedPacedBucket } from './shared-bucket.ts'
import type { SharedBudgetBackend } from './shared-budget.ts'

export interface SharedBudgetDeps {
  readonly backend: SharedBudgetBackend
  /** How many instances share the budget: this one's share while the backend does not answer. */
  readonly instances: number
}

/** This process's bucket for the credential, or its view of the instances' shared one. */
export function bucketFor(
  credential: string,
  settings: UpstreamSettings,
  admissionMs: number,
  now: () => number,
  sharedBudget: SharedBudgetDeps | undefined
): PacedTokenBucket {
  const whole = { ratePerSecond: settings.ratePerSecond, burst: settings.burst }
  if (sharedBudget === undefined)
    return new PacedTokenBucket({ ...whole, now, reserve: spareReserveOf(settings) })
  const share = localShare(whole, sharedBudget.instances)
  return new SharedPacedBucket({
    local: { ...share, now, reserve: spareReserveOf({ ...settings, burst: share.burst }) },
    shared: whole,
    sharedReserve: spareReserveOf(settings),
    key: credential,
    backend: sharedBudget.backend,
    maxWaitMs: admissionMs,
  })
}
