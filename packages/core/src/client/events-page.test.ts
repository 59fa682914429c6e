import { describe, expect, it, vi } from 'vitest'

import type { ProfileEvent } from '../schemas/event.ts'
import {
  DEFAULT_ITERATE_MAX,
  EventsPage,
  iteratePages,
  type PageRequestOptions,
} from './events-page.ts'

function events(from: number, count: number): ProfileEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `e${from + i}`,
    eventTime: '2020-11-19T13:39:17.380Z',
    eventAction: 'email_opened',
    rawData: {},
  }))
}

type FetchNext = (scrollId: string, options?: PageRequestOptions) => Promise<EventsPage>

/** A cursor over pages of the given sizes; every page asks for `limit`. */
function pages(sizes: readonly number[], limit: number | undefined) {
  const fetchNext = vi.fn<FetchNext>()
  const pageAt = (index: number): EventsPage => {
    const start = sizes.slice(0, index).reduce((sum, n) => sum + n, 0)
    return new EventsPage({
      data: events(start, sizes[index] ?? 0),
      scrollId: `scroll-${index}`,
      requestId: `req-${index}`,
      limit,
      fetchNext,
    })
  }
  fetchNext.mockImplementation((scrollId) =>
    Promise.resolve(pageAt(Number(scrollId.slice('scroll-'.length)) + 1))
  )
  const first = vi.fn(() => Promise.resolve(pageAt(0)))
  return { first, fetchNext }
}

async function collect(iterable: AsyncIterable<ProfileEvent>): Promise<string[]> {
  const ids: string[] = []
  for await (const event of iterable) ids.push(event.eventId)
  return ids
}

describe('EventsPage', () => {
  const page = (count: number, limit: number | undefined) =>
    new EventsPage({
      data: events(0, count),
      scrollId: 's',
      requestId: 'r',
      limit,
      fetchNext: vi.fn<FetchNext>(),
    })

  it('keeps data, scrollId, requestId and the limit asked for', () => {
    const p = page(3, 10)
    expect(p.data.map((e) => e.eventId)).toEqual(['e0', 'e1', 'e2'])
    expect(p.scrollId).toBe('s')
    expect(p.requestId).toBe('r')
    expect(p.limit).toBe(10)
  })

  it('defaults the limit to the endpoint’s 100', () => {
    expect(page(1, undefined).limit).toBe(100)
    expect(page(99, undefined).hasNextPage()).toBe(false)
    expect(page(100, undefined).hasNextPage()).toBe(true)
  })

  it('has a next page only when this one was full', () => {
    expect(page(10, 10).hasNextPage()).toBe(true)
    expect(page(9, 10).hasNextPage()).toBe(false)
    expect(page(0, 10).hasNextPage()).toBe(false)
    expect(page(1, 1).hasNextPage()).toBe(true)
  })

  it('asks for the next page with its scrollId and the caller’s signal', async () => {
    const { first, fetchNext } = pages([2, 2, 0], 2)
    const p = await first()
    const signal = new AbortController().signal
    const next = await p.nextPage({ signal })
    expect(fetchNext).toHaveBeenCalledWith('scroll-0', { signal })
    expect(next.scrollId).toBe('scroll-1')
    expect(next.data.map((e) => e.eventId)).toEqual(['e2', 'e3'])
  })
})

describe('iteratePages', () => {
  it('yields every event across full pages and stops at an empty page', async () => {
    const { first, fetchNext } = pages([2, 2, 0], 2)
    expect(await collect(iteratePages(first))).toEqual(['e0', 'e1', 'e2', 'e3'])
    expect(first).toHaveBeenCalledTimes(1)
    expect(fetchNext.mock.calls.map(([scrollId]) => scrollId)).toEqual(['scroll-0', 'scroll-1'])
  })

  it('stops at a short page without asking for another', async () => {
    const { first, fetchNext } = pages([3, 3, 1, 5], 3)
    expect(await collect(iteratePages(first))).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6'])
    expect(fetchNext).toHaveBeenCalledTimes(2)
  })

  it('stops after a short first page', async () => {
    const { first, fetchNext } = pages([4], 100)
    expect(await collect(iteratePages(first))).toHaveLength(4)
    expect(fetchNext).not.toHaveBeenCalled()
  })

  it('stops at max in the middle of a page', async () => {
    const { first, fetchNext } = pages([3, 3, 3, 3], 3)
    expect(await collect(iteratePages(first, { max: 4 }))).toEqual(['e0', 'e1', 'e2', 'e3'])
    expect(fetchNext).toHaveBeenCalledTimes(1)
  })

  it('does not fetch the next page when max falls on a page boundary', async () => {
    const { first, fetchNext } = pages([3, 3, 3], 3)
    expect(await collect(iteratePages(first, { max: 3 }))).toEqual(['e0', 'e1', 'e2'])
    expect(fetchNext).not.toHaveBeenCalled()
  })

  it(`stops at ${DEFAULT_ITERATE_MAX} events by default`, async () => {
    const { first, fetchNext } = pages(
      Array.from({ length: 101 }, () => 100),
      100
    )
    expect(await collect(iteratePages(first))).toHaveLength(DEFAULT_ITERATE_MAX)
    expect(DEFAULT_ITERATE_MAX).toBe(10_000)
    expect(fetchNext).toHaveBeenCalledTimes(99)
  })

  it('passes the caller’s signal to every next page', async () => {
    const { first, fetchNext } = pages([1, 1, 0], 1)
    const signal = new AbortController().signal
    await collect(iteratePages(first, { signal }))
    expect(fetchNext.mock.calls.map(([, options]) => options?.signal)).toEqual([signal, signal])
  })

  it('fetches nothing until iteration starts, and no more once the consumer stops', async () => {
    const { first, fetchNext } = pages([2, 2, 2, 0], 2)
    const iterator = iteratePages(first)
    expect(first).not.toHaveBeenCalled()
    for await (const event of iterator) {
      if (event.eventId === 'e1') break
    }
    expect(first).toHaveBeenCalledTimes(1)
    expect(fetchNext).not.toHaveBeenCalled()
  })

  it('rejects with the error of a failed page', async () => {
    const { first, fetchNext } = pages([2, 2], 2)
    const failure = new Error('page 2 failed')
    fetchNext.mockRejectedValueOnce(failure)
    const seen: string[] = []
    await expect(async () => {
      for await (const event of iteratePages(first)) seen.push(event.eventId)
    }).rejects.toBe(failure)
    expect(seen).toEqual(['e0', 'e1'])
  })
})
