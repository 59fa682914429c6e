/**
 * @module hosts/zendesk/webhooks/webhook-secret-cache
 * Every delivery reads its subdomain's signing secret before the signature can be checked: a
 * SELECT and an AES-GCM decryption, which bench:writeback's profile put at a seventh of the relay's
 * CPU per webhook, and which anyone could make the relay do by posting unsigned requests. Secrets
 * change rarely, so answers (a missing secret too) are kept for a few seconds, like tenants
 * (platform/http/tenant-cache.ts): a new or rotated signing secret takes effect within `ttlMs`,
 * or at once when the relay learns of the change (`clear`, see wiring/change-watch.ts).
 */
import { LRUCache } from 'lru-cache'

import type { ZendeskWebhookSecrets } from './webhook-secrets.ts'

/** A cached answer; `undefined` (no secret kept) is an answer too, so it is boxed. */
type Entry = { readonly secret: string | undefined }

export function cachedWebhookSecrets(
  secrets: Pick<ZendeskWebhookSecrets, 'find'>,
  now: () => number,
  ttlMs = 10_000
): Pick<ZendeskWebhookSecrets, 'find'> & { readonly clear: () => void } {
  const entries = new LRUCache<string, Entry>({
    max: 10_000,
    ttl: ttlMs,
    // The relay's clock, so tests move time by hand; read on every call.
    perf: { now },
    ttlResolution: 0,
  })
  // Bumped by clear(): a lookup that began before it may have read the replaced secret.
  let generation = 0
  return {
    async find(tenantId, subdomain) {
      const key = `${tenantId}\u0000${subdomain}`
      const hit = entries.get(key)
      if (hit !== undefined) return hit.secret
      const began = generation
      const secret = await secrets.find(tenantId, subdomain)
      if (began === generation) entries.set(key, { secret })
      return secret
    },
    /** Forgets every answer: a secret was set somewhere (store/change-versions.ts). */
    clear: () => {
      generation += 1
      entries.clear()
    },
  }
}
