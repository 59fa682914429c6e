/**
 * @module auth/hs256
 * Checks an HS256 signature: HMAC-SHA-256 of the JWT's signing input under the shared secret. The
 * app takes the check as a dependency: this portable one uses WebCrypto; the Node server passes
 * node-hs256.ts, because WebCrypto's asynchronous verify costs a thread-pool round trip, a tenth of
 * a warm read's CPU.
 */
import { LRUCache } from 'lru-cache'

import { utf8 } from '../crypto/encoding.ts'

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
