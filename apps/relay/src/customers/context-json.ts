/**
 * @module customers/context-json
 * A customer context as JSON bytes, exactly what `JSON.stringify(context)` encodes to. The profiles
 * and timeline entries are the derived-once arrays of cached values (customer-context.ts), so their
 * JSON, nearly all of a body, is serialised and UTF-8 encoded once per cached value; per request
 * only the small envelope is, and the parts are copied together. Bytes rather than a string: the
 * server would otherwise measure and encode an 80 KB string on every answer.
 */
import type { CustomerContext } from '@intilery-connect/core'

import { utf8 } from '../platform/crypto/encoding.ts'
import { deriveOnce } from './derive-once.ts'

const jsonBytesOf = deriveOnce((value: unknown) => utf8.encode(JSON.stringify(value)))

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}

/**
 * The last body written for a timeline page's entries: while its profiles and envelope stay the same
 * (they change when the cache refreshes or the answer turns stale), every warm read answers the
 * same bytes and allocates no new 80 KB buffer.
 */
const lastBodyOf = new WeakMap<
  object,
  { readonly profiles: object; readonly envelope: string; readonly bytes: Uint8Array<ArrayBuffer> }
>()

export function contextJsonBytes(context: CustomerContext): Uint8Array<ArrayBuffer> {
  const { match, profiles, timeline, fetchedAt, stale } = context
  const cursor = timeline.cursor === undefined ? '' : `,"cursor":${JSON.stringify(timeline.cursor)}`
  const envelope = `${match} ${cursor} ${fetchedAt} ${String(stale)}`
  const last = lastBodyOf.get(timeline.entries)
  if (last !== undefined && last.profiles === profiles && last.envelope === envelope) {
    return last.bytes
  }
  const bytes = concat([
    utf8.encode(`{"match":${JSON.stringify(match)},"profiles":`),
    jsonBytesOf(profiles),
    utf8.encode(`,"timeline":{"entries":`),
    jsonBytesOf(timeline.entries),
    utf8.encode(
      `${cursor}},"fetchedAt":${JSON.stringify(fetchedAt)},"stale":${JSON.stringify(stale)}}`
    ),
  ])
  lastBodyOf.set(timeline.entries, { profiles, envelope, bytes })
  return bytes
}
