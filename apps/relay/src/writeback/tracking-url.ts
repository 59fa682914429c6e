/**
 * @module writeback/tracking-url
 * Where a tenant's `track` batches go: its own setting, or the tracking endpoint beside its
 * Profile API, `{baseUrl}/track/{clientId}/{accountId}/{brandId}/v1/batch` (the same address
 * scheme and the same auth token as the Profile API's reads).
 */
import type { IntileryCredentials } from '../ports.ts'
import type { WritebackSettings } from '../store/tenant-schema.ts'

export function trackingUrlFor(
  intilery: Omit<IntileryCredentials, 'authToken'>,
  settings: WritebackSettings
): string {
  if (settings.trackingUrl !== undefined) return settings.trackingUrl
  const segment = encodeURIComponent
  return `${intilery.baseUrl.replace(/\/+$/, '')}/track/${segment(intilery.clientId)}/${segment(intilery.accountId)}/${segment(intilery.brandId)}/v1/batch`
}
