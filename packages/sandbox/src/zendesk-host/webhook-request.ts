/**
 * @module zendesk-host/webhook-request
 * One request of a Zendesk webhook as Zendesk signs it: `X-Zendesk-Webhook-Signature` is
 * base64(HMAC-SHA256(signing secret, timestamp + body)), the timestamp being the
 * `X-Zendesk-Webhook-Signature-Timestamp` header (ISO-8601 UTC to the second). Every attempt is
 * signed afresh with its own timestamp; the invocation id stays the same on a retry or a duplicate.
 */
import { createHmac } from 'node:crypto'

/** `2024-04-17T17:18:10Z`: Zendesk's timestamps carry no milliseconds. */
export function zendeskTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function zendeskSignature(signingSecret: string, timestamp: string, body: string): string {
  return createHmac('sha256', signingSecret)
    .update(timestamp + body)
    .digest('base64')
}

export interface WebhookRequestParts {
  readonly signingSecret: string
  readonly webhookId: string
  readonly invocationId: string
  readonly body: string
  readonly at: Date
}

/** The headers Zendesk sends with a webhook request whose body is `parts.body`. */
export function zendeskWebhookHeaders(parts: WebhookRequestParts): Record<string, string> {
  const timestamp = zendeskTimestamp(parts.at)
  return {
    'content-type': 'application/json',
    'user-agent': 'Zendesk Webhook',
    'x-zendesk-webhook-id': parts.webhookId,
    'x-zendesk-webhook-invocation-id': parts.invocationId,
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': zendeskSignature(parts.signingSecret, timestamp, parts.body),
  }
}
