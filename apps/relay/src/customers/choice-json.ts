/**
 * @module customers/choice-json
 * The remembered choice in a host app's context answer, spliced after the body's last member like
 * the display (display-json.ts): `{…}` becomes `{…,"choice":{"id":"…"}}`, so the cached context
 * bytes are never serialised again. Only answers with several matches carry one, which are rare.
 */
import { utf8 } from '../platform/crypto/encoding.ts'
import { appendMember } from './display-json.ts'

/** @param context a JSON object's bytes without a `choice` member */
export function withChoice(context: Uint8Array, id: string): Uint8Array<ArrayBuffer> {
  return appendMember(context, utf8.encode(`,"choice":${JSON.stringify({ id })}}`), 'withChoice')
}
