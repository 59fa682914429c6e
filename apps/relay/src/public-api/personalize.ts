/**
 * @module public-api/personalize
 * Every personalization decision about one customer from at most one read of each upstream
 * endpoint, all started at once and admitted together: traits by name, audience membership, and
 * products viewed and not bought. Shared by `POST /v1/personalize` (API keys) and
 * `GET /v1/visitor/context` (a site's visitor), which differ only in who may ask for what.
 *
 * An email may belong to several customers. Then nothing is answered but how many matched
 * (`matches`): personalizing for one of them would show someone another person's data.
 */
import type { Audiences, ProfileRef, Traits } from '@intilery-connect/core'

import { AdmissionGroup } from '../upstream/admission-group.ts'
import { profilesOf, type Guarded, type UpstreamReads } from '../ports.ts'
import { readRecentlyViewed, type RecentlyViewed } from './recently-viewed-read.ts'

export interface PersonalizationAsk {
  /** Trait names: standard traits first, else computed traits of that name. */
  readonly traits?: readonly string[] | undefined
  /** Audience ids to test (dynamic or static). */
  readonly audiences?: readonly string[] | undefined
  readonly recentlyViewed?: { readonly limit: number } | undefined
}

export interface PersonalizationAnswer {
  /** The customer's Intilery id; undefined when an email matched several (see `matches`). */
  readonly profileId: string | undefined
  /** How many customers the identity matched (more than one only for an email). */
  readonly matches: number
  /** The asked-for traits the customer has and the caller may read. */
  readonly traits: Readonly<Record<string, unknown>>
  /** Asked for, but outside the caller's allowlist: never read out, named so it can be fixed. */
  readonly withheld: readonly string[]
  readonly audiences: Readonly<Record<string, boolean>>
  readonly recentlyViewed: Omit<RecentlyViewed, 'read'> | undefined
  /** Every upstream read the answer stands on (staleness, request ids). */
  readonly reads: readonly Guarded<unknown>[]
}

type Profile = Traits & { readonly id?: string; readonly computed?: Record<string, unknown> }

/** Own properties only: a name such as `__proto__` or `toString` is a trait the profile lacks. */
function traitValue(profile: Profile, name: string): unknown {
  if (name !== 'computed' && Object.hasOwn(profile, name))
    return (profile as Record<string, unknown>)[name]
  const computed = profile.computed
  return computed !== undefined && Object.hasOwn(computed, name) ? computed[name] : undefined
}

function memberships(profile: Audiences | undefined, ids: readonly string[]) {
  const member = new Set([...(profile?.audiences ?? []), ...(profile?.audiencesStatic ?? [])])
  return Object.fromEntries(ids.map((id) => [id, member.has(id)]))
}

export async function personalize(
  upstream: UpstreamReads,
  ref: ProfileRef,
  ask: PersonalizationAsk,
  allow: readonly string[] | '*',
  opts: { readonly signal?: AbortSignal | undefined; readonly nowMs: number }
): Promise<PersonalizationAnswer> {
  const asked = [...new Set(ask.traits ?? [])]
  const allowed = allow === '*' ? asked : asked.filter((name) => allow.includes(name))
  const withheld = asked.filter((name) => !allowed.includes(name))
  const audienceIds = [...new Set(ask.audiences ?? [])]
  const readAudiences = audienceIds.length > 0
  // A lookup (traits or audiences) says how many customers an email names, and whether a customer
  // is there at all: traits are read for that too when no audiences read will say it.
  const readTraits =
    allowed.length > 0 ||
    (!readAudiences && (ref.type === 'email' || ask.recentlyViewed === undefined))
  const count =
    Number(readTraits) + Number(readAudiences) + Number(ask.recentlyViewed !== undefined)
  const read = { signal: opts.signal, admission: new AdmissionGroup(count) }

  const [traits, audiences, viewed] = await Promise.all([
    readTraits ? upstream.traits(ref, read) : undefined,
    readAudiences ? upstream.audiences(ref, read) : undefined,
    ask.recentlyViewed === undefined
      ? undefined
      : readRecentlyViewed(upstream, ref, ask.recentlyViewed.limit, { ...read, nowMs: opts.nowMs }),
  ])
  const reads: Guarded<unknown>[] = []
  for (const r of [traits, audiences, viewed?.read]) if (r !== undefined) reads.push(r)
  const lookup = traits ?? audiences
  const matches = lookup === undefined ? 1 : profilesOf(lookup.value).length
  if (matches !== 1) {
    return {
      profileId: undefined,
      matches,
      traits: {},
      withheld,
      audiences: {},
      recentlyViewed: undefined,
      reads,
    }
  }
  const profile = traits === undefined ? undefined : (profilesOf(traits.value)[0] as Profile)
  const audienceProfile = audiences === undefined ? undefined : profilesOf(audiences.value)[0]
  const found = allowed
    .map((name) => [name, profile === undefined ? undefined : traitValue(profile, name)] as const)
    .filter(([, value]) => value !== undefined)
  return {
    profileId: profile?.id ?? audienceProfile?.id,
    matches,
    traits: Object.fromEntries(found),
    withheld,
    audiences: memberships(audienceProfile, audienceIds),
    recentlyViewed:
      viewed === undefined ? undefined : { products: viewed.products, basis: viewed.basis },
    reads,
  }
}
