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
