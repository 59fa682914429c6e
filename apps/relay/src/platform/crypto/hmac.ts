/**
 * Keyed hashes for what must be matched but never stored or logged in clear: looked-up profile ids
 * in the audit log, API keys. HMAC-SHA-256, hex.
 */
import { toBase64Url, utf8 } from './encoding.ts'

export type Hasher = (text: string) => Promise<string>

export async function createHasher(keyText: string): Promise<Hasher> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(keyText),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  return async (text) =>
    toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(text))))
}
