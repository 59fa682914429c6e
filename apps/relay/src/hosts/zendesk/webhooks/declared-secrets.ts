/**
 * @module hosts/zendesk/webhooks/declared-secrets
 * A declared tenant's webhook signing secrets (`zendesk[].webhookSigningSecret` in a tenants file)
 * into the webhook's own table, once the tenant and its links are stored. An install declared
 * without one keeps the secret `relay zendesk webhook-secret` gave it.
 */
import type { HostTables } from '../../host-module.ts'
import { createZendeskWebhookSecrets } from './webhook-secrets.ts'

export async function saveDeclaredWebhookSecrets(
  tenantId: string,
  fields: {
    readonly zendesk: readonly {
      readonly subdomain: string
      readonly webhookSigningSecret?: string | undefined
    }[]
  },
  tables: HostTables
): Promise<void> {
  const secrets = createZendeskWebhookSecrets(tables)
  for (const { subdomain, webhookSigningSecret } of fields.zendesk)
    if (webhookSigningSecret !== undefined)
      await secrets.set(tenantId, subdomain, webhookSigningSecret)
}
