/**
 * @module platform/crypto/node-secret-box
 * The same secret box as createSecretBox (AES-256-GCM, the context as associated data, the same
 * sealed form, so either opens what the other sealed), through node:crypto. The write-back outbox
 * opens a sealed payload per message, a thousand and more a second while a backlog drains:
 * WebCrypto's asynchronous decrypt costs a thread-pool round trip per call, and those cost the
 * delivery a quarter of its pace and the sidebar's reads meanwhile half again their p95
 * (bench:writeback); node:crypto takes a few microseconds. Node-only, so the server and the CLI use
 * it and the app stays portable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

import { fromBase64Url, toBase64Url } from './encoding.ts'
import {
  encryptionKeyBytes,
  NOT_OPENED,
  SecretBoxError,
  sealedParts,
  type SecretBox,
} from './secret-box.ts'

const TAG_BYTES = 16

/** @throws SecretBoxError when the key is not 32 bytes. */
export function createNodeSecretBox(keyText: string): SecretBox {
  const key = encryptionKeyBytes(keyText)
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([
        cipher.update(plaintext, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ])
      return Promise.resolve(`v1.${toBase64Url(iv)}.${toBase64Url(body)}`)
    },
    open(sealed, context) {
      try {
        return Promise.resolve(openSync(key, sealed, context))
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new SecretBoxError(NOT_OPENED))
      }
    },
  }
}

function openSync(key: Uint8Array, sealed: string, context: string): string {
  const parts = sealedParts(sealed)
  try {
    const data = fromBase64Url(parts.data)
    if (data.length < TAG_BYTES) throw new SecretBoxError('Too short to be sealed')
    const decipher = createDecipheriv('aes-256-gcm', key, fromBase64Url(parts.iv))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES))
    const body = data.subarray(0, data.length - TAG_BYTES)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch (cause) {
    throw new SecretBoxError(NOT_OPENED, { cause })
  }
}
