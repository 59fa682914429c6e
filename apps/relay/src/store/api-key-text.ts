/**
 * @module store/api-key-text
 * The text of a relay API key, `icr_<id>_<secret>`, and of an imported key's id: how new ones are
 * made and how a presented one is split. Apart from the store so that the CLI can tell a key id
 * from a pasted key without the store's queries.
 */
import { toBase64Url } from '../platform/crypto/encoding.ts'
import type { Hasher } from '../platform/crypto/hmac.ts'

const PREFIX = 'icr_'
/** 9 random bytes: 72 bits, enough to never collide. */
const ID_BYTES = 9
const SECRET_BYTES = 32
// The id is hex, not base64url: operators type it on the command line (`relay keys revoke --id`),
// where an id starting with `-` would read as an option. The secret's fixed length keeps the split
// unambiguous although base64url itself contains `_`.
const KEY_PATTERN = /^icr_([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/

/** Imported keys are hashed whole, in their own namespace, so they can never match a created key. */
export const importedHash = (hasher: Hasher, key: string) => hasher(`imported:${key}`)
export const MIN_IMPORTED_KEY = 12

const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count))
const randomSecret = (count: number) => toBase64Url(randomBytes(count))
const randomId = () =>
  Array.from(randomBytes(ID_BYTES), (byte) => byte.toString(16).padStart(2, '0')).join('')

/** Whether `text` has the shape of a key id (created or imported), never of a key itself. */
export const isApiKeyId = (text: string) => /^(imp_)?[0-9a-f]{18}$/.test(text)

/** Splits a presented key; undefined when it is not shaped like one of ours. */
export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key)
  const [, id, secret] = match ?? []
  return id === undefined || secret === undefined ? undefined : { id, secret }
}

/** Whether `key` may be imported: long enough, and no whitespace (a paste's line break). */
export const importableKey = (key: string) => key.length >= MIN_IMPORTED_KEY && !/\s/.test(key)

/** A new key: its public id, the secret whose HMAC is stored, and the whole key shown once. */
export function newApiKey(): { id: string; secret: string; key: string } {
  const id = randomId()
  const secret = randomSecret(SECRET_BYTES)
  return { id, secret, key: `${PREFIX}${id}_${secret}` }
}

/** The id an imported key is listed and revoked by (it has none of its own). */
export const newImportedKeyId = () => `imp_${randomId()}`
