/**
 * Zendesk's webhook deliveries as Zendesk signs them, with node:crypto (independently of the
 * relay's WebCrypto check), for the tests and bench:writeback: base64 HMAC-SHA256 of the
 * timestamp followed by the raw body, and the headers a delivery carries.
 */
import { createHmac } from 'node:crypto'

import type { ZendeskTriggerEvent } from '@intilery-connect/core'

/** Zendesk's timestamp form: ISO-8601 UTC to the second. */
export const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export const sign = (secret: string, timestamp: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(timestamp).update(body).digest('base64')

/** The headers of one delivery of `body`, signed with `secret` at `atMs`. */
export function signedHeaders(
  secret: string,
  body: string,
  atMs: number,
  invocationId: string,
  webhookId = '01HWEBHOOKTEST0000000000000'
): Record<string, string> {
  const timestamp = stamp(atMs)
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-id': webhookId,
    'x-zendesk-webhook-invocation-id': invocationId,
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': sign(secret, timestamp, body),
  }
}

/** A mix of trigger events, each of which the webhook turns into one message. */
export const EVENT_MIX: readonly { event: ZendeskTriggerEvent; status: string; rating: string }[] =
  [
    { event: 'ticket_created', status: 'new', rating: 'unoffered' },
    { event: 'ticket_solved', status: 'solved', rating: 'offered' },
    { event: 'ticket_reopened', status: 'open', rating: 'offered' },
    { event: 'ticket_rated', status: 'solved', rating: 'good' },
    { event: 'ticket_rated', status: 'solved', rating: 'bad' },
  ]
