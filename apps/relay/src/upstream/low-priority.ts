/**
 * @module upstream/low-priority
 * Marks the upstream reads low-priority work makes itself (write-back's identity lookups), so the
 * budget does not count them as agents reading: they would otherwise switch on the readers'
 * reserve and pace (paced-bucket.ts) for the very work those are meant to hold back.
 *
 * AsyncLocalStorage because the mark has to reach the bucket through the guard, its shared
 * answers and core's client, none of which should carry a priority argument for this one caller.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const lowPriority = new AsyncLocalStorage<true>()

/** Runs `work` with its upstream reads marked as low-priority. */
export const asLowPriority = <T>(work: () => Promise<T>): Promise<T> => lowPriority.run(true, work)

/** Whether the caller runs inside asLowPriority. */
export const isLowPriority = (): boolean => lowPriority.getStore() === true
