/**
 * @module hosts/pipedrive/intilery-links
 * Where a customer's full view lives in Intilery. The documented customer page is
 * `https://{clientId}.{accountId}.intilery.com/customers`; there is no documented per-profile URL,
 * so the panel links there.
 */
import type { IntileryCredentials } from '../../ports.ts'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

export function intileryCustomersUrl(credentials: IntileryCredentials): string {
  const { clientId, accountId } = credentials
  return LABEL.test(clientId) && LABEL.test(accountId)
    ? `https://${clientId.toLowerCase()}.${accountId.toLowerCase()}.intilery.com/customers`
    : 'https://intilery.com/'
}
