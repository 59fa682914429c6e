// Contract rows: events query (include, exclude, start, end, sort, limit), scroll cursors, event shape.
import {
  createProfileRef,
  InvalidRequestError,
  profileEventSchema,
  type ProfileEvent,
} from '@intilery-connect/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SEEDED } from '../src/seed/index.ts'
import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
let clockMs = Date.now()
beforeAll(async () => {
  target = await startContractTarget({ clock: () => clockMs, scrollTtlMs: 60_000 })
})
afterAll(() => target.stop())

const joe = createProfileRef('userId', SEEDED.joeBloggs.userId)
const power = createProfileRef('userId', SEEDED.powerUser.userId)
const times = (events: readonly ProfileEvent[]) => events.map((e) => Date.parse(e.eventTime))

describe('events', () => {
  it('come newest first, at most 100 a page, each with the spec fields', async () => {
    const page = await target.client().events(power)
    expect(page.data).toHaveLength(100)
    expect(page.scrollId).toEqual(expect.any(String))
    const t = times(page.data)
    expect([...t].sort((a, b) => b - a)).toEqual(t)
    for (const event of page.data) {
      expect(profileEventSchema.safeParse(event).success).toBe(true)
      expect(Object.keys(event)).toEqual(
        expect.arrayContaining([
          'eventId',
          'eventTime',
          'receivedTime',
          'eventAction',
          'customerId',
          'clientId',
          'accountId',
          'brandId',
          'source',
          'rawData',
        ])
      )
    }
  })

  it('sort asc gives oldest first', async () => {
    const page = await target.client().events(power, { sort: 'asc', limit: 50 })
    const t = times(page.data)
    expect(page.data).toHaveLength(50)
    expect([...t].sort((a, b) => a - b)).toEqual(t)
  })

  it('include takes keys or display names; exclude removes them', async () => {
    const client = target.client()
    const byKey = await client.events(joe, { include: ['email_opened'] })
    const byName = await client.events(joe, { include: ['Email Opened'] })
    expect(byKey.data.length).toBeGreaterThan(0)
    expect(byKey.data.every((e) => e.eventAction === 'email_opened')).toBe(true)
    expect(byName.data.map((e) => e.eventId)).toEqual(byKey.data.map((e) => e.eventId))
    const without = await client.events(joe, { exclude: ['Email Opened', 'email_sent'] })
    expect(
      without.data.some((e) => e.eventAction === 'email_opened' || e.eventAction === 'email_sent')
    ).toBe(false)
  })

  it('a message type such as page includes every page call', async () => {
    const page = await target.client().events(joe, { include: ['page'] })
    expect(page.data.length).toBeGreaterThan(0)
    expect(page.data.every((e) => e.rawData.action === 'page')).toBe(true)
  })

  it('start is inclusive and end exclusive', async () => {
    const all = await target.client().events(power, { limit: 100 })
    const newest = all.data[0] as ProfileEvent
    const tenth = all.data[9] as ProfileEvent
    const window = await target
      .client()
      .events(power, { start: tenth.eventTime, end: newest.eventTime })
    const ids = window.data.map((e) => e.eventId)
    expect(ids).toContain(tenth.eventId)
    expect(ids).not.toContain(newest.eventId)
    expect(
      times(window.data).every(
        (t) => t >= Date.parse(tenth.eventTime) && t < Date.parse(newest.eventTime)
      )
    ).toBe(true)
  })

  it.each([
    ['limit 0', 'limit=0'],
    ['limit 101', 'limit=101'],
    ['limit not a number', 'limit=ten'],
    ['bad sort', 'sort=up'],
    ['unparsable start', 'start=yesterday'],
    ['impossible date', 'end=2024-02-30'],
    ['start after end', 'start=2025-01-02&end=2025-01-01'],
  ])('answers %s with 400 invalid_request_error', async (_label, query) => {
    const response = await target.raw(`/profiles/userId:${SEEDED.joeBloggs.userId}/events?${query}`)
    expect(response.status).toBe(400)
    expect((await expectErrorBody(response)).code).toBe('invalid_request_error')
  })

  it('the client refuses a bad query before sending it', async () => {
    const before = target.sandbox.counters.snapshot().total
    await expect(target.client().events(joe, { limit: 101 })).rejects.toThrow(InvalidRequestError)
    await expect(target.client().events(joe, { start: 'soon' })).rejects.toThrow(
      InvalidRequestError
    )
    expect(target.sandbox.counters.snapshot().total).toBe(before)
  })
})

describe('scroll', () => {
  it('pages through every event once, ending on an empty page, still with a scrollId', async () => {
    const seen = new Set<string>()
    let page = await target.client().events(power, { limit: 100 })
    const scrollId = page.scrollId
    for (;;) {
      for (const event of page.data) seen.add(event.eventId)
      if (page.data.length === 0) break
      page = await page.nextPage()
      expect(page.scrollId).toBe(scrollId)
    }
    const total = target.sandbox.store.find(power)[0]?.events.length
    expect(seen.size).toBe(total)
    expect(page.hasNextPage()).toBe(false)
  })

  it('for await walks every event across pages, and max stops it early', async () => {
    const client = target.client()
    let count = 0
    for await (const _ of client.iterateEvents(power, { limit: 100 })) count += 1
    expect(count).toBe(target.sandbox.store.find(power)[0]?.events.length)
    let capped = 0
    for await (const _ of client.iterateEvents(power, {}, { max: 250 })) capped += 1
    expect(capped).toBe(250)
  })

  it('a request with scrollId ignores the other parameters', async () => {
    const first = await target.client().events(power, { limit: 5, sort: 'asc' })
    const response = await target.raw(
      `/profiles/userId:${SEEDED.powerUser.userId}/events?scrollId=${first.scrollId}&limit=999&sort=sideways`
    )
    expect(response.status).toBe(200)
    const next = (await response.json()) as { data: ProfileEvent[] }
    expect(next.data).toHaveLength(5)
    expect(Date.parse(next.data[0]?.eventTime ?? '')).toBeGreaterThanOrEqual(
      Date.parse(first.data[4]?.eventTime ?? '')
    )
  })

  it('an unknown scrollId is 400 "scrollId is invalid or has timed out"', async () => {
    const response = await target.raw(
      `/profiles/userId:${SEEDED.joeBloggs.userId}/events?scrollId=nope`
    )
    expect(response.status).toBe(400)
    expect(await expectErrorBody(response)).toEqual({
      code: 'invalid_request_error',
      message: 'scrollId is invalid or has timed out',
    })
  })

  it('a scrollId expires after the TTL without use', async () => {
    const first = await target.client().events(power, { limit: 10 })
    clockMs += 59_000
    const second = await first.nextPage()
    expect(second.data).toHaveLength(10)
    clockMs += 60_001
    const error = await second.nextPage().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect((error as InvalidRequestError).message).toBe('scrollId is invalid or has timed out')
  })
})
