/**
 * @module platform/crypto/node-hasher
 * The same keyed hash as createHasher (HMAC-SHA-256, base64url), through node:crypto. Every read
 * hashes its ref for the audit log; WebCrypto's asynchronous sign costs a thread-pool round trip per
 * call, node:crypto a few microseconds. Node-only, so the server uses it and the app stays portable.
 */
import { createHmac } from 'node:crypto'

import type { Hasher } from './hmac.ts'

export function createNodeHasher(keyText: string): Hasher {
  const key = Buffer.from(keyText, 'utf8')
  return (text) =>
    Promise.resolve(createHmac('sha256', key).update(text, 'utf8').digest('base64url'))
}
