/**
 * @module profile-api/scroll-store
 * Scroll cursors, like the search-engine scrolls Intilery's `scrollId` comes from: the first request
 * fixes the result set, each scroll returns the next `limit` events, and a cursor unused for the TTL
 * expires ("scrollId is invalid or has timed out"). Every use renews the TTL.
 */
import { randomBytes } from 'node:crypto'

import type { ProfileEvent } from '@intilery-connect/core'

import type { StoredEvent } from '../store/types.ts'

interface Cursor {
  readonly events: readonly StoredEvent[]
  readonly limit: number
  offset: number
  expiresAt: number
}

export interface ScrollPage {
  readonly scrollId: string
  readonly data: ProfileEvent[]
}

export class ScrollStore {
  private readonly cursors = new Map<string, Cursor>()
  private lastSweep = Number.NEGATIVE_INFINITY

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Oldest cursors are dropped beyond this, so a flood of queries cannot grow memory forever. */
    private readonly maxCursors = 20_000
  ) {}

  get size(): number {
    return this.cursors.size
  }

  /** Starts a scroll over `events` and returns its first page. */
  open(events: readonly StoredEvent[], limit: number): ScrollPage {
    this.sweep()
    const scrollId = randomBytes(48).toString('base64url')
    const cursor: Cursor = { events, limit, offset: 0, expiresAt: 0 }
    this.cursors.set(scrollId, cursor)
    return this.page(scrollId, cursor)
  }

  /** The next page of a scroll, or undefined when the id is unknown or expired. */
  next(scrollId: string): ScrollPage | undefined {
    const cursor = this.cursors.get(scrollId)
    if (cursor === undefined) return undefined
    if (cursor.expiresAt <= this.now()) {
      this.cursors.delete(scrollId)
      return undefined
    }
    return this.page(scrollId, cursor)
  }

  private page(scrollId: string, cursor: Cursor): ScrollPage {
    const slice = cursor.events.slice(cursor.offset, cursor.offset + cursor.limit)
    cursor.offset += slice.length
    cursor.expiresAt = this.now() + this.ttlMs
    return { scrollId, data: slice.map((stored) => stored.event) }
  }

  /** Drops expired cursors, at most once a second so a busy sandbox does not scan per request. */
  private sweep(): void {
    const now = this.now()
    if (now - this.lastSweep < 1000 && this.cursors.size < this.maxCursors) return
    this.lastSweep = now
    for (const [id, cursor] of this.cursors) {
      if (cursor.expiresAt <= now) this.cursors.delete(id)
    }
    while (this.cursors.size >= this.maxCursors) {
      const oldest = this.cursors.keys().next()
      if (oldest.done === true) break
      this.cursors.delete(oldest.value)
    }
  }
}
