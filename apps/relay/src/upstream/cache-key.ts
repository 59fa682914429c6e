/**
 * @module upstream/cache-key
 * Cache keys: `credential|endpoint|idType:id|canonicalQuery`. Two reads that Intilery would answer
 * alike must share a key (emails in any case, `Email Opened` vs `email_opened`, include lists in
 * any order), or de-duplication and caching silently stop working; two reads it would answer
 * differently must never share one (other brand, other token, other query).
 *
 * Keys hold ids in clear because they only live in this process's memory; they are never logged.
 */
import { LRUCache } from 'lru-cache'
import {
  createProfileRef,
  MAX_EVENTS_LIMIT,
  parseEventsWireQuery,
  toEventsWireQuery,
  type EventsQuery,
  type ProfileRef,
} from '@intilery-connect/core'

export interface UpstreamCredentials {
  readonly baseUrl: string
  readonly clientId: string
  readonly accountId: string
  readonly brandId: string
  readonly authToken: string
}

export type CachedEndpoint = 'traits' | 'meta' | 'audiences' | 'events'

/**
 * FNV-1a, hand-written like core's: the key must name the token without holding its text, and a
 * synchronous hash is needed (Web Crypto's digest is async and the relay avoids node:crypto so it
 * can run on edge runtimes). Two 32-bit passes with different seeds make an accidental collision
 * between two tokens of one brand practically impossible.
 */
function fnv1a(text: string, seed: number): string {
  let hash = seed
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** Names one credential: the brand it reads and a fingerprint of its token. */
export function credentialKey(credentials: UpstreamCredentials): string {
  const { baseUrl, clientId, accountId, brandId, authToken } = credentials
  const token = `${fnv1a(authToken, 0x811c9dc5)}${fnv1a(authToken, 0x01000193)}`
  const brand = [baseUrl.replace(/\/+$/, ''), clientId, accountId, brandId]
  return `${brand.map(encodeURIComponent).join('/')}#${token}`
}

/**
 * The ref as Intilery matches it (emails trimmed and lower-cased), validated.
 * @throws ValidationError for a ref the client would refuse anyway, before any key is built.
 */
export function normaliseRef<R extends ProfileRef>(ref: R): R {
  return createProfileRef(ref.type, ref.value) as R
}

const sortedUnique = (keys: readonly string[] | undefined) =>
  keys === undefined ? undefined : [...new Set(keys)].sort().join(',')

/**
 * The query in one spelling: event names as keys, sorted and de-duplicated; instants as epoch
 * milliseconds; defaults written out (`sort=desc`, `limit=100`) so omitting them changes nothing.
 * @throws InvalidRequestError for a query the events endpoint would refuse.
 */
export function canonicalEventsQuery(query: EventsQuery = {}): string {
  // Warm reads ask the same few queries over and over (a sidebar's first page, a recommendation's
  // window): checking one costs a zod parse, so each answer is kept by the query as written.
  const written = JSON.stringify(query)
  const known = canonicalByWritten.get(written)
  if (known !== undefined) return known
  const canonical = canonicalOf(query)
  canonicalByWritten.set(written, canonical)
  return canonical
}

const canonicalByWritten = new LRUCache<string, string>({ max: 1_000 })

function canonicalOf(query: EventsQuery): string {
  const parsed = parseEventsWireQuery(toEventsWireQuery(query))
  const parts: [string, string | undefined][] = [
    ['include', sortedUnique(parsed.include)],
    ['exclude', sortedUnique(parsed.exclude)],
    ['start', parsed.start?.toString()],
    ['end', parsed.end?.toString()],
    ['sort', parsed.sort ?? 'desc'],
    ['limit', String(parsed.limit ?? MAX_EVENTS_LIMIT)],
  ]
  const present = parts.filter((part): part is [string, string] => part[1] !== undefined)
  return new URLSearchParams(present).toString()
}

export function cacheKey(
  credential: string,
  endpoint: CachedEndpoint,
  ref: ProfileRef,
  canonicalQuery = ''
): string {
  // The id goes last but one and is encoded, so no id can forge the separators around it.
  return `${credential}|${endpoint}|${ref.type}:${encodeURIComponent(ref.value)}|${canonicalQuery}`
}
