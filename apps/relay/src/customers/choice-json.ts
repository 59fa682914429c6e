/**
 * @module customers/choice-json
 * The remembered choice in a host app's context answer, spliced after the body's last member like
 * the display (display-json.ts): `{…}` becomes `{…,"choice":{"id":"…"}}`, so the cached context
 * bytes are never serialised again. Only answers with several matches carry one, which are rare.
 */
import { utf8 } from '../platform/crypto/encoding.ts'

const CLOSING_BRACE = 0x7d

/** @param context a JSON object's bytes without a `choice` member */
export function withChoice(context: Uint8Array, id: string): Uint8Array<ArrayBuffer> {
  if (context.at(-1) !== CLOSING_BRACE)
    throw new Error('withChoice: the context is not a JSON object')
  const tail = utf8.encode(`,"choice":${JSON.stringify({ id })}}`)
  const bytes = new Uint8Array(context.byteLength - 1 + tail.byteLength)
  bytes.set(context.subarray(0, -1), 0)
  bytes.set(tail, context.byteLength - 1)
  return bytes
}
