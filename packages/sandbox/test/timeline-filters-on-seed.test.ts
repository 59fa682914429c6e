// The client-side timeline filter against the sandbox's own event selection, on seeded customers:
// the two must agree, or the client must be a subset of what the server answered when the server
// cannot express the filter. Here rather than in core because the seed belongs to the sandbox.
import {
  filterTimeline,
  InvalidRequestError,
  needsClientFilter,
  parseEventsWireQuery,
  TIMELINE_KINDS,
  toEventsQuery,
  toEventsWireQuery,
  toTimeline,
  type ProfileEvent,
  type TimelineEntry,
  type TimelineFilter,
} from '@intilery-connect/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { selectEvents } from '../src/profile-api/event-selection.ts'
import { seedCustomers } from '../src/seed/index.ts'
import type { CustomerRecord } from '../src/store/types.ts'

const customers0 = seedCustomers({
  now: Date.UTC(2026, 10, 22, 12),
  brand: { clientId: 'client', accountId: 'account', brandId: 'brand' },
})
const seeded = () => customers0
const eventsOf = (customer: CustomerRecord): ProfileEvent[] => customer.events.map((s) => s.event)

/** Event ids behind entries, bursts expanded, newest first. */
const eventIds = (entries: readonly TimelineEntry[]): string[] =>
  entries.flatMap((entry) =>
    entry.burst === undefined ? [entry.id] : entry.burst.items.map((i) => i.id)
  )

/** What the sandbox answers for `filter`, as event ids. */
function serverIds(customer: CustomerRecord, filter: TimelineFilter): string[] {
  const wire = toEventsWireQuery(toEventsQuery(filter))
  return selectEvents([customer], parseEventsWireQuery(wire)).map((stored) => stored.event.eventId)
}

describe('agreement with the sandbox’s event selection', () => {
  const customers = seeded()
  const joe = customers.find((c) => c.traits.email === 'joe.bloggs@intilery.com') as CustomerRecord
  const busiest = customers.reduce((a, b) => (b.events.length > a.events.length ? b : a))
  const sample = [joe, busiest, ...customers.filter((_, i) => i % 40 === 0)]

  const name = fc.constantFrom(
    'page',
    'screen',
    'identify',
    'Page Viewed',
    'email_opened',
    'Email Sent',
    'Product Viewed',
    'order_completed',
    'Experiment Viewed',
    'application_opened',
    'Form Submitted',
    'no_such_event',
    ''
  )
  const kinds = fc.subarray([...TIMELINE_KINDS])
  const day = fc
    .integer({ min: -200, max: 10 })
    .map((d) => new Date(Date.UTC(2026, 10, 22) + d * 86_400_000))
  const filter: fc.Arbitrary<TimelineFilter> = fc.record(
    {
      kinds,
      include: fc.array(name, { minLength: 1, maxLength: 4 }),
      exclude: fc.array(name, { minLength: 1, maxLength: 3 }),
      start: day.map((d) => d.toISOString().slice(0, 10)),
      end: day,
    },
    { requiredKeys: [] }
  )

  it('filters a seeded customer exactly as the server does (or a subset of its answer when it must)', () => {
    const timelines = new Map(sample.map((c) => [c, toTimeline(eventsOf(c))]))
    fc.assert(
      fc.property(fc.constantFrom(...sample), filter, (customer, f) => {
        let server: string[]
        try {
          server = serverIds(customer, f)
        } catch (error) {
          // The server's 400: start after end. The client filter rejects it too.
          expect(error).toBeInstanceOf(InvalidRequestError)
          expect(() => filterTimeline([], f)).toThrow(InvalidRequestError)
          return
        }
        const client = eventIds(filterTimeline(timelines.get(customer) ?? [], f))
        const sorted = (ids: readonly string[]) => [...ids].sort()
        if (needsClientFilter(f)) {
          const answer = new Set(server)
          expect(client.every((id) => answer.has(id))).toBe(true)
          const answered = customer.events
            .filter((s) => answer.has(s.event.eventId))
            .map((s) => s.event)
          expect(sorted(eventIds(filterTimeline(toTimeline(answered), f)))).toEqual(sorted(client))
        } else {
          expect(sorted(client)).toEqual(sorted(server))
        }
      }),
      { numRuns: 250 }
    )
  })

  it('agrees on every kind alone for every seeded customer', () => {
    for (const customer of customers.filter((_, i) => i % 10 === 0)) {
      const entries = toTimeline(eventsOf(customer))
      for (const kind of TIMELINE_KINDS) {
        const client = eventIds(filterTimeline(entries, { kinds: [kind] })).sort()
        expect(client).toEqual(serverIds(customer, { kinds: [kind] }).sort())
      }
    }
  })

  it('covers every kind in the seed (the agreement above is not vacuous)', () => {
    const seen = new Set(customers.flatMap((c) => toTimeline(eventsOf(c)).map((e) => e.kind)))
    expect([...seen].sort()).toEqual([...TIMELINE_KINDS].sort())
  })
})
