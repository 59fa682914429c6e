/**
 * @module platform/auth/hs256
 * Checks an HS256 signature: HMAC-SHA-256 of the JWT's signing input under the shared secret, and
 * the decoding every token verification starts with (hs256-token.ts). The
 * app takes the check as a dependency: this portable one uses WebCrypto; the Node server passes
 * node-hs256.ts, because WebCrypto's asynchronous verify costs a thread-pool round trip, a tenth of
 * a warm read's CPU.
 */
import { decode } from 'hono/jwt'
import { LRUCache } from 'lru-cache'

import { fromBase64Url, utf8 } from '../crypto/encoding.ts'
import { UnauthenticatedError } from '../errors.ts'

/** True when `signature` is the HMAC-SHA-256 of `signingInput` under `secret`. */
export type Hs256Check = (
  secret: string,
  signingInput: string,
  signature: Uint8Array<ArrayBuffer>
) => boolean | Promise<boolean>

/**
 * Imported keys by shared secret: importing costs as much as verifying, and every request of an
 * installation is signed with the same secret. Bounded; a rotated secret is simply a new entry.
 */
const hmacKeys = new LRUCache<string, Promise<CryptoKey>>({ max: 1_000 })

function hmacKeyFor(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret)
  if (key === undefined) {
    key = crypto.subtle.importKey(
      'raw',
      utf8.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify']
    )
    hmacKeys.set(secret, key)
  }
  return key
}

/** WebCrypto's verify, which compares in constant time. */
export const webCryptoHs256: Hs256Check = async (secret, signingInput, signature) =>
  crypto.subtle.verify('HMAC', await hmacKeyFor(secret), signature, utf8.encode(signingInput))

/** An HS256 signature: 32 bytes, 43 base64url characters, no padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The claims of a compact JWT whose header says HS256, before any signature check (a caller may
 * need a claim to choose the secret).
 * @throws UnauthenticatedError `malformed_token` or `algorithm_not_allowed` (`none` included).
 */
export function decodeHs256(token: string): Record<string, unknown> {
  let decoded: ReturnType<typeof decode>
  try {
    decoded = decode(token)
  } catch {
    throw new UnauthenticatedError('malformed_token')
  }
  // JSON `null`, an array or a number decode fine but are no JWT header or claims set.
  if (!isPlainObject(decoded.header) || !isPlainObject(decoded.payload))
    throw new UnauthenticatedError('malformed_token')
  if (decoded.header.alg !== 'HS256') throw new UnauthenticatedError('algorithm_not_allowed')
  return decoded.payload
}

/**
 * Checks the signature over the token's first two parts, exactly as sent.
 * @throws UnauthenticatedError `bad_signature`.
 */
export async function requireHs256Signature(
  token: string,
  secret: string,
  checkSignature: Hs256Check
): Promise<void> {
  const dot = token.lastIndexOf('.')
  const signature = token.slice(dot + 1)
  if (
    !SIGNATURE.test(signature) ||
    !(await checkSignature(secret, token.slice(0, dot), fromBase64Url(signature)))
  )
    throw new UnauthenticatedError('bad_signature')
}
