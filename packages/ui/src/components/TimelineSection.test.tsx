// @vitest-environment happy-dom
// The timeline's filters ask the relay (first page of the filter, load more through its cursor,
// debounced typing, stale answers dropped, failures explained), and the "new rows" cue.
import {
  normalizeProfile,
  toTimeline,
  type CustomerContext,
  type ProfileEvent,
  type TimelineEntry,
  type TimelineKind,
} from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { translatorFor } from '../i18n.ts'
import type { EventsPage, RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import type { CustomerHook, OneCustomer } from '../use-customer.ts'
import type { TimelineViewport } from '../use-new-rows.ts'
import { preloadFilterBar, TimelineSection } from './TimelineSection.tsx'
import { failurePart } from './failure-part.tsx'

// The failure part's code, loaded before any test draws a failure (it loads lazily in the app).
beforeAll(() => failurePart.preload())

// The bar's code is loaded when the bar first opens (lazy-part.tsx, tested there); these tests are
// about filtering, so it is loaded before them.
beforeAll(() => preloadFilterBar())

let n = 0
function track(name: string, at: string, properties: Record<string, unknown> = {}): ProfileEvent {
  n += 1
  return {
    eventId: `e${n}`,
    eventTime: at,
    eventAction: name.toLowerCase().replace(/ /g, '_'),
    rawData: { action: 'track', event: name, properties },
  }
}

const profile = normalizeProfile({
  meta: { id: 'p1', identities: {}, traits: {}, audiences: { dynamic: [], static: [] } },
} as never)

/** Joe's loaded rows: two page-less custom events in November 2026. */
const loaded = () =>
  toTimeline([
    track('Trial Started', '2026-11-21T10:00:00.000Z'),
    track('Webinar Joined', '2026-11-20T10:00:00.000Z'),
  ])

const page = (entries: TimelineEntry[], cursor?: string): EventsPage => ({
  entries,
  cursor,
  fetchedAt: '2026-11-22T10:00:00.000Z',
  stale: false,
})

function stateWith(entries: readonly TimelineEntry[]): OneCustomer {
  return {
    kind: 'one',
    context: { match: 'one', profiles: [profile] } as unknown as CustomerContext,
    profile,
    entries,
    cursor: undefined,
    more: 'idle',
    computed: {},
  }
}

const t = translatorFor('en', 'UTC')
const options = { locale: 'en', timeZone: 'UTC' }
let root: HTMLElement
let topInView = true
const scrollTo = vi.fn<TimelineViewport['scrollTo']>()
const viewport: TimelineViewport = { topInView: () => topInView, scrollTo }

function show(
  client: RelayClient,
  entries: readonly TimelineEntry[],
  defaultKinds?: readonly TimelineKind[],
  viewer: typeof options = options
) {
  const customer = { client, loadMore: vi.fn() } as unknown as CustomerHook
  return act(() =>
    render(
      <TimelineSection
        t={viewer === options ? t : translatorFor(viewer.locale, viewer.timeZone)}
        options={viewer}
        state={stateWith(entries)}
        customer={customer}
        defaultKinds={defaultKinds}
        viewport={viewport}
      />,
      root
    )
  )
}

const settle = (ms = 0) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })

function input(label: string, value: string) {
  const field = [...root.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label))
  const element = field?.querySelector('input')
  if (element === null || element === undefined) throw new Error(`no ${label} field`)
  element.value = value
  element.dispatchEvent(new Event('input', { bubbles: true }))
}

/** The one-line "Filters" button that opens the bar (its text says how many filters are on). */
const toggle = () => {
  const found = root.querySelector<HTMLButtonElement>('.ic-filter-toggle')
  if (found === null) throw new Error('no Filters button')
  return found
}
/** Opens the filter bar, as an agent does before choosing a filter. */
const openFilters = () =>
  act(() => {
    if (toggle().getAttribute('aria-expanded') !== 'true') toggle().click()
  })

const titles = () => [...root.querySelectorAll('.ic-entry-title')].map((e) => e.textContent)
const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === text)

function fakeClient() {
  const filteredEvents = vi.fn<RelayClient['filteredEvents']>()
  const events = vi.fn<RelayClient['events']>()
  const client: RelayClient = {
    context: vi.fn<RelayClient['context']>(),
    events,
    filteredEvents,
    computedTraits: vi.fn<RelayClient['computedTraits']>(),
  }
  return { client, filteredEvents, events }
}

beforeEach(() => {
  vi.useFakeTimers()
  root = document.createElement('div')
  document.body.append(root)
  topInView = true
})
afterEach(() => {
  render(null, root)
  root.remove()
  vi.useRealTimers()
})

describe('the filter bar', () => {
  const chips = () => root.querySelectorAll('.ic-filters .ic-chip').length

  it('is one "Filters" button until the agent opens it, then kinds, event name and dates', async () => {
    const { client } = fakeClient()
    await show(client, loaded())
    expect(toggle().textContent).toBe('Filters')
    expect(toggle().getAttribute('aria-expanded')).toBe('false')
    expect(root.querySelector('.ic-filters')).toBeNull()
    expect(root.querySelectorAll('input')).toHaveLength(0)
    await act(() => toggle().click())
    expect(toggle().getAttribute('aria-expanded')).toBe('true')
    const bar = root.querySelector('.ic-filters')
    expect(bar?.id).not.toBe('')
    expect(toggle().getAttribute('aria-controls')).toBe(bar?.id)
    expect(chips()).toBe(10)
    expect([...root.querySelectorAll('label')].map((l) => l.textContent)).toEqual([
      'Event name',
      'From',
      'To',
    ])
    await act(() => toggle().click())
    expect(toggle().getAttribute('aria-expanded')).toBe('false')
    expect(root.querySelector('.ic-filters')).toBeNull()
  })

  it('says how many filters are on, and keeps them when the bar is closed', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded())
    await openFilters()
    await act(() => button('Emails')?.click())
    await act(() => button('Shopping')?.click())
    await act(() => input('From', '2026-01-01'))
    await act(() => input('To', '2026-01-31'))
    await settle()
    expect(toggle().textContent).toBe('Filters (3)')
    await act(() => toggle().click())
    expect(toggle().textContent).toBe('Filters (3)')
    expect(titles()).toEqual([])
    await act(() => toggle().click())
    await act(() => button('Clear filters')?.click())
    await settle()
    expect(toggle().textContent).toBe('Filters')
    expect(titles()).toHaveLength(2)
  })

  it('is open from the start when the installation names default kinds', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded(), ['email'])
    expect(toggle().getAttribute('aria-expanded')).toBe('true')
    expect(toggle().textContent).toBe('Filters (1)')
    expect(button('Emails')?.getAttribute('aria-pressed')).toBe('true')
  })
})

describe('timeline filters that ask the relay', () => {
  it('names the filter bar and its kinds apart from the timeline they filter', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded())
    await openFilters()
    // A screen reader hears "Activity" once, for the timeline; the filters say what they are.
    expect(root.querySelector('.ic-filters legend')?.textContent).toBe('Activity filters')
    expect(root.querySelector('.ic-chips')?.getAttribute('aria-label')).toBe('Kinds of activity')
  })

  it.each([
    ['UTC', '2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    // The agent's days in the agent's zone, as the day headings show them, not UTC's.
    ['Asia/Tokyo', '2026-05-31T15:00:00.000Z', '2026-06-30T15:00:00.000Z'],
  ])('asks for June as the days of an agent in %s', async (timeZone, start, end) => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded(), undefined, { locale: 'en', timeZone })
    await openFilters()
    await act(() => input('From', '2026-06-01'))
    await act(() => input('To', '2026-06-30'))
    await settle()
    expect(filteredEvents).toHaveBeenLastCalledWith(
      { type: 'id', value: 'p1' },
      expect.objectContaining({ start, end })
    )
  })

  it('shows a date range months back from the relay, though none of its rows is loaded', async () => {
    const { client, filteredEvents } = fakeClient()
    let answer: (p: EventsPage) => void = () => undefined
    filteredEvents.mockReturnValue(new Promise<EventsPage>((r) => (answer = r)))
    await show(client, loaded())
    await openFilters()
    await act(() => input('From', '2026-06-01'))
    await act(() => input('To', '2026-06-30'))
    await settle()
    expect(filteredEvents).toHaveBeenCalled()
    // On its way: the panel says so, and does not claim that nothing matches.
    expect(root.textContent).toContain('Loading…')
    expect(titles()).toEqual([])
    await act(async () => {
      answer(
        page(
          toTimeline([track('Order Completed', '2026-06-12T09:00:00.000Z', { order_id: 'A-1' })])
        )
      )
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(root.textContent).not.toContain('Loading…')
    expect(titles()).toHaveLength(1)
    expect(titles()[0]).toMatch(/order/i)
  })

  it('sends a typed event name as include keys, once typing pauses', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded())
    await openFilters()
    for (const text of ['O', 'Order', 'Order Completed']) await act(() => input('Event name', text))
    await settle(299)
    expect(filteredEvents).not.toHaveBeenCalled()
    await settle(1)
    expect(filteredEvents).toHaveBeenCalled()
    const [, filter] = filteredEvents.mock.calls[0] as [unknown, { include: string[] }]
    expect(filter.include).toContain('order_completed')
    expect(filter.include).not.toContain('email_opened')
  })

  it('finds an event by a piece of its displayed title, and a loaded custom event by its title', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded())
    await openFilters()
    await act(() => input('Event name', 'opened email'))
    await settle(300)
    const [, first] = filteredEvents.mock.calls[0] as [unknown, { include: string[] }]
    expect(first.include).toContain('email_opened')
    await act(() => input('Event name', 'webinar'))
    await settle(300)
    const [, second] = filteredEvents.mock.calls[1] as [unknown, { include: string[] }]
    expect(second.include).toEqual(['webinar_joined', 'webinar'])
  })

  it('drops an answer that arrives after the filter changed again', async () => {
    const { client, filteredEvents } = fakeClient()
    const answers: ((p: EventsPage) => void)[] = []
    filteredEvents.mockImplementation(() => new Promise<EventsPage>((r) => void answers.push(r)))
    await show(client, loaded())
    await openFilters()
    await act(() => button('Emails')?.click())
    await settle()
    await act(() => button('Shopping')?.click())
    await settle()
    expect(answers).toHaveLength(2)
    // The newest query answers first, then the stale one: the stale one must not replace it.
    await act(async () => {
      answers.at(-1)?.(page(toTimeline([track('Order Completed', '2026-03-01T09:00:00.000Z')])))
      await vi.advanceTimersByTimeAsync(0)
    })
    await act(async () => {
      answers[0]?.(page(toTimeline([track('Email Opened', '2026-02-01T09:00:00.000Z')])))
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(titles()).toHaveLength(1)
    expect(titles()[0]).toMatch(/order/i)
  })

  it('continues the filtered query with load more, and explains a failure with a retry', async () => {
    const { client, filteredEvents, events } = fakeClient()
    let healthy = false
    filteredEvents.mockImplementation(() =>
      healthy
        ? Promise.resolve(
            page(toTimeline([track('Order Completed', '2026-05-02T09:00:00.000Z')]), 'c-1')
          )
        : Promise.reject(new RelayCallError('rate_limited', 'busy'))
    )
    events.mockResolvedValue(
      page(toTimeline([track('Order Completed', '2026-05-01T09:00:00.000Z')]))
    )
    await show(client, loaded())
    await openFilters()
    await act(() => input('From', '2026-05-01'))
    await act(() => input('To', '2026-05-31'))
    await settle()
    const retry = root.querySelector('[role="alert"] button, .ic-status button')
    expect(retry).not.toBeNull()
    healthy = true
    await act(async () => {
      ;(retry as HTMLButtonElement).click()
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(titles()).toHaveLength(1)
    await act(async () => {
      button('Load more')?.click()
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(events).toHaveBeenCalledWith({ type: 'id', value: 'p1' }, 'c-1')
    expect(titles()).toHaveLength(2)
  })

  it('returns to the unfiltered context timeline with Clear filters', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    await show(client, loaded())
    await openFilters()
    await act(() => input('From', '2026-01-01'))
    await act(() => input('To', '2026-01-31'))
    await settle()
    expect(titles()).toEqual([])
    await act(() => button('Clear filters')?.click())
    await settle()
    expect(titles()).toHaveLength(2)
  })
})

describe('the support and sales kinds', () => {
  it('are offered as chips, and ask the relay for their events though none is loaded', async () => {
    const { client, filteredEvents } = fakeClient()
    let answer: (p: EventsPage) => void = () => undefined
    filteredEvents.mockReturnValue(new Promise<EventsPage>((r) => (answer = r)))
    await show(client, loaded())
    await openFilters()
    expect(button('Sales')).toBeDefined()
    await act(() => button('Support')?.click())
    await settle()
    expect(filteredEvents).toHaveBeenLastCalledWith(
      { type: 'id', value: 'p1' },
      expect.objectContaining({
        include: ['ticket_created', 'ticket_solved', 'ticket_reopened', 'ticket_rated'],
      })
    )
    expect(titles()).toEqual([])
    await act(async () => {
      answer(
        page(
          toTimeline([
            track('Ticket Solved', '2026-06-12T09:00:00.000Z', {
              ticket_id: '101',
              ticket_url: 'http://127.0.0.1:4101/agent/tickets/101',
            }),
          ])
        )
      )
      await vi.advanceTimersByTimeAsync(0)
    })
    expect(titles()).toEqual(['Ticket #101 solved'])
    expect(root.querySelector('.ic-entry-link')?.getAttribute('href')).toBe(
      'http://127.0.0.1:4101/agent/tickets/101'
    )
  })

  it('keeps a loaded sales row and asks for the rest of the kind', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    const won = toTimeline([
      track('Deal Won', '2026-11-22T09:00:00.000Z', { value: 12000, currency: 'EUR' }),
    ])
    await show(client, [...won, ...loaded()])
    await openFilters()
    await act(() => button('Sales')?.click())
    expect(titles()).toEqual(['Deal won: €12,000.00'])
    await settle()
    const [, filter] = filteredEvents.mock.calls[0] as [unknown, { include: string[] }]
    expect(filter.include).toEqual([
      'deal_created',
      'deal_stage_changed',
      'deal_won',
      'deal_lost',
      'person_created',
    ])
  })
})

describe('the new rows cue', () => {
  const fresh = () => toTimeline([track('Order Completed', '2026-11-22T09:00:00.000Z')])

  it('says "1 new" when a live row arrives out of sight, and brings the agent to it', async () => {
    const { client } = fakeClient()
    const first = loaded()
    await show(client, first)
    topInView = false
    const added = fresh()
    await show(client, [...added, ...first])
    const cue = button('1 new')
    expect(cue).toBeDefined()
    await act(() => cue?.click())
    const row = root.querySelector(`[data-entry-id="${added[0]?.id}"]`)
    expect(scrollTo).toHaveBeenCalledWith(row)
    expect(row?.classList.contains('ic-entry-highlight')).toBe(true)
    expect(button('1 new')).toBeUndefined()
  })

  it('counts in the plural and shows nothing while the top is in view', async () => {
    const { client } = fakeClient()
    const first = loaded()
    await show(client, first)
    const one = fresh()
    await show(client, [...one, ...first])
    expect(root.querySelector('.ic-new-rows')).toBeNull()
    topInView = false
    const two = toTimeline([
      track('Email Opened', '2026-11-22T11:00:00.000Z', { email_subject: 'A' }),
      track('Product Viewed', '2026-11-22T10:00:00.000Z', { name: 'Candle' }),
    ])
    await show(client, [...two, ...one, ...first])
    expect(button('2 new')).toBeDefined()
  })

  it('cues new rows under a filter even with the top in view, and clears the filter to show one', async () => {
    const { client, filteredEvents } = fakeClient()
    filteredEvents.mockResolvedValue(page([]))
    const first = loaded()
    await show(client, first)
    await openFilters()
    await act(() => input('From', '2026-01-01'))
    await act(() => input('To', '2026-01-31'))
    await settle()
    const added = fresh()
    await show(client, [...added, ...first])
    await act(() => button('1 new')?.click())
    expect(titles()).toHaveLength(3)
    expect(root.querySelector('.ic-entry-highlight')?.getAttribute('data-entry-id')).toBe(
      added[0]?.id
    )
  })
})
