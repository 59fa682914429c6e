/**
 * @module hosts/pipedrive/webhooks/webhook-credentials
 * The HTTP Basic credentials Pipedrive sends with a company's webhooks: a random user (which
 * names the company's subscription) and a random password, made by the relay when it subscribes.
 *
 * The password is stored **hashed** (SHA-256), not sealed: the relay hands it to Pipedrive once,
 * when it creates the webhooks, and only ever needs to check it afterwards; a re-subscription makes
 * new credentials. So a copy of the database (or of the encryption key) is not enough to forge a
 * company's webhooks. A fast hash suffices because the password is 256 random bits: there is no
 * dictionary to search, which is what slow password hashes defend against.
 */
import { sameSecret } from '../../../platform/crypto/same-secret.ts'
import { toBase64Url, utf8 } from '../../../platform/crypto/encoding.ts'

export interface WebhookCredentials {
  readonly user: string
  readonly password: string
}

const random = (bytes: number) => toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))

export function newWebhookCredentials(): WebhookCredentials {
  return { user: `pdwh_${random(12)}`, password: random(32) }
}

export async function hashWebhookPassword(password: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(password))))
}

/** Constant time: the given password's hash against the stored one. */
export async function passwordMatches(given: string, storedHash: string): Promise<boolean> {
  return sameSecret(await hashWebhookPassword(given), storedHash)
}
