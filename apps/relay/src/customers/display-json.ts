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
  if (context.at(-1) !== CLOSING_BRACE)
    throw new Error('withDisplay: the context is not a JSON object')
  const tail = tailOf(display)
  const bytes = new Uint8Array(context.byteLength - 1 + tail.byteLength)
  bytes.set(context.subarray(0, -1), 0)
  bytes.set(tail, context.byteLength - 1)
  lastBodyOf.set(context, { display, bytes })
  return bytes
}
