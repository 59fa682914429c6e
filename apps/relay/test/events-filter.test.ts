/**
 * The channels' events route with a filter: `start`/`end` (end exclusive) and `include` reach the
 * upstream on the first page, and the relay's cursor keeps the same filter on every later page.
 */
import { eventsAnswerSchema, type CustomerContext } from '@intilery-connect/core'
import { SEEDED } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startHarness } from './app-harness.ts'

let harness: Awaited<ReturnType<typeof startHarness>>
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness.stop()
})

const asAgent = async (path: string) =>
  harness.app.request(path, {
    headers: { authorization: `Bearer ${await harness.zendeskToken()}` },
  })

const eventIds = (entries: CustomerContext['timeline']['entries']) =>
  entries.flatMap((e) =>
    e.burst === undefined ? [e.raw.eventId] : e.burst.items.map((i) => i.raw.eventId)
  )

const ref = `userId:${SEEDED.powerUser.userId}`

/** Every page of one filtered query, following the relay's cursors. */
async function allPages(query: string): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | undefined
  for (let page = 0; page < 200; page++) {
    const suffix = cursor === undefined ? '' : `&cursor=${cursor}`
    const response = await asAgent(`/zendesk/v1/events?ref=${ref}&${query}${suffix}`)
    expect(response.status).toBe(200)
    const body = eventsAnswerSchema.parse(await response.json())
    seen.push(...eventIds(body.entries))
    cursor = body.cursor
    if (cursor === undefined) break
  }
  return seen
}

function stored() {
  const customer = harness.sandbox.store.find({ type: 'userId', value: SEEDED.powerUser.userId })[0]
  if (customer === undefined) throw new Error('the seed has no power user')
  return [...customer.events].sort((a, b) => b.ms - a.ms)
}

describe('GET /zendesk/v1/events with a date range', () => {
  it('answers exactly the events in [start, end), across pages, end exclusive', async () => {
    const events = stored()
    // A window well back in the history, ending exactly on an event (which must be left out).
    const endEvent = events[Math.floor(events.length / 2)]
    const startMs = (endEvent?.ms ?? 0) - 120 * 86_400_000
    const end = new Date(endEvent?.ms ?? 0).toISOString()
    const start = new Date(startMs).toISOString()
    const expected = events.filter((e) => e.ms >= startMs && e.ms < (endEvent?.ms ?? 0))
    expect(expected.length).toBeGreaterThan(50) // more than one page
    const seen = await allPages(`start=${start}&end=${end}`)
    // Each once (a campaign fold lists its steps at its latest one, so not in time order).
    expect(seen).toHaveLength(expected.length)
    expect(new Set(seen)).toEqual(new Set(expected.map((e) => e.event.eventId)))
  })

  it('combines end with include', async () => {
    const events = stored()
    const endMs = events[Math.floor(events.length / 3)]?.ms ?? 0
    const expected = events.filter((e) => e.ms < endMs && e.event.eventAction === 'order_completed')
    expect(expected.length).toBeGreaterThan(0)
    const seen = await allPages(
      `include=${encodeURIComponent('Order Completed')}&end=${new Date(endMs).toISOString()}`
    )
    expect(new Set(seen)).toEqual(new Set(expected.map((e) => e.event.eventId)))
    expect(seen).toHaveLength(expected.length)
  })

  it.each([
    ['an unreadable end', 'end=yesterday'],
    ['a start after the end', 'start=2026-06-02T00:00:00Z&end=2026-06-01T00:00:00Z'],
  ])('answers %s with 400 bad_request', async (_label, query) => {
    const response = await asAgent(`/zendesk/v1/events?ref=${ref}&${query}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } })
  })
})
