/**
 * @module hosts/zendesk/webhooks/webhook-secrets
 * Each Zendesk subdomain's webhook signing secret, sealed at rest under the tenant and subdomain
 * (a sealed value copied onto another row does not open). Set by `relay zendesk webhook-secret`
 * and by a tenants file (`zendesk[].webhookSigningSecret`); read by the webhook to check each
 * delivery's signature.
 */
import type { Kysely } from 'kysely'

import type { SecretBox } from '../../../platform/crypto/secret-box.ts'
import type { Schema } from '../../../store/schema.ts'
import type { SealedColumn } from '../../../store/sealed-columns.ts'
import { linkSecretSchema } from '../../../store/tenant-schema.ts'
import { ZENDESK, zendeskSubdomainSchema } from '../zendesk-links.ts'
import { bumpVersion } from '../../../store/change-versions.ts'

export interface ZendeskWebhookSecretsTable {
  /** Lower case, as tenant_links keeps it. */
  subdomain: string
  tenant_id: string
  /** SecretBox output bound to the tenant and subdomain; never the secret. */
  secret_sealed: string
  created_at: number
  updated_at: number
}

export interface ZendeskWebhookInvocationsTable {
  subdomain: string
  /** `X-Zendesk-Webhook-Invocation-Id`: the same on every attempt of one delivery. */
  invocation_id: string
  /** Epoch ms after which the row may go. */
  expires_at: number
}

/** The webhook's own tables (migration in webhook-migrations.ts). */
export type ZendeskWebhookTables = {
  zendesk_webhook_secrets: ZendeskWebhookSecretsTable
  zendesk_webhook_invocations: ZendeskWebhookInvocationsTable
}

const context = (tenantId: string, subdomain: string) =>
  `tenant:${tenantId}:${ZENDESK}:${subdomain}:webhook-signing-secret`

/** For the encryption key's check and rotation (`relay encryption rotate`). */
export const webhookSecretSealedColumns: readonly SealedColumn[] = [
  {
    table: 'zendesk_webhook_secrets',
    column: 'secret_sealed',
    key: ['subdomain'],
    contextColumns: ['tenant_id'],
    context: (row) => context(row.tenant_id ?? '', row.subdomain ?? ''),
  },
]

/** One of a tenant's Zendesk subdomains, and whether the relay has its webhook signing secret. */
export interface WebhookSubdomain {
  readonly subdomain: string
  readonly hasSecret: boolean
}

export interface ZendeskWebhookSecrets {
  /**
   * Seals and keeps (or replaces) the subdomain's signing secret for the tenant it is linked to.
   * @throws ZodError when the subdomain or secret is not one (1 to 1,024 characters).
   */
  set(tenantId: string, subdomain: string, secret: string): Promise<void>
  /**
   * The subdomain's signing secret, only when kept for this tenant.
   * @throws SecretBoxError when it does not open (wrong key or tampered row).
   */
  find(tenantId: string, subdomain: string): Promise<string | undefined>
  /** The tenant's Zendesk subdomains (its links), each with whether a secret is kept. */
  subdomainsOf(tenantId: string): Promise<WebhookSubdomain[]>
}

export function createZendeskWebhookSecrets(deps: {
  readonly db: Kysely<Schema>
  readonly secretBox: SecretBox
  readonly now: () => number
}): ZendeskWebhookSecrets {
  const { secretBox, now } = deps
  const db = deps.db.withTables<ZendeskWebhookTables>()
  return {
    async set(tenantId, subdomainText, secretText) {
      const subdomain = zendeskSubdomainSchema.parse(subdomainText)
      const secret = linkSecretSchema.parse(secretText.trim())
      const at = now()
      const sealed = await secretBox.seal(secret, context(tenantId, subdomain))
      await db
        .insertInto('zendesk_webhook_secrets')
        .values({
          subdomain,
          tenant_id: tenantId,
          secret_sealed: sealed,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc
            .column('subdomain')
            .doUpdateSet({ tenant_id: tenantId, secret_sealed: sealed, updated_at: at })
        )
        .execute()
      // Every instance drops its cached signing secrets at its next look (store/change-versions).
      await bumpVersion(deps.db, 'tenants')
    },

    async find(tenantId, subdomain) {
      const row = await db
        .selectFrom('zendesk_webhook_secrets')
        .select(['secret_sealed'])
        .where('subdomain', '=', subdomain)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst()
      return row === undefined
        ? undefined
        : secretBox.open(row.secret_sealed, context(tenantId, subdomain))
    },

    async subdomainsOf(tenantId) {
      // The host's own rows of the shared link table: which subdomains the tenant has.
      const rows = await db
        .selectFrom('tenant_links as l')
        .leftJoin('zendesk_webhook_secrets as s', (join) =>
          join.onRef('s.subdomain', '=', 'l.account_id').onRef('s.tenant_id', '=', 'l.tenant_id')
        )
        .select(['l.account_id as subdomain', 's.subdomain as secretFor'])
        .where('l.host', '=', ZENDESK)
        .where('l.tenant_id', '=', tenantId)
        .orderBy('l.account_id')
        .execute()
      return rows.map((row) => ({ subdomain: row.subdomain, hasSecret: row.secretFor !== null }))
    },
  }
}
