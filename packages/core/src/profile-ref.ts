/**
 * @module profile-ref
 * Who a lookup is for: `idType:id`. The Profile API puts the ref in the URL path, so the id is
 * percent-encoded as one segment (`+` must travel as `%2B`, `/` as `%2F`...). Emails are matched
 * case-insensitively by Intilery, so they are normalised to lower case here and in cache keys.
 */
import { ValidationError } from './errors.ts'

export const PROFILE_ID_TYPES = ['userId', 'email', 'id', 'anonymousId'] as const
export type ProfileIdType = (typeof PROFILE_ID_TYPES)[number]

/** A ref whose lookups may match several profiles (`{ data: [...] }` responses). */
export interface EmailRef {
  readonly type: 'email'
  readonly value: string
}
/** A ref that names exactly one profile. */
export interface SingleRef {
  readonly type: 'userId' | 'id' | 'anonymousId'
  readonly value: string
}
export type ProfileRef = EmailRef | SingleRef

export const MAX_PROFILE_ID_LENGTH = 1024

const EXAMPLE = 'email:joe.bloggs@intilery.com'
const LONE_SURROGATE = /\p{Cs}/u

function isIdType(value: string): value is ProfileIdType {
  return (PROFILE_ID_TYPES as readonly string[]).includes(value)
}

/**
 * Builds a validated ref.
 * @throws ValidationError for an unknown id type, an empty, over-long or non-text id, or an email
 *   without `@`.
 */
export function createProfileRef(type: 'email', value: string): EmailRef
export function createProfileRef(type: SingleRef['type'], value: string): SingleRef
export function createProfileRef(type: string, value: string): ProfileRef
export function createProfileRef(type: string, value: string): ProfileRef {
  if (!isIdType(type)) {
    throw new ValidationError(
      `Unknown id type "${type.slice(0, 40)}": use one of ${PROFILE_ID_TYPES.join(', ')} (for example ${EXAMPLE}).`
    )
  }
  const id = type === 'email' ? value.trim().toLowerCase() : value
  if (id.length === 0) throw new ValidationError(`The ${type} in a profile ref must not be empty.`)
  if (id.length > MAX_PROFILE_ID_LENGTH) {
    throw new ValidationError(
      `The ${type} is ${id.length} characters long; at most ${MAX_PROFILE_ID_LENGTH} are allowed.`
    )
  }
  if (LONE_SURROGATE.test(id)) {
    throw new ValidationError(`The ${type} is not valid Unicode text.`)
  }
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(id)) {
    throw new ValidationError(`"${id.slice(0, 80)}" is not an email address.`)
  }
  return { type, value: id }
}

/**
 * Parses the human form `idType:id` (the id may itself contain colons).
 * @example parseProfileRef('email:Joe.Bloggs@intilery.com') // { type: 'email', value: 'joe.bloggs@intilery.com' }
 * @throws ValidationError when the text is not `idType:id` or the parts are invalid.
 */
export function parseProfileRef(text: string): ProfileRef {
  const colon = text.indexOf(':')
  if (colon <= 0) {
    throw new ValidationError(`A profile ref must look like idType:id, for example ${EXAMPLE}.`)
  }
  return createProfileRef(text.slice(0, colon), text.slice(colon + 1))
}

/** The human form, `idType:id`, unencoded. */
export function formatProfileRef(ref: ProfileRef): string {
  return `${ref.type}:${ref.value}`
}

/** The URL path segment: the id percent-encoded so that any character survives the trip. */
export function encodeProfileRef(ref: ProfileRef): string {
  return `${ref.type}:${encodeURIComponent(ref.value)}`
}

/**
 * Reads a raw (still percent-encoded) path segment back into a ref; the provider side of
 * {@link encodeProfileRef}.
 * @throws ValidationError for anything that is not a valid encoded ref.
 */
export function decodeProfileRef(segment: string): ProfileRef {
  // The separator travels raw (`email:joe%40x.com`); a client that encoded it too is tolerated.
  const raw = segment.indexOf(':')
  const encoded = segment.search(/%3a/i)
  const [at, width] = raw > 0 ? [raw, 1] : encoded > 0 ? [encoded, 3] : [-1, 0]
  if (at < 0) throw new ValidationError('ProfileID must be in format of id_type:id')
  const type = segment.slice(0, at)
  const rawId = segment.slice(at + width)
  let id: string
  try {
    id = decodeURIComponent(rawId)
  } catch (cause) {
    throw new ValidationError('The id in the profile ref is not valid percent-encoding.', { cause })
  }
  return createProfileRef(type, id)
}

/** Same customer key? Emails compare case-insensitively, every other id exactly. */
export function sameProfileRef(a: ProfileRef, b: ProfileRef): boolean {
  if (a.type !== b.type) return false
  return a.type === 'email' ? a.value.toLowerCase() === b.value.toLowerCase() : a.value === b.value
}

export function isEmailRef(ref: ProfileRef): ref is EmailRef {
  return ref.type === 'email'
}
