/**
 * @module seed/timeline
 * Collects one customer's events as drafts, then turns them into stored events in time order.
 * Behaviours draft events out of order (an email opened days later is drafted with its send), so
 * sorting happens once at the end.
 */
import { buildEvent, type EventInput } from '../store/event-factory.ts'
import type { BrandCoordinates, CustomerRecord, StoredEvent } from '../store/types.ts'
import type { Random } from './random.ts'

export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
/** How far back the seeded history goes. */
export const WINDOW_DAYS = 180
export const WINDOW_MS = WINDOW_DAYS * DAY

export type Draft = Omit<EventInput, 'eventId' | 'ms' | 'receivedMs'>

/** Always the same object shape: spreading drafts of many shapes was the seed's hottest line. */
function input(eventId: string, ms: number, receivedMs: number, draft: Draft): EventInput {
  return {
    eventId,
    type: draft.type,
    name: draft.name,
    ms,
    receivedMs,
    properties: draft.properties,
    traits: draft.traits,
    context: draft.context,
    sendType: draft.sendType,
    anonymousId: draft.anonymousId,
    source: draft.source,
  }
}

export class Timeline {
  readonly now: number
  private readonly random: Random
  private readonly inputs: EventInput[] = []

  constructor(now: number, random: Random) {
    this.now = now
    this.random = random
  }

  get windowStart(): number {
    return this.now - WINDOW_MS
  }

  get size(): number {
    return this.inputs.length
  }

  /** A time `agoMs` before now; integer arithmetic keeps every time a pure shift of `now`. */
  ago(agoMs: number): number {
    return this.now - Math.round(agoMs)
  }

  /**
   * Records an event, or nothing when `ms` falls outside the window. Returns whether it did, so a
   * causal chain (sent, opened, clicked) stops at its first step that has not happened yet.
   */
  add(ms: number, draft: Draft): boolean {
    if (ms > this.now || ms < this.windowStart) return false
    // Ingest lag is drawn here rather than left to the factory's default, which is derived from
    // the absolute time and would make receivedTime shift unevenly when `now` moves.
    this.inputs.push(input(this.random.uuid(), ms, ms + this.random.int(150, 1_900), draft))
    return true
  }

  /** Records an event whose id and lag are fixed (the spec's examples). */
  addExact(eventId: string, ms: number, receivedLagMs: number, draft: Draft): void {
    if (ms > this.now || ms < this.windowStart)
      throw new Error(`${eventId} falls outside the window`)
    this.inputs.push(input(eventId, ms, ms + receivedLagMs, draft))
  }

  build(customer: CustomerRecord, brand: BrandCoordinates): StoredEvent[] {
    // Array.prototype.sort is stable, so same-millisecond drafts keep their causal order.
    const ordered = [...this.inputs].sort((a, b) => a.ms - b.ms)
    return ordered.map((input) => buildEvent(customer, brand, input))
  }
}
