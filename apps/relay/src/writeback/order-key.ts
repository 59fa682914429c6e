/**
 * @module writeback/order-key
 * Which customer a message is about, as the outbox groups them to keep each customer's events in
 * order: the source's userId, else its primary email (lower case), else the host's reference. A
 * keyed hash of that (the audit log's HMAC), so the outbox's index and the CLI's listings never
 * show who the customer is.
 *
 * Messages with the same key are resolved to the same Intilery identity at delivery
 * (identity-resolver.ts looks at the same fields in the same order), so one key is one customer.
 */
import type { Hasher } from '../platform/crypto/hmac.ts'
import type { SourceIdentity } from './outbox-port.ts'

export function orderKeyText(identity: SourceIdentity): string {
  if (identity.userId !== undefined) return `userId:${identity.userId}`
  const email = identity.emails?.[0]
  if (email !== undefined) return `email:${email.trim().toLowerCase()}`
  const ref = identity.hostRef
  // outboxMessageSchema refuses an identity naming nobody, so ref is there.
  return `host:${ref?.host ?? ''}:${ref?.accountId ?? ''}:${ref?.ref ?? ''}`
}

export function orderKeyOf(
  hasher: Hasher,
  tenantId: string,
  identity: SourceIdentity
): Promise<string> {
  return hasher(`writeback-order:${tenantId}:${orderKeyText(identity)}`)
}
