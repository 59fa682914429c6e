/**
 * @module profile-api/profile-segment
 * The sandbox's reading of the `{idType}:{id}` path segment, written from the spec and the design's
 * contract table rather than imported from core: the contract tests compare core's reading with
 * this one, which only catches a mistake in either if they are separate code.
 *
 * From the contract table:
 *   - id types `userId`, `email`, `id`, `anonymousId`, exactly so; anything else is 400
 *     `validation_error`; a segment without the `idType:id` shape gets the spec's own message;
 *   - the segment is percent-decoded exactly once, then split at its first `:` (an id type has no
 *     colon; an id may). So `%2B` is a `+`, a raw `+` stays a `+` (it means a space only in
 *     form-encoded queries, never in a path), `%3A` is a colon of the id, and `%2541` is the
 *     three characters `%41`, not `A`;
 *   - emails are matched case-insensitively, so an email is read in lower case.
 * Decisions of the sandbox where the spec says nothing (the client refuses the same refs, so both
 * sides agree on what is invalid): an empty id, an id over 1,024 characters (UTF-16 units, as
 * JavaScript counts), text that is not valid Unicode, and an email that is not `local@domain` are
 * 400 `validation_error`; whitespace around an email is not part of it and is dropped.
 */
import { RequestError } from './request-error.ts'

export const ID_TYPES = ['userId', 'email', 'id', 'anonymousId'] as const
export type IdType = (typeof ID_TYPES)[number]

/** Who a request asks about; the same shape as core's `ProfileRef`, so the store takes either. */
export type RequestedProfile =
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: Exclude<IdType, 'email'>; readonly value: string }

export const MAX_ID_LENGTH = 1024
/** The spec's message for a segment that is not `idType:id`. */
export const FORMAT_MESSAGE = 'ProfileID must be in format of id_type:id'

const invalid = (message: string) => new RequestError('validation_error', message)

function isIdType(text: string): text is IdType {
  return (ID_TYPES as readonly string[]).includes(text)
}

/** Exactly one `@`, something on each side, no whitespace anywhere. */
function isEmailAddress(text: string): boolean {
  const [local, domain, ...rest] = text.split('@')
  return rest.length === 0 && Boolean(local) && Boolean(domain) && !/\s/.test(text)
}

/**
 * Reads a raw, still percent-encoded path segment.
 * @throws RequestError `validation_error` for anything that does not name a profile.
 */
export function readProfileSegment(segment: string): RequestedProfile {
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    throw invalid('The profile id is not valid percent-encoding (UTF-8).')
  }
  const colon = decoded.indexOf(':')
  if (colon < 1) throw invalid(FORMAT_MESSAGE)
  const type = decoded.slice(0, colon)
  if (!isIdType(type)) {
    throw invalid(`Unknown id type "${type.slice(0, 40)}": use ${ID_TYPES.join(', ')}.`)
  }
  const id = decoded.slice(colon + 1)
  const value = type === 'email' ? id.trim().toLowerCase() : id
  if (value === '') throw invalid(`The ${type} must not be empty.`)
  if (value.length > MAX_ID_LENGTH) {
    throw invalid(`The ${type} is longer than ${MAX_ID_LENGTH} characters.`)
  }
  // Only reachable for a segment given raw (percent-decoding refuses encoded lone surrogates).
  if (/\p{Cs}/u.test(value)) throw invalid(`The ${type} is not valid Unicode text.`)
  if (type === 'email' && !isEmailAddress(value))
    throw invalid('The email is not an email address.')
  return { type, value }
}
