/**
 * @module hosts/pipedrive/json-panel/people-lookup
 * What the JSON panel reads from Intilery beyond a customer's context: the computed traits its
 * facts come from (lifetime value, orders, churn risk live only in `traits`), and, for an
 * organization's roll-up, which of its people Intilery knows. Every read is audited and bounded
 * by the request's deadline; the upstream guard's cache and pacing keep a panel opened again and
 * again cheap. A person's panel also reads their latest orders (one events page filtered to
 * orders): the context's first page holds the newest 50 events, often only browsing. A roll-up
 * reads at most ORGANIZATION_PEOPLE people × ROLLUP_EMAILS `meta` reads plus one `traits` read per
 * known person (24 reads at most, within the upstream guard's burst and rate).
 */
import {
  createProfileRef,
  normalizeProfile,
  normalizeProfiles,
  toTimeline,
  type CustomerProfile,
  type TimelineEntry,
} from '@intilery-connect/core'

import { FIRST_PAGE_SIZE } from '../../../customers/customer-context.ts'
import { timelinePage } from '../../../customers/timeline-page.ts'
import type { ReadOptions, UpstreamReads } from '../../../ports.ts'
import { unlessNotFound, type AuditedRead } from '../find-customer.ts'
import type { SubjectPerson } from '../resolve-subject.ts'

/** A person's emails tried in a roll-up (primary first): enough for the usual work and home pair. */
export const ROLLUP_EMAILS = 2

/** A Pipedrive person Intilery knows: the email that matched and its profiles, newest first. */
export interface KnownPerson {
  readonly person: SubjectPerson
  readonly email: string
  /** At least one; the first (the most recently active) has its computed traits. */
  readonly profiles: readonly CustomerProfile[]
}

/** The profile with the computed traits of its `traits` read (a 404 leaves it as it was). */
export async function withComputed(
  upstream: UpstreamReads,
  profile: CustomerProfile,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<CustomerProfile> {
  const ref = createProfileRef('id', profile.id)
  const traits = await unlessNotFound(
    audited(ref, async () => {
      const read = await upstream.traits(ref, opts)
      const value = read.value.kind === 'list' ? read.value.profiles[0] : read.value.profile
      return { result: value, upstreamRequestId: read.requestId }
    })
  )
  if (traits === undefined) return profile
  return { ...profile, computed: normalizeProfile({ traits }).computed }
}

/** Order events, which the JSON panel shows with their id and total. */
export const ORDER_EVENTS = ['order_completed', 'order_refunded', 'order_cancelled']
/** As many orders as the panel shows at most (panel-events.ts). */
const ORDERS_READ = 3

/** One customer's first page of events (all, or those `include` names) as timeline rows. */
async function rowsOf(
  upstream: UpstreamReads,
  profile: CustomerProfile,
  audited: AuditedRead,
  opts: ReadOptions,
  page: { readonly include?: string[] | undefined; readonly limit: number }
): Promise<TimelineEntry[]> {
  const ref = createProfileRef('id', profile.id)
  const position = page.include === undefined ? {} : { filter: { include: page.include } }
  const events = await unlessNotFound(
    audited(ref, async () => {
      const read = await timelinePage(upstream, ref, position, page.limit, opts)
      return { result: read.events, upstreamRequestId: read.read.requestId }
    })
  )
  return toTimeline(events ?? [])
}

/** The customer's latest orders as timeline rows, newest first (a 404 reads as none). */
export const latestOrders = (
  upstream: UpstreamReads,
  profile: CustomerProfile,
  audited: AuditedRead,
  opts: ReadOptions
) => rowsOf(upstream, profile, audited, opts, { include: ORDER_EVENTS, limit: ORDERS_READ })

/**
 * The first page of one customer's own events, read by their Intilery id: the context's, read by
 * a shared email, holds every customer's with that email, and a chosen one's panel shows theirs.
 */
export const ownEvents = (
  upstream: UpstreamReads,
  profile: CustomerProfile,
  audited: AuditedRead,
  opts: ReadOptions
) => rowsOf(upstream, profile, audited, opts, { limit: FIRST_PAGE_SIZE })

/** Timeline rows and extra ones in one newest-first list, each row once. */
export function mergeEntries(
  entries: readonly TimelineEntry[],
  extra: readonly TimelineEntry[]
): TimelineEntry[] {
  const ids = new Set(entries.map((entry) => entry.id))
  const added = extra.filter((entry) => !ids.has(entry.id))
  if (added.length === 0) return [...entries]
  const at = (entry: TimelineEntry) => Date.parse(entry.at) || 0
  return [...entries, ...added].sort((a, b) => at(b) - at(a))
}

async function profilesFor(
  upstream: UpstreamReads,
  email: string,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<CustomerProfile[]> {
  const ref = createProfileRef('email', email)
  const found = await unlessNotFound(
    audited(ref, async () => {
      const read = await upstream.meta(ref, opts)
      const meta = read.value.kind === 'list' ? [...read.value.profiles] : [read.value.profile]
      return { result: normalizeProfiles({ meta }), upstreamRequestId: read.requestId }
    })
  )
  return found ?? []
}

async function lookUpPerson(
  upstream: UpstreamReads,
  person: SubjectPerson,
  audited: AuditedRead,
  opts: ReadOptions
): Promise<KnownPerson | undefined> {
  const emails = person.emails.slice(0, ROLLUP_EMAILS)
  const answers = await Promise.all(
    emails.map((email) => profilesFor(upstream, email, audited, opts))
  )
  const index = answers.findIndex((profiles) => profiles.length > 0)
  const [first, ...others] = answers[index] ?? []
  const email = emails[index]
  if (first === undefined || email === undefined) return undefined
  const profiles = [await withComputed(upstream, first, audited, opts), ...others]
  return { person, email, profiles }
}

/** The people Intilery knows, in Pipedrive's order; all looked up at once. */
export async function lookUpPeople(
  upstream: UpstreamReads,
  people: readonly SubjectPerson[],
  audited: AuditedRead,
  opts: ReadOptions
): Promise<KnownPerson[]> {
  const known = await Promise.all(
    people.map((person) => lookUpPerson(upstream, person, audited, opts))
  )
  return known.filter((found): found is KnownPerson => found !== undefined)
}
