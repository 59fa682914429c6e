/**
 * @module hosts/pipedrive/webhooks/test/fake-outbox
 * Test support: an OutboxWriter that keeps what it is given in memory, skips a messageId it has
 * (as the real outbox does) and refuses with WritebackDisabledError while write-back is off.
 */
import {
  WritebackDisabledError,
  type OutboxMessage,
  type OutboxWriter,
} from '../../../../writeback/outbox-port.ts'

export class FakeOutbox implements OutboxWriter {
  readonly stored: { readonly tenantId: string; readonly message: OutboxMessage }[] = []
  enabled = true

  enqueue(tenantId: string, messages: readonly OutboxMessage[]) {
    if (!this.enabled) return Promise.reject(new WritebackDisabledError(tenantId))
    let stored = 0
    let duplicates = 0
    for (const message of messages) {
      if (this.stored.some((s) => s.message.messageId === message.messageId)) duplicates++
      else {
        this.stored.push({ tenantId, message })
        stored++
      }
    }
    return Promise.resolve({ stored, duplicates })
  }

  isEnabled() {
    return Promise.resolve(this.enabled)
  }

  /** The stored messages only. */
  get messages(): OutboxMessage[] {
    return this.stored.map((s) => s.message)
  }
}
