/**
 * @module profile-api/event-selection
 * Which events a query returns: include/exclude by event key (a key also matches the message type,
 * so `include=page` keeps every page call), `start` inclusive, `end` exclusive, sorted by event
 * time (ties in arrival order, so pages are stable).
 */
import type { ProfileEvent } from '@intilery-connect/core'

import type { CustomerRecord, StoredEvent } from '../store/types.ts'

/** What selects events; a read events query (events-query.ts) is one, the limit aside. */
export interface EventSelection {
  /** Event keys, already normalised. */
  readonly include?: readonly string[] | undefined
  readonly exclude?: readonly string[] | undefined
  /** Epoch milliseconds, inclusive. */
  readonly start?: number | undefined
  /** Epoch milliseconds, exclusive. */
  readonly end?: number | undefined
  /** Default newest first. */
  readonly sort?: 'asc' | 'desc' | undefined
}

function keysOf(event: ProfileEvent): string[] {
  const action = event.rawData.action
  return action !== undefined && action !== 'track'
    ? [event.eventAction, action]
    : [event.eventAction]
}

function matches(keys: readonly string[], set: ReadonlySet<string>): boolean {
  return keys.some((key) => set.has(key))
}

export function selectEvents(
  customers: readonly CustomerRecord[],
  query: EventSelection
): StoredEvent[] {
  const include = query.include === undefined ? undefined : new Set(query.include)
  const exclude = query.exclude === undefined ? undefined : new Set(query.exclude)
  const start = query.start ?? Number.NEGATIVE_INFINITY
  const end = query.end ?? Number.POSITIVE_INFINITY
  const selected: StoredEvent[] = []
  for (const customer of customers) {
    for (const stored of customer.events) {
      if (stored.ms < start || stored.ms >= end) continue
      if (include !== undefined || exclude !== undefined) {
        const keys = keysOf(stored.event)
        if (include !== undefined && !matches(keys, include)) continue
        if (exclude !== undefined && matches(keys, exclude)) continue
      }
      selected.push(stored)
    }
  }
  // Array.prototype.sort is stable: events at the same instant keep their arrival order (a batch
  // without timestamps), and newest-first is that order reversed.
  selected.sort((a, b) => a.ms - b.ms)
  if (query.sort !== 'asc') selected.reverse()
  return selected
}
