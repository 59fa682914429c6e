/**
 * @module platform/crypto/same-secret
 * The relay's one comparison of secrets by value (API key hashes, HTTP Basic credentials): hono's
 * timingSafeEqual, which compares SHA-256 digests of both sides, so neither how much of a guess
 * was right nor the secret's length shows in the time it takes. (Signatures are checked by the
 * HMAC verify of WebCrypto or node:crypto instead, see platform/auth/hs256.ts.)
 */
import { timingSafeEqual } from 'hono/utils/buffer'

export const sameSecret = (given: string, expected: string): Promise<boolean> =>
  timingSafeEqual(given, expected)
