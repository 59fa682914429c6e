/** A message as a webhook would enqueue it, for the outbox's and the worker's tests. */
import type { OutboxMessage } from '../outbox-port.ts'

export function message(
  messageId: string,
  customer = 'joe',
  overrides: Partial<OutboxMessage> = {}
): OutboxMessage {
  return {
    messageId,
    source: 'zendesk',
    event: 'Ticket Solved',
    properties: { ticket_id: '101', status: 'solved' },
    timestamp: '2027-01-01T10:00:00.000Z',
    identity: { emails: [`${customer}@example.com`] },
    ...overrides,
  }
}

/** A claim of up to 100 messages, as the outbox suites make it. */
export const CLAIM = { limit: 100, maxBytes: 400_000, leaseMs: 30_000 }

/** The messageIds of `claimed`, in order. */
export const ids = (claimed: readonly { messageId: string }[]) => claimed.map((m) => m.messageId)

/** The outbox keys of `messageIds`, all of `tenantId`. */
export const keys = (tenantId: string, ...messageIds: string[]) =>
  messageIds.map((messageId) => ({ tenantId, messageId }))
