import { describe, expect, it, vi } from 'vitest'

import { InvalidRequestError } from '../errors.ts'
import type { EventsQuery } from '../events-query.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { createProfileClient } from './create-profile-client.ts'
import { href, ref, setup } from './testing/fake-fetch.ts'

/** This file's URLs name the account c/a/b rather than the shared BASE's. */
const ACCOUNT = { clientId: 'c', accountId: 'a', brandId: 'b' } as const
const ROOT = 'https://intilery.test/track/c/a/b/v1/profiles'

function event(n: number): ProfileEvent {
  return {
    eventId: `e${n}`,
    eventTime: '2020-11-19T13:39:17.380Z',
    eventAction: 'email_opened',
    rawData: { action: 'track', event: 'Email Opened', properties: { campaign_id: 'TRIAL' } },
  }
}

/** Pages of the given sizes, one per call, numbered so every event is unique; then empty pages. */
function pagedFetch(sizes: readonly number[]) {
  let call = 0
  let next = 0
  return vi.fn<typeof fetch>(() => {
    const size = sizes[call] ?? 0
    const data = Array.from({ length: size }, () => event(next++))
    const body = { scrollId: `scroll-${call}`, data }
    call += 1
    return Promise.resolve(
      new Response(JSON.stringify(body), { headers: { 'x-amzn-RequestId': `req-${call}` } })
    )
  })
}

const urls = (fetch: ReturnType<typeof pagedFetch>) =>
  fetch.mock.calls.map(([url]) => new URL(href(url)))

async function collect(iterable: AsyncIterable<ProfileEvent>): Promise<string[]> {
  const ids: string[] = []
  for await (const e of iterable) ids.push(e.eventId)
  return ids
}

describe('events', () => {
  it('GETs …/{ref}/events without a query by default', async () => {
    const fetch = pagedFetch([2])
    const page = await setup(fetch, ACCOUNT).client.events(ref)
    expect(href(fetch.mock.calls[0]?.[0])).toBe(`${ROOT}/userId:u-1/events`)
    expect(page.data.map((e) => e.eventId)).toEqual(['e0', 'e1'])
    expect(page.scrollId).toBe('scroll-0')
    expect(page.requestId).toBe('req-1')
    expect(page.limit).toBe(100)
    expect(page.hasNextPage()).toBe(false)
  })

  it('sends the query as include, exclude, start, end, sort and limit', async () => {
    const fetch = pagedFetch([0])
    await setup(fetch, ACCOUNT).client.events(ref, {
      include: ['Email Opened', 'page'],
      exclude: ['Page Viewed'],
      start: new Date(Date.UTC(2024, 0, 1)),
      end: '2024-02-01T00:00:00+01:00',
      sort: 'asc',
      limit: 50,
    })
    const [url] = urls(fetch)
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      include: 'Email Opened,page',
      exclude: 'Page Viewed',
      start: '2024-01-01T00:00:00.000Z',
      end: '2024-02-01T00:00:00+01:00',
      sort: 'asc',
      limit: '50',
    })
    // The offset's + must not arrive as a space.
    expect(url?.search).toContain('%2B01%3A00')
  })

  it('keeps fields Intilery adds to the page, the events and their rawData', async () => {
    const body = {
      scrollId: 's',
      took: 3,
      data: [
        {
          ...event(0),
          externalId: 'joe',
          rawData: { ...event(0).rawData, sendType: 'email', custom: [1] },
        },
      ],
    }
    const fetchMock = vi.fn<typeof fetch>(() => Promise.resolve(new Response(JSON.stringify(body))))
    const page = await setup(fetchMock, ACCOUNT).client.events(ref)
    expect(page.data).toEqual(body.data)
  })

  it('asks for the next page with the scrollId alone', async () => {
    const fetch = pagedFetch([2, 1])
    const first = await setup(fetch, ACCOUNT).client.events(ref, {
      include: ['page'],
      limit: 2,
      sort: 'asc',
    })
    expect(first.hasNextPage()).toBe(true)
    const second = await first.nextPage()
    const [, next] = urls(fetch)
    expect(next?.pathname).toBe('/track/c/a/b/v1/profiles/userId:u-1/events')
    expect(Object.fromEntries(next?.searchParams ?? [])).toEqual({ scrollId: 'scroll-0' })
    expect(second.data.map((e) => e.eventId)).toEqual(['e2'])
    expect(second.limit).toBe(2)
    expect(second.requestId).toBe('req-2')
    expect(second.hasNextPage()).toBe(false)
  })

  it.each<[string, EventsQuery]>([
    ['limit 0', { limit: 0 }],
    ['limit 101', { limit: 101 }],
    ['limit 2.5', { limit: 2.5 }],
    ['an unparsable start', { start: 'yesterday' }],
    ['start after end', { start: '2024-02-01', end: '2024-01-01' }],
    ['an include with a comma', { include: ['a,b'] }],
  ])('rejects %s with InvalidRequestError and sends nothing', async (_name, query) => {
    const fetch = pagedFetch([1])
    const { client } = setup(fetch, ACCOUNT)
    await expect(client.events(ref, query)).rejects.toBeInstanceOf(InvalidRequestError)
    expect(() => client.iterateEvents(ref, query)).toThrow(InvalidRequestError)
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('iterateEvents', () => {
  it('follows full pages and stops at an empty one', async () => {
    const fetch = pagedFetch([2, 2, 0, 5])
    expect(await collect(setup(fetch, ACCOUNT).client.iterateEvents(ref, { limit: 2 }))).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
    ])
    expect(urls(fetch).map((u) => u.search)).toEqual([
      '?limit=2',
      '?scrollId=scroll-0',
      '?scrollId=scroll-1',
    ])
  })

  it('stops at a page shorter than the limit without asking for another', async () => {
    const fetch = pagedFetch([3, 1, 3])
    expect(await collect(setup(fetch, ACCOUNT).client.iterateEvents(ref, { limit: 3 }))).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
    ])
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('uses the default limit of 100 to tell a short page', async () => {
    const fetch = pagedFetch([100, 99, 100])
    expect(await collect(setup(fetch, ACCOUNT).client.iterateEvents(ref))).toHaveLength(199)
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('stops at max without fetching further pages', async () => {
    const fetch = pagedFetch([2, 2, 2, 2])
    expect(
      await collect(setup(fetch, ACCOUNT).client.iterateEvents(ref, { limit: 2 }, { max: 3 }))
    ).toEqual(['e0', 'e1', 'e2'])
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it('sends nothing until iterated', async () => {
    const fetch = pagedFetch([1])
    const iterator = setup(fetch, ACCOUNT).client.iterateEvents(ref)
    expect(fetch).not.toHaveBeenCalled()
    expect(await collect(iterator)).toEqual(['e0'])
  })

  it('passes the caller’s signal to every page', async () => {
    const fetch = pagedFetch([1, 1, 0])
    const controller = new AbortController()
    await collect(
      setup(fetch, ACCOUNT).client.iterateEvents(ref, { limit: 1 }, { signal: controller.signal })
    )
    expect(fetch).toHaveBeenCalledTimes(3)
    controller.abort(new Error('stop'))
    expect(fetch.mock.calls.every(([, init]) => init?.signal?.aborted === true)).toBe(true)
  })
})

describe('scrollEvents', () => {
  it('continues a scroll from a kept scrollId, sending only the scrollId', async () => {
    const fetchMock = vi.fn<typeof fetch>(() =>
      Promise.resolve(
        new Response(JSON.stringify({ scrollId: 'cursor-2', data: [] }), { status: 200 })
      )
    )
    const client = createProfileClient({
      ...ACCOUNT,
      baseUrl: 'https://intilery.test',
      authToken: 't',
      rateLimit: false,
      fetch: fetchMock,
    })
    const page = await client.scrollEvents(ref, 'cursor-1', { limit: 10 })
    expect(href(fetchMock.mock.calls[0]?.[0])).toBe(`${ROOT}/userId:u-1/events?scrollId=cursor-1`)
    expect(page.scrollId).toBe('cursor-2')
    expect(page.limit).toBe(10)
    expect(page.hasNextPage()).toBe(false)
  })
})
