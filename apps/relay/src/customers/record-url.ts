/**
 * @module customers/record-url
 * Where a customer's record is in Intilery's own app, as a template with `{id}` for the Intilery
 * id (the panel fills it in, URL-encoded). The spec documents only the customer list,
 * `https://{clientId}.{accountId}.intilery.com/customers` ("customers > customer details"); the
 * `/{id}` after it is inferred, which is why a tenant can set its own template instead.
 */
import type { IntileryCredentials } from '../ports.ts'

/** One DNS label: what each of clientId and accountId must be to stand in a host name. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/**
 * `https://{clientId}.{accountId}.intilery.com/customers/{id}`, or undefined when either id is
 * not a DNS label (e.g. has a dot, a slash or a space): rather than a link to another host, none.
 */
export function defaultRecordUrl(
  intilery: Pick<IntileryCredentials, 'clientId' | 'accountId'>
): string | undefined {
  const { clientId, accountId } = intilery
  if (!DNS_LABEL.test(clientId) || !DNS_LABEL.test(accountId)) return undefined
  return `https://${clientId.toLowerCase()}.${accountId.toLowerCase()}.intilery.com/customers/{id}`
}

/** The tenant's own template when it has one (checked when it was set), else the default. */
export function recordUrlFor(
  intilery: Pick<IntileryCredentials, 'clientId' | 'accountId'>,
  override: string | undefined
): string | undefined {
  return override ?? defaultRecordUrl(intilery)
}
