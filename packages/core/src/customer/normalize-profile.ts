/**
 * @module customer/normalize-profile
 * Builds the CustomerProfile every surface shows from the Profile API's traits, meta and audiences
 * answers. Upstream data is loose (traits are whatever the brand tracked), so every field is read
 * defensively: a missing or oddly typed field is skipped, never thrown on.
 */
import { parseIsoInstant } from '../iso-instant.ts'
import type { Audiences, EventSummary, Meta, Traits } from '../schemas/profile.ts'
import { audienceName } from './audience-name.ts'
import { computedTraitsOf, plainRecord as recordOf } from './computed-traits.ts'
import type { Audience, ChannelConsent, CustomerProfile, DisplayName } from './customer-profile.ts'

/** The answers for one customer; at least one is needed, and they must share an `id`. */
export interface ProfileParts {
  readonly traits?: Traits | undefined
  readonly meta?: Meta | undefined
  readonly audiences?: Audiences | undefined
}

/** Keys that have their own place in CustomerProfile, so they are not repeated under `traits`. */
const STRUCTURAL_KEYS = new Set([
  'id',
  'userId',
  'user_id',
  'externalId',
  'anonymousId',
  'anonymousIds',
  'email',
  'emails',
  'phone',
  'phoneNumber',
  'phone_number',
  'mobile',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'name',
  'computed',
  'marketingPreferences',
  'audiences',
  'audiencesStatic',
  'firstEvent',
  'lastEvent',
  'lastActivityTime',
  'createdBy',
  '_subscriptionId',
])

type Loose = Readonly<Record<string, unknown>>

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** The first usable text among `keys` of the parts, in the order given. */
function firstText(parts: readonly Loose[], ...keys: string[]): string | undefined {
  for (const part of parts) {
    for (const key of keys) {
      const value = text(part[key])
      if (value !== undefined) return value
    }
  }
  return undefined
}

function textList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== undefined)
  const single = text(value)
  return single === undefined ? [] : [single]
}

function uniqueBy(values: readonly string[], key: (value: string) => string): string[] {
  const seen = new Set<string>()
  return values.filter((value) => {
    const k = key(value)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function displayName(
  parts: readonly Loose[],
  ids: {
    email?: string | undefined
    userId?: string | undefined
    externalId?: string | undefined
    id: string
  }
): DisplayName {
  const first = firstText(parts, 'firstName', 'first_name')
  const last = firstText(parts, 'lastName', 'last_name')
  const full = [first, last].filter(Boolean).join(' ') || firstText(parts, 'name')
  if (full) return { text: full, source: 'name' }
  if (ids.email) return { text: ids.email, source: 'email' }
  if (ids.userId) return { text: ids.userId, source: 'userId' }
  if (ids.externalId) return { text: ids.externalId, source: 'externalId' }
  return { text: ids.id, source: 'id' }
}

function consentOf(parts: readonly Loose[]): ChannelConsent[] {
  for (const part of parts) {
    const prefs = part.marketingPreferences as { channels?: unknown } | undefined
    if (!Array.isArray(prefs?.channels)) continue
    const channels: ChannelConsent[] = []
    for (const item of prefs.channels as unknown[]) {
      const entry = item as { channel?: unknown; subscribed?: unknown } | null
      const channel = text(entry?.channel)
      if (channel !== undefined && typeof entry?.subscribed === 'boolean') {
        channels.push({ channel: channel.toLowerCase(), subscribed: entry.subscribed })
      }
    }
    return channels
  }
  return []
}

function audienceList(parts: readonly Loose[], key: 'audiences' | 'audiencesStatic'): Audience[] {
  const ids = uniqueBy(
    parts.flatMap((part) => textList(part[key])),
    (id) => id
  )
  return ids.map((id) => ({ id, name: audienceName(id) }))
}

function extremeTime(summaries: readonly EventSummary[], pick: 'min' | 'max'): string | undefined {
  let best: { ms: number; at: string } | undefined
  for (const summary of summaries) {
    const ms = parseIsoInstant(summary.eventTime)
    if (ms === undefined) continue
    if (best === undefined || (pick === 'min' ? ms < best.ms : ms > best.ms))
      best = { ms, at: summary.eventTime }
  }
  return best?.at
}

function otherTraits(parts: readonly Loose[]): Record<string, unknown> {
  const traits: Record<string, unknown> = {}
  // Later parts first so that the traits answer (listed first) wins on conflicts.
  for (const part of [...parts].reverse()) {
    for (const [key, value] of Object.entries(part)) {
      if (!STRUCTURAL_KEYS.has(key) && value !== undefined && value !== null) traits[key] = value
    }
  }
  return traits
}

/**
 * One customer's profile from whichever of traits, meta and audiences were fetched.
 * @throws TypeError only when no part is given (a programming error, not bad data).
 */
export function normalizeProfile(parts: ProfileParts): CustomerProfile {
  const loose = [parts.traits, parts.meta, parts.audiences].filter(
    (p): p is Traits => p !== undefined
  ) as Loose[]
  // The id is Intilery's own key (a string by schema): taken as given, never trimmed or coerced.
  const id = parts.traits?.id ?? parts.meta?.id ?? parts.audiences?.id
  if (id === undefined) throw new TypeError('normalizeProfile needs traits, meta or audiences')
  const userId = firstText(loose, 'userId', 'user_id')
  const externalId = firstText(loose, 'externalId')
  const emails = uniqueBy(
    loose
      .flatMap((p) => [...textList(p.email), ...textList(p.emails)])
      .filter((e) => e.includes('@')),
    (e) => e.toLowerCase()
  )
  const phone = firstText(loose, 'phone', 'phoneNumber', 'phone_number', 'mobile')
  const firstEvent = { ...(parts.meta?.firstEvent ?? {}) }
  const lastEvent = { ...(parts.meta?.lastEvent ?? {}) }
  const createdTime = text(recordOf(parts.meta?.createdBy).createdTime)
  const firstSeen = extremeTime(Object.values(firstEvent), 'min') ?? createdTime
  const lastActive =
    text(parts.meta?.lastActivityTime) ?? extremeTime(Object.values(lastEvent), 'max')
  const firstName = firstText(loose, 'firstName', 'first_name')
  const lastName = firstText(loose, 'lastName', 'last_name')
  return {
    id,
    ...(userId === undefined ? {} : { userId }),
    ...(externalId === undefined ? {} : { externalId }),
    anonymousIds: uniqueBy(
      loose.flatMap((p) => [...textList(p.anonymousId), ...textList(p.anonymousIds)]),
      (a) => a
    ),
    emails,
    ...(phone === undefined ? {} : { phone }),
    name: displayName(loose, { email: emails[0], userId, externalId, id }),
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    traits: otherTraits(loose),
    computed: parts.traits === undefined ? {} : computedTraitsOf(parts.traits),
    audiences: {
      dynamic: audienceList(loose, 'audiences'),
      static: audienceList(loose, 'audiencesStatic'),
    },
    consent: consentOf(loose),
    ...(firstSeen === undefined ? {} : { firstSeen }),
    ...(lastActive === undefined ? {} : { lastActive }),
    firstEvent,
    lastEvent,
  }
}

/**
 * Every customer in the answers, joined by Intilery id: an email lookup returns a list per endpoint,
 * and the same customers appear in each. Most recently active first.
 */
export function normalizeProfiles(lists: {
  readonly traits?: readonly Traits[] | undefined
  readonly meta?: readonly Meta[] | undefined
  readonly audiences?: readonly Audiences[] | undefined
}): CustomerProfile[] {
  const byId = new Map<string, { traits?: Traits; meta?: Meta; audiences?: Audiences }>()
  const slot = (id: string) => {
    let parts = byId.get(id)
    if (!parts) {
      parts = {}
      byId.set(id, parts)
    }
    return parts
  }
  for (const traits of lists.traits ?? []) slot(traits.id).traits = traits
  for (const meta of lists.meta ?? []) slot(meta.id).meta = meta
  for (const audiences of lists.audiences ?? []) slot(audiences.id).audiences = audiences
  const profiles = [...byId.values()].map(normalizeProfile)
  const activity = (p: CustomerProfile) =>
    (p.lastActive === undefined ? undefined : parseIsoInstant(p.lastActive)) ?? -Infinity
  return profiles.sort((a, b) => activity(b) - activity(a))
}
