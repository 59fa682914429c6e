/**
 * @module hosts/zendesk/webhooks/webhook-signature
 * How a Zendesk webhook request proves it came from Zendesk (developer.zendesk.com, "Verifying
 * webhook authenticity"): `X-Zendesk-Webhook-Signature` is base64(HMAC-SHA256(signing secret,
 * timestamp + body)), the timestamp being `X-Zendesk-Webhook-Signature-Timestamp` and the body the
 * raw bytes as sent. Only that order is accepted, as Zendesk's page writes it:
 * `base64(HMACSHA256(TIMESTAMP + BODY))`. (A copy elsewhere is said to give the other order;
 * accepting both would only hide a signer that got it wrong.)
 */
import { fromBase64Url, utf8 } from '../../../platform/crypto/encoding.ts'

export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature'
export const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp'
export const INVOCATION_HEADER = 'x-zendesk-webhook-invocation-id'

/** A timestamp further than this from the relay's clock is refused: a replay, or a broken clock. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60 * 1000

/** ISO-8601 in UTC, to the second (Zendesk's `2024-04-17T17:18:10Z`), a fraction allowed. */
const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/

/** A SHA-256 HMAC in standard base64: 32 bytes, 43 characters and one `=`. */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/

/** Epoch ms of a signature timestamp, or undefined when it is not ISO-8601 UTC. */
export function signatureTime(text: string): number | undefined {
  if (!UTC_TIMESTAMP.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/** Whether the timestamp is ISO-8601 UTC within five minutes of `nowMs`, either way. */
export function timestampIsFresh(text: string, nowMs: number): boolean {
  const at = signatureTime(text)
  return at !== undefined && Math.abs(nowMs - at) <= MAX_TIMESTAMP_SKEW_MS
}

/**
 * Whether `signature` signs `timestamp` followed by `body` under `secret`. WebCrypto's verify
 * compares in constant time; a signature of the wrong shape is refused before any HMAC.
 */
export async function signatureMatches(
  secret: string,
  timestamp: string,
  body: Uint8Array,
  signature: string
): Promise<boolean> {
  if (!SIGNATURE.test(signature)) return false
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify']
  )
  const stamp = utf8.encode(timestamp)
  const signed = new Uint8Array(stamp.length + body.length)
  signed.set(stamp)
  signed.set(body, stamp.length)
  return crypto.subtle.verify('HMAC', key, fromBase64Url(signature), signed)
}
