/**
 * @module customers/display-json
 * A host app's context answer is the cached context bytes (context-json.ts) with the tenant's
 * display after them: `{…,"stale":false}` becomes `{…,"stale":false,"display":{…}}`. Spliced as
 * bytes, so the context (80 KB for a busy customer) is never serialised again per request; and the
 * spliced body is kept while both parts stay the same objects, so a warm read allocates nothing.
 */
import type { PanelDisplay } from '@intilery-connect/core'

import { utf8 } from '../platform/crypto/encoding.ts'
import { deriveOnce } from './derive-once.ts'

const CLOSING_BRACE = 0x7d

const tailOf = deriveOnce((display: PanelDisplay) =>
  utf8.encode(`,"display":${JSON.stringify(display)}}`)
)

const lastBodyOf = new WeakMap<
  Uint8Array,
  { readonly display: PanelDisplay; readonly bytes: Uint8Array<ArrayBuffer> }
>()

/** @param context a JSON object's bytes (contextJsonBytes), which never has a `display` yet */
export function withDisplay(context: Uint8Array, display: PanelDisplay): Uint8Array<ArrayBuffer> {
  const last = lastBodyOf.get(context)
  if (last !== undefined && last.display === display) return last.bytes
  const bytes = appendMember(context, tailOf(display), 'withDisplay')
  lastBodyOf.set(context, { display, bytes })
  return bytes
}

/**
 * `object`'s bytes with `tail` (`,"name":value}`) in place of its closing brace.
 * @param caller named in the error when `object` is not a JSON object's bytes
 */
export function appendMember(
  object: Uint8Array,
  tail: Uint8Array,
  caller: string
): Uint8Array<ArrayBuffer> {
  if (object.at(-1) !== CLOSING_BRACE)
    throw new Error(`${caller}: the context is not a JSON object`)
  const bytes = new Uint8Array(object.byteLength - 1 + tail.byteLength)
  bytes.set(object.subarray(0, -1), 0)
  bytes.set(tail, object.byteLength - 1)
  return bytes
}
