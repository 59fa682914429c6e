/**
 * @module hosts/zendesk/webhooks/webhook-invocations
 * Deliveries already handled, by `X-Zendesk-Webhook-Invocation-Id` (the same on every attempt and
 * on Zendesk's occasional second copy). A repeat is answered 200 at once, so Zendesk stops, and
 * stores nothing. Rows are kept a day: Zendesk's retries come within minutes, and a replay from
 * outside the signature's 5-minute window is refused before it gets here. Kept in the database,
 * not in memory, so a restart or another relay instance still knows them.
 *
 * This is the fast path only: an id recorded after its messages were stored can be lost to a
 * crash in between, and then the outbox's messageId check keeps the redelivery from counting twice.
 */
import type { Kysely } from 'kysely'

import type { Schema } from '../../../store/schema.ts'
import type { ZendeskWebhookTables } from './webhook-secrets.ts'

export const INVOCATION_RETENTION_MS = 24 * 60 * 60 * 1000

/** Expired rows are deleted at most this often, not on every delivery (one write less each). */
const PRUNE_EVERY_MS = 60 * 1000

export interface WebhookInvocations {
  /** Whether this invocation of the subdomain's webhook was handled within the retention window. */
  seen(subdomain: string, invocationId: string): Promise<boolean>
  /** Records it as handled (again: no change); now and then deletes the expired ones. */
  record(subdomain: string, invocationId: string): Promise<void>
}

export function createWebhookInvocations(deps: {
  readonly db: Kysely<Schema>
  readonly now: () => number
}): WebhookInvocations {
  const db = deps.db.withTables<ZendeskWebhookTables>()
  let prunedAt = Number.NEGATIVE_INFINITY
  return {
    async seen(subdomain, invocationId) {
      const row = await db
        .selectFrom('zendesk_webhook_invocations')
        .select(['expires_at'])
        .where('subdomain', '=', subdomain)
        .where('invocation_id', '=', invocationId)
        .where('expires_at', '>', deps.now())
        .executeTakeFirst()
      return row !== undefined
    },

    async record(subdomain, invocationId) {
      const now = deps.now()
      if (now - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now
        await db.deleteFrom('zendesk_webhook_invocations').where('expires_at', '<=', now).execute()
      }
      const expires = now + INVOCATION_RETENTION_MS
      // An expired row not pruned yet is renewed rather than left to shadow the new one.
      await db
        .insertInto('zendesk_webhook_invocations')
        .values({ subdomain, invocation_id: invocationId, expires_at: expires })
        .onConflict((oc) =>
          oc.columns(['subdomain', 'invocation_id']).doUpdateSet({ expires_at: expires })
        )
        .execute()
    },
  }
}
