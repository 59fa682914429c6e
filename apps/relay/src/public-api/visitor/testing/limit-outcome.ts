/** What the per-visitor rate limit said to one call, for its tests. */
import { RelayError } from '../../../platform/errors.ts'

/** Whether `take` let the call through, or the seconds its refusal says to wait. */
export async function outcome(take: Promise<void>): Promise<'passed' | number> {
  try {
    await take
    return 'passed'
  } catch (error) {
    if (!(error instanceof RelayError) || error.code !== 'rate_limited') throw error
    return Number(error.retryAfter)
  }
}
