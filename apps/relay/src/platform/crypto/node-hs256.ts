/**
 * @module platform/crypto/node-hs256
 * The HS256 check (platform/auth/hs256.ts) through node:crypto: synchronous, a few microseconds.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import type { Hs256Check } from '../auth/hs256.ts'

export const nodeHs256: Hs256Check = (secret, signingInput, signature) => {
  const expected = createHmac('sha256', secret).update(signingInput, 'utf8').digest()
  return expected.length === signature.length && timingSafeEqual(expected, signature)
}
