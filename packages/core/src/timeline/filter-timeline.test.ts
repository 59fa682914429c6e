// Client-side filters with the events endpoint's semantics, the server query for the same filter,
// and agreement of the two on seeded customers, using the sandbox's own event selection.
import { describe, expect, it } from 'vitest'

import { InvalidRequestError } from '../errors.ts'
import { toEventsWireQuery } from '../events-query.ts'
import type { ProfileEvent } from '../schemas/event.ts'
import { KIND_KEYS } from './classify.ts'
import {
  filterTimeline,
  needsClientFilter,
  type TimelineFilter,
  toEventsQuery,
} from './filter-timeline.ts'
import { identify, minutes, page, screen, track } from './test/events.ts'
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from './timeline-entry.ts'
import { toTimeline } from './to-timeline.ts'

const NO_BURSTS = { minBurst: Number.POSITIVE_INFINITY }

/** Event ids behind entries, bursts expanded, newest first. */
const eventIds = (entries: readonly TimelineEntry[]): string[] =>
  entries.flatMap((entry) =>
    entry.burst === undefined ? [entry.id] : entry.burst.items.map((i) => i.id)
  )

const opened = track('Email Opened', { email_subject: 's' }, 0)
const viewed = page({ path: '/pricing' }, 10)
const searched = track('Products Searched', { query: 'q' }, 20)
const shown = screen('Orders', 30)
const who = identify({ plan: 'Pro' }, 40)
const trial = track('Trial Started', { plan: 'Growth' }, 50)
const pageTrack = track('Page Viewed', { path: '/tracked' }, 60)
const ALL = [opened, viewed, searched, shown, who, trial, pageTrack]
const timeline = toTimeline(ALL, NO_BURSTS)
const kept = (filter: TimelineFilter) => eventIds(filterTimeline(timeline, filter))
const idsOf = (...events: ProfileEvent[]) => events.map((e) => e.eventId)

describe('filterTimeline', () => {
  it('keeps everything without a filter', () => {
    expect(kept({})).toEqual(eventIds(timeline))
  })

  it('matches include keys and names alike', () => {
    expect(kept({ include: ['email_opened'] })).toEqual(idsOf(opened))
    expect(kept({ include: ['Email Opened'] })).toEqual(idsOf(opened))
    expect(kept({ include: ['  EMAIL   opened '] })).toEqual(idsOf(opened))
  })

  it('matches the message type of non-track calls, and the stored key of page calls', () => {
    expect(kept({ include: ['page'] })).toEqual(idsOf(viewed))
    expect(kept({ include: ['page_viewed'] })).toEqual(idsOf(pageTrack, viewed))
    expect(kept({ include: ['screen', 'identify'] })).toEqual(idsOf(who, shown))
    expect(kept({ exclude: ['page', 'screen', 'identify'] })).toEqual(
      idsOf(pageTrack, trial, searched, opened)
    )
  })

  it('ignores blank items, and a list with none is no filter', () => {
    expect(kept({ include: ['', 'email_opened', ' ,'] })).toEqual(idsOf(opened))
    expect(kept({ include: ['', '  '] })).toEqual(eventIds(timeline))
  })

  it('applies include, exclude and kinds together', () => {
    expect(kept({ include: ['page_viewed', 'trial_started'], exclude: ['page'] })).toEqual(
      idsOf(pageTrack, trial)
    )
    expect(kept({ kinds: ['page', 'custom'] })).toEqual(idsOf(pageTrack, trial, viewed))
    expect(kept({ kinds: ['commerce'], include: ['email_opened'] })).toEqual([])
    expect(kept({ kinds: [] })).toEqual([])
  })

  it('treats start as inclusive and end as exclusive', () => {
    expect(kept({ start: minutes(20), end: minutes(40) })).toEqual(idsOf(shown, searched))
    expect(kept({ start: new Date(minutes(20)), end: new Date(minutes(20)) })).toEqual([])
    expect(kept({ start: minutes(60) })).toEqual(idsOf(pageTrack))
    expect(kept({ end: minutes(0) })).toEqual([])
    expect(kept({ end: '2026-11-20T12:10:00+00:00' })).toEqual(idsOf(opened))
    // A date-time without an offset is UTC, as on the server.
    expect(kept({ start: '2026-11-20T12:50:00' })).toEqual(idsOf(pageTrack, trial))
  })

  it('rejects what the server rejects', () => {
    expect(() => kept({ start: 'last week' })).toThrow(InvalidRequestError)
    expect(() => kept({ end: new Date(Number.NaN) })).toThrow(InvalidRequestError)
    expect(() => kept({ start: minutes(10), end: minutes(5) })).toThrow(InvalidRequestError)
  })

  it('keeps a burst whole, rebuilds one cut by the window, or unwraps a single survivor', () => {
    const views = [0, 1, 2, 3].map((m) => page({ path: `/p${m}` }, m))
    const [burst] = toTimeline(views)
    expect(burst?.burst?.count).toBe(4)
    expect(filterTimeline([burst as TimelineEntry], { kinds: ['page'] })).toEqual([burst])
    const cut = filterTimeline([burst as TimelineEntry], { start: minutes(1) })
    expect(cut).toHaveLength(1)
    expect(cut[0]?.id).toBe(`burst:${views[3]?.eventId}`)
    expect(cut[0]?.burst?.count).toBe(3)
    expect(cut[0]?.burst?.from).toBe(views[1]?.eventTime)
    expect(cut[0]?.title).toEqual({
      id: 'timeline.burst.pages',
      values: { count: 3, first: '/p1' },
    })
    const single = filterTimeline([burst as TimelineEntry], { end: minutes(1) })
    expect(single).toEqual([burst?.burst?.items[3]])
    expect(filterTimeline([burst as TimelineEntry], { kinds: ['email'] })).toEqual([])
  })
})

describe('toEventsQuery', () => {
  it('passes include, exclude and the window through, keys normalised', () => {
    const end = new Date('2027-01-01T00:00:00Z')
    const filter = { include: ['Email Opened', ''], exclude: ['page'], start: '2026-01-01', end }
    expect(toEventsQuery(filter)).toEqual({
      include: ['email_opened'],
      exclude: ['page'],
      start: '2026-01-01',
      end,
    })
    expect(needsClientFilter(filter)).toBe(false)
    expect(toEventsQuery({})).toEqual({})
  })

  it('sends known kinds as the keys that make them', () => {
    expect(toEventsQuery({ kinds: ['page', 'email'] })).toEqual({
      include: [...KIND_KEYS.page, ...KIND_KEYS.email],
    })
    expect(needsClientFilter({ kinds: ['page', 'email'] })).toBe(false)
    expect(toEventsQuery({ kinds: [...TIMELINE_KINDS] })).toEqual({})
  })

  it('sends custom as an exclude list of the kinds not wanted', () => {
    const query = toEventsQuery({ kinds: ['custom', 'page'], exclude: ['trial_started'] })
    expect(query.include).toBeUndefined()
    expect(query.exclude).toEqual([
      'trial_started',
      ...KIND_KEYS.email,
      ...KIND_KEYS.screen,
      ...KIND_KEYS.identify,
      ...KIND_KEYS.commerce,
      ...KIND_KEYS.form,
      ...KIND_KEYS.support,
      ...KIND_KEYS.sales,
      ...KIND_KEYS.session,
    ])
  })

  it('sends support and sales as the written-back events’ keys', () => {
    expect(toEventsQuery({ kinds: ['support'] })).toEqual({
      include: ['ticket_created', 'ticket_solved', 'ticket_reopened', 'ticket_rated'],
    })
    expect(toEventsQuery({ kinds: ['sales'], start: '2026-01-01T00:00:00Z' })).toEqual({
      include: ['deal_created', 'deal_stage_changed', 'deal_won', 'deal_lost', 'person_created'],
      start: '2026-01-01T00:00:00Z',
    })
    expect(needsClientFilter({ kinds: ['support', 'sales'] })).toBe(false)
  })

  it('narrows an include list to the keys of the wanted kinds', () => {
    expect(
      toEventsQuery({
        kinds: ['email', 'custom'],
        include: ['email_opened', 'page', 'Trial Started'],
      })
    ).toEqual({
      include: ['email_opened', 'trial_started'],
    })
  })

  it('asks for a superset, and says so, when the server cannot express the filter', () => {
    expect(needsClientFilter({ kinds: [] })).toBe(true)
    expect(toEventsQuery({ kinds: [] })).toEqual({})
    const disjoint = { kinds: ['commerce'] as TimelineKind[], include: ['email_opened'] }
    expect(needsClientFilter(disjoint)).toBe(true)
    expect(toEventsQuery(disjoint)).toEqual({ include: ['email_opened'] })
    const long = {
      kinds: ['custom'] as TimelineKind[],
      exclude: Array.from({ length: 30 }, (_, i) => `e${i}`),
    }
    expect(needsClientFilter(long)).toBe(true)
    expect(toEventsQuery(long).exclude).toHaveLength(30)
  })

  it('always produces a query the endpoint accepts', () => {
    const filter = { kinds: ['custom'] as TimelineKind[], include: ['a,b', 'Trial Started'] }
    expect(() => toEventsWireQuery(toEventsQuery(filter))).not.toThrow()
  })
})
