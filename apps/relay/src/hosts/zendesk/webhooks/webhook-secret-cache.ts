/**
 * @module hosts/zendesk/webhooks/webhook-secret-cache
 * Every delivery reads its subdomain's signing secret before the signature can be checked: a
 * SELECT and an AES-GCM decryption, which bench:writeback's profile put at a seventh of the relay's
 * CPU per webhook, and which anyone could make the relay do by posting unsigned requests. Secrets
 * change rarely, so answers (a missing secret too) are kept for a few seconds, like tenants
 * (platform/http/tenant-cache.ts): a new or rotated signing secret takes effect within `ttlMs`,
 * or at once when the relay learns of the change (`clear`, see wiring/change-watch.ts).
 */
import { clearableMemo } from '../../../platform/http/clearable-memo.ts'
import type { ZendeskWebhookSecrets } from './webhook-secrets.ts'

export function cachedWebhookSecrets(
  secrets: Pick<ZendeskWebhookSecrets, 'find'>,
  now: () => number,
  ttlMs = 10_000
): Pick<ZendeskWebhookSecrets, 'find'> & { readonly clear: () => void } {
  // A missing secret is an answer too: unsigned floods cannot reach the database.
  const memo = clearableMemo<string>(ttlMs, now)
  return {
    find: (tenantId, subdomain) =>
      memo.read(`${tenantId}\u0000${subdomain}`, () => secrets.find(tenantId, subdomain)),
    /** Forgets every answer: a secret was set somewhere (store/change-versions.ts). */
    clear: memo.clear,
  }
}
