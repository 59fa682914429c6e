/**
 * @module writeback/batch-packing
 * A tenant's claimed messages split into batches that can be in flight together: every customer's
 * messages go whole into one batch, in their order, so no two batches sent at once hold messages
 * of one customer (and neither can overtake the other). The claim keeps each customer's share
 * within one batch's limits (ClaimOptions.perCustomer).
 */
import type { ClaimedMessage } from './outbox-claim.ts'

export interface BatchLimits {
  readonly batchSize: number
  /** Stored payload bytes per batch (see WorkerSettings.maxBatchBytes). */
  readonly maxBytes: number
}

/**
 * @returns batches in the order of their oldest message, each in the claim's order (oldest
 *   first), with every customer's messages in one.
 */
export function packBatches(
  messages: readonly ClaimedMessage[],
  { batchSize, maxBytes }: BatchLimits
): ClaimedMessage[][] {
  const customers = new Map<string, { count: number; bytes: number }>()
  for (const message of messages) {
    const theirs = customers.get(message.orderKey) ?? { count: 0, bytes: 0 }
    theirs.count += 1
    theirs.bytes += message.payloadBytes
    customers.set(message.orderKey, theirs)
  }
  // Customers to batches, first come first placed; then each batch's messages in claim order.
  const batchOf = new Map<string, number>()
  let index = 0
  let count = 0
  let bytes = 0
  for (const [orderKey, theirs] of customers) {
    if (count > 0 && (count + theirs.count > batchSize || bytes + theirs.bytes > maxBytes)) {
      index += 1
      count = 0
      bytes = 0
    }
    batchOf.set(orderKey, index)
    count += theirs.count
    bytes += theirs.bytes
  }
  const batches: ClaimedMessage[][] = Array.from(
    { length: customers.size > 0 ? index + 1 : 0 },
    () => []
  )
  for (const message of messages) batches[batchOf.get(message.orderKey) ?? 0]?.push(message)
  return batches
}
