import type { ProfileEvent } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { RelayError } from '../platform/errors.ts'
import { afterCursor, cursorQuery, nextCursor, readCursor } from './timeline-cursor.ts'
import { timelinePage } from './timeline-page.ts'
import type { UpstreamReads } from '../ports.ts'
import { freshRead } from '../upstream/testing/fresh-read.ts'

const event = (id: string, at: string): ProfileEvent => ({
  eventId: id,
  eventTime: at,
  eventAction: 'x',
  rawData: {},
})

describe('timeline cursor', () => {
  it('points just past the oldest event shown and remembers what was shown at that millisecond', () => {
    const page = [
      event('a', '2026-11-22T10:00:02.000Z'),
      event('b', '2026-11-22T10:00:01.000Z'),
      event('c', '2026-11-22T10:00:01.000Z'),
    ]
    const cursor = readCursor(nextCursor(page, true, { include: ['email_opened'] }) ?? '')
    expect(cursor).toEqual({
      v: 1,
      end: '2026-11-22T10:00:01.001Z',
      skip: ['b', 'c'],
      include: ['email_opened'],
    })
    expect(cursorQuery(cursor, 50)).toMatchObject({
      end: '2026-11-22T10:00:01.001Z',
      include: ['email_opened'],
      limit: 50,
    })
    // The next page starts with the same millisecond: the events already shown are dropped.
    const next = [
      event('c', '2026-11-22T10:00:01.000Z'),
      event('d', '2026-11-22T10:00:01.000Z'),
      event('e', '2026-11-22T09:00:00.000Z'),
    ]
    expect(afterCursor(next, cursor).map((e) => e.eventId)).toEqual(['d', 'e'])
  })

  it('carries a filter’s end: the next page stays before it and keeps the rest of the filter', () => {
    const page = [event('a', '2026-06-10T10:00:00.000Z'), event('b', '2026-06-09T10:00:00.000Z')]
    const filter = {
      include: ['order_completed'],
      start: '2026-06-01T00:00:00.000Z',
      end: '2026-07-01T00:00:00.000Z',
    }
    const cursor = readCursor(nextCursor(page, true, filter) ?? '')
    expect(cursorQuery(cursor, 50)).toEqual({
      include: ['order_completed'],
      exclude: undefined,
      start: '2026-06-01T00:00:00.000Z',
      end: '2026-06-09T10:00:00.001Z',
      limit: 50,
    })
    // An upstream answer that strays past the filter's end never moves the window later.
    const stray = [event('z', '2026-08-01T00:00:00.000Z')]
    expect(readCursor(nextCursor(stray, true, filter) ?? '').end).toBe('2026-07-01T00:00:00.000Z')
    const asDate = { end: new Date('2026-07-01T00:00:00.000Z') }
    expect(readCursor(nextCursor(stray, true, asDate) ?? '').end).toBe('2026-07-01T00:00:00.000Z')
  })

  it('has no next cursor after the last page', () => {
    expect(nextCursor([event('a', '2026-11-22T10:00:00Z')], false, {})).toBeUndefined()
    expect(nextCursor([], true, {})).toBeUndefined()
  })

  it.each([
    '',
    'garbage',
    Buffer.from('{"v":2,"end":"x","skip":[]}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('refuses %j as bad_request', (text) => {
    expect(() => readCursor(text)).toThrow(RelayError)
  })

  it('steps past a full page of events at one millisecond instead of asking for it again', async () => {
    const sameMs = Array.from({ length: 3 }, (_, i) => event(`s${i}`, '2026-11-22T10:00:00.000Z'))
    const reads: unknown[] = []
    const guarded = (value: unknown) => freshRead(value)
    const upstream = {
      firstEventsPage: (_ref: unknown, query: unknown) => {
        reads.push(query)
        return Promise.resolve(guarded({ data: sameMs, scrollId: 's', hasMore: true }))
      },
    } as unknown as UpstreamReads
    const ref = { type: 'userId', value: 'u' } as const
    const first = await timelinePage(upstream, ref, {}, 3)
    const second = await timelinePage(upstream, ref, { cursor: first.cursor }, 3)
    expect(second.events).toEqual([])
    const third = readCursor(second.cursor ?? '')
    expect(third.end).toBe('2026-11-22T10:00:00.000Z')
    expect(third.skip).toEqual([])
  })
})
