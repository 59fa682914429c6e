/**
 * @module writeback/outbox-sealing
 * A pending message's payload (the customer's email or external id, what happened to their ticket
 * or deal) is sealed at rest like the relay's secrets (AES-256-GCM under the relay's encryption
 * key, store/sealed-columns.ts), bound to its tenant and messageId, so a copy of the database
 * holds no customer data in clear. `relay encryption rotate` re-seals it with the rest. Rows stored
 * before sealing (migration 0016) keep their clear `payload_json` until delivered. Both live in
 * writeback_outbox_payloads (migration 0023).
 */
import type { SealedColumn } from '../store/sealed-columns.ts'

export const outboxPayloadContext = (tenantId: string, messageId: string) =>
  `tenant:${tenantId}:outbox:${messageId}`

export const outboxSealedColumns: readonly SealedColumn[] = [
  {
    table: 'writeback_outbox_payloads',
    column: 'payload_sealed',
    key: ['tenant_id', 'message_id'],
    context: (row) => outboxPayloadContext(row.tenant_id ?? '', row.message_id ?? ''),
  },
]
