/**
 * @module hosts/pipedrive/webhooks/webhook-subscriptions
 * Each Pipedrive company's write-back webhooks: which user's installation subscribed them, the
 * Basic credentials they carry (the password hashed, webhook-credentials.ts), Pipedrive's webhook
 * ids, and whether subscribing worked (with the reason when not, for the install page and logs).
 * After a re-subscription the previous credentials stay valid for a short grace period, so
 * Pipedrive's retries of events sent before it (up to about 4 minutes later) are not refused.
 */
import type { Kysely } from 'kysely'

import type { Schema } from '../../../store/schema.ts'

/** Pipedrive's retries end 183 s after a first attempt (3 + 30 + 150), plus 10 s per attempt. */
export const PREVIOUS_CREDENTIALS_GRACE_MS = 5 * 60_000

export interface PipedriveWebhookSubscriptionsTable {
  company_id: string
  /** The installation (user) whose token created the webhooks. */
  user_id: string
  auth_user: string | null
  auth_password_hash: string | null
  previous_auth_user: string | null
  previous_auth_password_hash: string | null
  previous_valid_until: number | null
  /** JSON array of Pipedrive's webhook ids. */
  webhook_ids: string
  /** `subscribed` or `failed`. */
  status: string
  failure: string | null
  updated_at: number
}

export type PipedriveWebhookTables = {
  pipedrive_webhook_subscriptions: PipedriveWebhookSubscriptionsTable
}

export interface WebhookSubscription {
  readonly companyId: string
  readonly userId: string
  readonly status: 'subscribed' | 'failed'
  readonly webhookIds: readonly number[]
  readonly failure: string | undefined
}

/** Whose credentials a Basic user is, and the hash to check the password against. */
export interface CredentialOwner {
  readonly companyId: string
  readonly passwordHash: string
}

export interface WebhookSubscriptionStore {
  get(companyId: string): Promise<WebhookSubscription | undefined>
  /** The company of a Basic user: current credentials, or previous ones within their grace. */
  ownerOf(authUser: string): Promise<CredentialOwner | undefined>
  /** New webhooks and credentials; the ones they replace stay valid for the grace period. */
  saveSubscribed(
    companyId: string,
    userId: string,
    credentials: { readonly user: string; readonly passwordHash: string },
    webhookIds: readonly number[]
  ): Promise<void>
  /** Subscribing failed: the reason is kept; credentials and webhooks already there stay. */
  saveFailed(companyId: string, userId: string, failure: string): Promise<void>
  /** The subscription and its credentials are gone (uninstall): every delivery is refused. */
  remove(companyId: string): Promise<void>
}

export function createWebhookSubscriptionStore(deps: {
  readonly db: Kysely<Schema>
  readonly now: () => number
}): WebhookSubscriptionStore {
  const db = deps.db.withTables<PipedriveWebhookTables>()
  const table = 'pipedrive_webhook_subscriptions' as const

  return {
    async get(companyId) {
      const row = await db
        .selectFrom(table)
        .selectAll()
        .where('company_id', '=', companyId)
        .executeTakeFirst()
      if (row === undefined) return undefined
      return {
        companyId: row.company_id,
        userId: row.user_id,
        status: row.status === 'subscribed' ? 'subscribed' : 'failed',
        webhookIds: (JSON.parse(row.webhook_ids) as unknown[]).filter(
          (id): id is number => typeof id === 'number'
        ),
        failure: row.failure ?? undefined,
      }
    },

    async ownerOf(authUser) {
      const current = await db
        .selectFrom(table)
        .select(['company_id', 'auth_password_hash'])
        .where('auth_user', '=', authUser)
        .executeTakeFirst()
      if (current?.auth_password_hash != null)
        return { companyId: current.company_id, passwordHash: current.auth_password_hash }
      const previous = await db
        .selectFrom(table)
        .select(['company_id', 'previous_auth_password_hash'])
        .where('previous_auth_user', '=', authUser)
        .where('previous_valid_until', '>', deps.now())
        .executeTakeFirst()
      if (previous?.previous_auth_password_hash == null) return undefined
      return { companyId: previous.company_id, passwordHash: previous.previous_auth_password_hash }
    },

    async saveSubscribed(companyId, userId, credentials, webhookIds) {
      const before = await db
        .selectFrom(table)
        .select(['auth_user', 'auth_password_hash'])
        .where('company_id', '=', companyId)
        .executeTakeFirst()
      const values = {
        user_id: userId,
        auth_user: credentials.user,
        auth_password_hash: credentials.passwordHash,
        previous_auth_user: before?.auth_user ?? null,
        previous_auth_password_hash: before?.auth_password_hash ?? null,
        previous_valid_until: deps.now() + PREVIOUS_CREDENTIALS_GRACE_MS,
        webhook_ids: JSON.stringify(webhookIds),
        status: 'subscribed',
        failure: null,
        updated_at: deps.now(),
      }
      await db
        .insertInto(table)
        .values({ company_id: companyId, ...values })
        .onConflict((oc) => oc.column('company_id').doUpdateSet(values))
        .execute()
    },

    async saveFailed(companyId, userId, failure) {
      const values = { user_id: userId, status: 'failed', failure, updated_at: deps.now() }
      await db
        .insertInto(table)
        .values({
          company_id: companyId,
          auth_user: null,
          auth_password_hash: null,
          previous_auth_user: null,
          previous_auth_password_hash: null,
          previous_valid_until: null,
          webhook_ids: '[]',
          ...values,
        })
        .onConflict((oc) => oc.column('company_id').doUpdateSet(values))
        .execute()
    },

    async remove(companyId) {
      await db.deleteFrom(table).where('company_id', '=', companyId).execute()
    },
  }
}
