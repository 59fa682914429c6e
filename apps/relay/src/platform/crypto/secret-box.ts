/**
 * @module platform/crypto/secret-box
 * Secrets at rest (Intilery auth tokens, Zendesk shared secrets, OAuth tokens) are sealed with
 * AES-256-GCM under the relay's encryption key: a fresh 96-bit IV per seal, the 128-bit tag checked
 * on open, and the record's own name bound in as associated data so a ciphertext copied onto
 * another record does not open. WebCrypto, so it runs on Node and edge runtimes alike.
 *
 * Sealed form: `v1.<iv>.<ciphertext+tag>` (base64url).
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './encoding.ts'

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError'
}

export interface SecretBox {
  seal(plaintext: string, context: string): Promise<string>
  open(sealed: string, context: string): Promise<string>
}

/**
 * @param keyText 32 random bytes, base64url or base64 (`openssl rand -base64 32`).
 * @throws SecretBoxError when the key is not 32 bytes.
 */
export function encryptionKeyBytes(keyText: string): Uint8Array<ArrayBuffer> {
  let raw: Uint8Array<ArrayBuffer>
  try {
    raw = fromBase64Url(keyText.trim())
  } catch {
    throw new SecretBoxError('The encryption key is not base64')
  }
  if (raw.length !== 32) {
    throw new SecretBoxError(
      `The encryption key must be 32 bytes (it is ${raw.length}); use: openssl rand -base64 32`
    )
  }
  return raw
}

/** The sealed form's parts, or SecretBoxError when it is not one. */
export function sealedParts(sealed: string): { iv: string; data: string } {
  const [version, iv, data] = sealed.split('.')
  if (version !== 'v1' || iv === undefined || data === undefined) {
    throw new SecretBoxError('Not a sealed secret')
  }
  return { iv, data }
}

export const NOT_OPENED = 'A sealed secret did not open: wrong key, wrong record or tampered'

/**
 * @param keyText 32 random bytes, base64url or base64 (`openssl rand -base64 32`).
 * @throws SecretBoxError when the key is not 32 bytes.
 */
export async function createSecretBox(keyText: string): Promise<SecretBox> {
  const raw = encryptionKeyBytes(keyText)
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
  return {
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8.encode(context) },
        key,
        utf8.encode(plaintext)
      )
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`
    },
    async open(sealed, context) {
      const { iv, data } = sealedParts(sealed)
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: utf8.encode(context) },
          key,
          fromBase64Url(data)
        )
        return fromUtf8.decode(plain)
      } catch (cause) {
        throw new SecretBoxError(NOT_OPENED, { cause })
      }
    },
  }
}
