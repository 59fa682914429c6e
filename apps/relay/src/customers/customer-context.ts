/**
 * @module customers/customer-context
 * One sidebar or panel open: the customer's profiles and the first timeline page. Exactly two
 * upstream reads, in parallel: `meta` (identities, traits, audiences, consent, first/last events,
 * last activity) and the first events page. Computed traits live only in `traits`; the apps fetch
 * them separately (GET …/traits), so an open costs two reads and 1,000 agents opening the same
 * customer cost two reads in all (the guard's cache and de-duplication).
 */
import {
  type CustomerContext,
  type EventsQuery,
  type Meta,
  normalizeProfiles,
  panelEntries,
  panelProfile,
  type ProfileRef,
  toTimeline,
} from '@intilery-connect/core'
import { servedStale, type AnyLookup, type ReadOptions, type UpstreamReads } from '../ports.ts'
import { AdmissionGroup } from '../upstream/index.ts'
import { deriveOnce } from './derive-once.ts'
import { timelinePage } from './timeline-page.ts'

export const FIRST_PAGE_SIZE = 50

// Once per cached value, not per request (see derive-once.ts): a cached page's `data` array is the
// same object on every hit, so the entries derived from it are remembered too.
// Sent slimmed like the entries (panel-entries.ts): no visitor IP or user agent in event summaries.
const profilesOf = deriveOnce((lookup: AnyLookup<Meta>) =>
  normalizeProfiles({
    meta: lookup.kind === 'list' ? [...lookup.profiles] : [lookup.profile],
  }).map(panelProfile)
)
// Entries are sent slimmed (panel-entries.ts): no visitor IP or user agent, ids once, half the bytes.
const entriesOf = deriveOnce((events: Parameters<typeof toTimeline>[0]) =>
  panelEntries(toTimeline(events))
)

export interface ContextResult {
  readonly context: CustomerContext
  readonly upstreamRequestId: string | undefined
}

export async function customerContext(
  upstream: UpstreamReads,
  ref: ProfileRef,
  query: EventsQuery,
  opts: ReadOptions = {}
): Promise<ContextResult> {
  // Both reads admitted or neither (admission-group.ts), unless the caller groups more of them.
  const together = { ...opts, admission: opts.admission ?? new AdmissionGroup(2) }
  const [meta, page] = await Promise.all([
    upstream.meta(ref, together),
    timelinePage(upstream, ref, { filter: query }, FIRST_PAGE_SIZE, together),
  ])
  const profiles = profilesOf(meta.value)
  const context: CustomerContext = {
    match: profiles.length === 0 ? 'none' : profiles.length === 1 ? 'one' : 'many',
    profiles,
    timeline: {
      entries: entriesOf(page.events),
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
    },
    fetchedAt: new Date(Math.min(meta.fetchedAt, page.read.fetchedAt)).toISOString(),
    stale: servedStale(meta) || servedStale(page.read),
  }
  return { context, upstreamRequestId: meta.requestId ?? page.read.requestId }
}
