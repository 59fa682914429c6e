/**
 * @module writeback/outbox-claim-rules
 * The claim's two decisions that keep each customer's messages in order, as pure functions over
 * rows: which candidates to take (outbox-claim.ts's pick), and which of the rows leased to keep
 * (outbox-lease.ts).
 */
import type { ClaimOptions } from './outbox-claim.ts'

/**
 * Decides row by row (oldest first) what the claim takes: `stop` at the claim's byte limit;
 * `skip` every later row of a customer who reached their share, so what is taken of each
 * customer's queue stays its oldest part.
 */
export function cutter({ maxBytes, perCustomer }: Pick<ClaimOptions, 'maxBytes' | 'perCustomer'>) {
  let bytes = 0
  const customers = new Map<string, { count: number; bytes: number; full: boolean }>()
  return (orderKey: string, rowBytes: number, first: boolean): 'take' | 'skip' | 'stop' => {
    if (!first && bytes + rowBytes > maxBytes) return 'stop'
    if (perCustomer !== undefined) {
      const theirs = customers.get(orderKey) ?? { count: 0, bytes: 0, full: false }
      customers.set(orderKey, theirs)
      const over =
        theirs.count >= perCustomer.limit ||
        (theirs.count > 0 && theirs.bytes + rowBytes > perCustomer.maxBytes)
      if (theirs.full || over) {
        theirs.full = true
        return 'skip'
      }
      theirs.count += 1
      theirs.bytes += rowBytes
    }
    bytes += rowBytes
    return 'take'
  }
}

/** How a message is named in sets of keys (what a lease took, what was delivered). */
export const messageKey = (tenantId: string, messageId: string) => `${tenantId}\u0000${messageId}`

/**
 * Of each customer's chosen rows, the leading run this claim leased; the rest of what it leased is
 * given back. Leases are statements of their own (no transaction spans them), so another instance
 * choosing a customer's rows differently (a smaller claim, say) can lease some in between: a
 * customer's messages after one held elsewhere must not go out beside it.
 */
export function leadingRuns<R extends { tenant_id: string; message_id: string; order_key: string }>(
  chosen: readonly R[],
  /** The keys (messageKey) of the rows leased. */
  leased: ReadonlySet<string>
): { kept: R[]; giveBack: R[] } {
  const broken = new Set<string>()
  const kept: R[] = []
  const giveBack: R[] = []
  for (const row of chosen) {
    const customer = `${row.tenant_id}\u0000${row.order_key}`
    if (!leased.has(messageKey(row.tenant_id, row.message_id))) broken.add(customer)
    else if (broken.has(customer)) giveBack.push(row)
    else kept.push(row)
  }
  return { kept, giveBack }
}
