/**
 * @module public-api/recently-viewed-read
 * "The last N products they viewed but didn't purchase" (the Profile API's own example use), from
 * one upstream read: the newest 100 Product Viewed and Order Completed events of the last 90 days.
 *
 * Why that window: one page is one round trip and one token of the tenant's budget, so a cold
 * answer costs what a traits read costs and `/v1/personalize` keeps to one read per endpoint; 100
 * is the events endpoint's largest page, and the filter (`include`) spends all of it on views and
 * orders, however many emails and page views the customer has. A view older than a quarter says
 * little about what someone wants now. The window starts at a UTC midnight, so the query, and with
 * it the guard's cache entry, stays the same all day.
 */
import {
  recentlyViewedNotPurchased,
  type ProfileRef,
  type ViewedProduct,
} from '@intilery-connect/core'

import { deriveOnce } from '../customers/derive-once.ts'
import type { EventsPageValue, Guarded, ReadOptions, UpstreamReads } from '../ports.ts'

export const WINDOW_DAYS = 90
export const EVENTS_READ = 100
export const MAX_RECOMMENDATIONS = 20
const DAY_MS = 86_400_000

export interface RecentlyViewed {
  readonly products: readonly ViewedProduct[]
  /** What the answer was computed from, so a caller can tell "nothing viewed" from "not read". */
  readonly basis: {
    readonly since: string
    readonly eventsRead: number
    /** More views and orders in the window than one page holds: older ones were not read. */
    readonly truncated: boolean
  }
  readonly read: Guarded<EventsPageValue>
}

/**
 * The most products any caller may ask for, worked out once per cached page (the guard hands out
 * the same page object while it is fresh): a warm answer only slices it.
 */
const mostRecommendations = deriveOnce((page: EventsPageValue) =>
  recentlyViewedNotPurchased(page.data, MAX_RECOMMENDATIONS)
)

/** The window's start: UTC midnight `WINDOW_DAYS` before `nowMs`'s day. */
export function windowStart(nowMs: number): string {
  return new Date(Math.floor(nowMs / DAY_MS) * DAY_MS - WINDOW_DAYS * DAY_MS).toISOString()
}

export async function readRecentlyViewed(
  upstream: UpstreamReads,
  ref: ProfileRef,
  limit: number,
  opts: ReadOptions & { readonly nowMs: number }
): Promise<RecentlyViewed> {
  const since = windowStart(opts.nowMs)
  // A first page, so no cursor: the page's own `hasMore` says whether the window held more.
  const read = await upstream.firstEventsPage(
    ref,
    { include: ['product_viewed', 'order_completed'], start: since, limit: EVENTS_READ },
    { signal: opts.signal, admission: opts.admission }
  )
  return {
    products: mostRecommendations(read.value).slice(0, limit),
    basis: { since, eventsRead: read.value.data.length, truncated: read.value.hasMore },
    read,
  }
}
