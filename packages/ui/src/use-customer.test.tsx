// @vitest-environment happy-dom
import type { CustomerContext, TimelineEntry } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Lookup, RelayClient } from './relay-client.ts'
import { RelayCallError } from './relay-error.ts'
import { mergeNewest, useCustomer, type CustomerState } from './use-customer.ts'

const profile = {
  id: 'p1',
  anonymousIds: [],
  emails: ['joe.bloggs@intilery.com'],
  name: { text: 'Joe Bloggs', source: 'name' },
  traits: {},
  computed: {},
  audiences: { dynamic: [], static: [] },
  consent: [],
  firstEvent: {},
  lastEvent: {},
} as unknown as CustomerContext['profiles'][number]

const contextWith = (ids: string[]): CustomerContext =>
  ({
    match: 'one',
    profiles: [profile],
    timeline: { entries: ids.map((id) => ({ id, at: `2026-11-22T10:00:0${id}.000Z` })) },
    fetchedAt: '2026-11-22T10:00:00.000Z',
    stale: false,
  }) as unknown as CustomerContext

function harness(client: RelayClient, options: { visible: boolean }) {
  const seen: CustomerState[] = []
  const lookup: Lookup = { type: 'email', value: 'joe.bloggs@intilery.com' }
  let api: ReturnType<typeof useCustomer> | undefined
  function Probe(props: { visible: boolean; lookup: Lookup | undefined }) {
    api = useCustomer(client, props.lookup, { liveMs: 5_000, visible: props.visible })
    seen.push(api.state)
    return null
  }
  const root = document.createElement('div')
  let current: Lookup | undefined = lookup
  /** `who`: the lookup to show from now on; null for none (a requester cleared), omitted to keep it. */
  const show = (visible: boolean, who?: Lookup | null) => {
    if (who !== undefined) current = who ?? undefined
    void act(() => render(<Probe visible={visible} lookup={current} />, root))
  }
  show(options.visible)
  return { seen, show, last: () => seen.at(-1), api: () => api }
}

/** Advances fake time and lets Preact flush the renders and effects it caused. */
const tick = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })

describe('useCustomer live refresh', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('polls while visible, adds new rows on top, and stops while hidden', async () => {
    const context = vi
      .fn<RelayClient['context']>()
      .mockResolvedValueOnce(contextWith(['1']))
      .mockResolvedValue(contextWith(['2', '1']))
    const client: RelayClient = {
      context,
      events: vi.fn(),
      filteredEvents: vi.fn(),
      computedTraits: vi.fn().mockResolvedValue({}),
    }
    const { show, last } = harness(client, { visible: true })
    await tick(0)
    expect(last()).toMatchObject({ kind: 'one' })
    await tick(5_000)
    expect(context).toHaveBeenCalledTimes(2)
    const state = last()
    expect(state?.kind === 'one' ? state.entries.map((e) => e.id) : []).toEqual(['2', '1'])
    show(false)
    await tick(30_000)
    expect(context).toHaveBeenCalledTimes(2)
    show(true)
    await tick(5_000)
    expect(context).toHaveBeenCalledTimes(3)
  })

  it('keeps what it shows when a refresh fails, and says so', async () => {
    const context = vi
      .fn<RelayClient['context']>()
      .mockResolvedValueOnce(contextWith(['1']))
      .mockRejectedValue(new RelayCallError('unavailable', 'down'))
    const { last } = harness(
      {
        context,
        events: vi.fn(),
        filteredEvents: vi.fn(),
        computedTraits: vi.fn().mockResolvedValue({}),
      },
      { visible: true }
    )
    await tick(0)
    await tick(5_000)
    expect(last()).toMatchObject({ kind: 'one', refreshFailed: { failure: 'unavailable' } })
  })

  it('adds computed traits once asked for, and keeps their failure as such', async () => {
    const context = vi.fn<RelayClient['context']>().mockResolvedValue(contextWith(['1']))
    const ok = harness(
      {
        context,
        events: vi.fn(),
        filteredEvents: vi.fn(),
        computedTraits: vi.fn().mockResolvedValue({ ltv: 42 }),
      },
      { visible: false }
    )
    await tick(0)
    expect(ok.last()).toMatchObject({ kind: 'one', computed: { ltv: 42 } })
    const failing = harness(
      {
        context,
        events: vi.fn(),
        filteredEvents: vi.fn(),
        computedTraits: vi.fn().mockRejectedValue(new RelayCallError('rate_limited', 'busy')),
      },
      { visible: false }
    )
    await tick(0)
    expect(failing.last()).toMatchObject({ kind: 'one', computed: { failure: 'rate_limited' } })
  })

  it('drops an answer for a requester who was cleared meanwhile', async () => {
    let answer: (context: CustomerContext) => void = () => undefined
    const context = vi.fn<RelayClient['context']>(
      () => new Promise<CustomerContext>((resolve) => (answer = resolve))
    )
    const { show, last } = harness(
      {
        context,
        events: vi.fn(),
        filteredEvents: vi.fn(),
        computedTraits: vi.fn().mockResolvedValue({}),
      },
      { visible: false }
    )
    show(false, null)
    await tick(0)
    answer(contextWith(['1']))
    await tick(0)
    expect(context).toHaveBeenCalledTimes(1)
    expect(last()).toEqual({ kind: 'none' })
  })

  it('keeps computed traits that arrive while a page is loading', async () => {
    let traits: (value: Record<string, number>) => void = () => undefined
    const events = vi.fn<RelayClient['events']>().mockResolvedValue({
      entries: [],
      cursor: undefined,
      fetchedAt: '2026-11-22T10:00:00.000Z',
      stale: false,
    })
    const withCursor = {
      ...contextWith(['1']),
      timeline: { ...contextWith(['1']).timeline, cursor: 'c1' },
    }
    const h = harness(
      {
        context: vi.fn<RelayClient['context']>().mockResolvedValue(withCursor),
        events,
        filteredEvents: vi.fn(),
        computedTraits: vi.fn(
          () => new Promise<Record<string, unknown>>((resolve) => (traits = resolve))
        ),
      },
      { visible: false }
    )
    await tick(0)
    void act(() => h.api()?.loadMore())
    traits({ ltv: 7 })
    await tick(0)
    expect(events).toHaveBeenCalledWith(expect.anything(), 'c1')
    expect(h.last()).toMatchObject({
      kind: 'one',
      computed: { ltv: 7 },
      more: 'idle',
      cursor: undefined,
    })
  })
})

describe('mergeNewest', () => {
  const row = (id: string, at: string) => ({ id, at }) as TimelineEntry
  const burst = (id: string, items: TimelineEntry[]) =>
    ({ id, at: items[0]?.at, burst: { count: items.length, items } }) as TimelineEntry
  const a = row('a', '2026-11-22T10:00:01.000Z')
  const b = row('b', '2026-11-22T10:00:02.000Z')
  const c = row('c', '2026-11-22T10:00:03.000Z')
  const d = row('d', '2026-11-22T10:00:04.000Z')

  it('keeps what is shown when the refresh has nothing new', () => {
    const shown = [burst('burst:c', [c, b, a])]
    expect(mergeNewest(shown, [burst('burst:c', [c, b, a])])).toBe(shown)
  })

  it('replaces a burst that gained an event instead of showing its events twice', () => {
    const merged = mergeNewest([burst('burst:c', [c, b, a])], [burst('burst:d', [d, c, b, a])])
    expect(merged.map((e) => e.id)).toEqual(['burst:d'])
  })

  it('adds rows of new events in time order, and leaves out a fresh row that only overlaps', () => {
    const merged = mergeNewest([burst('burst:c', [c, b]), a], [d, burst('burst:b', [b, a])])
    expect(merged.map((e) => e.id)).toEqual(['d', 'burst:c', 'a'])
  })
})
