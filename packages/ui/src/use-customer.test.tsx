// @vitest-environment happy-dom
import type { CustomerContext } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Lookup, RelayClient } from './relay-client.ts'
import { RelayCallError } from './relay-error.ts'
import { useCustomer, type CustomerState } from './use-customer.ts'

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
  function Probe(props: { visible: boolean }) {
    seen.push(useCustomer(client, lookup, { liveMs: 5_000, visible: props.visible }).state)
    return null
  }
  const root = document.createElement('div')
  const show = (visible: boolean) => void act(() => render(<Probe visible={visible} />, root))
  show(options.visible)
  return { seen, show, last: () => seen.at(-1) }
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
      { context, events: vi.fn(), computedTraits: vi.fn().mockResolvedValue({}) },
      { visible: true }
    )
    await tick(0)
    await tick(5_000)
    expect(last()).toMatchObject({ kind: 'one', refreshFailed: { failure: 'unavailable' } })
  })

  it('adds computed traits once asked for, and keeps their failure as such', async () => {
    const context = vi.fn<RelayClient['context']>().mockResolvedValue(contextWith(['1']))
    const ok = harness(
      { context, events: vi.fn(), computedTraits: vi.fn().mockResolvedValue({ ltv: 42 }) },
      { visible: false }
    )
    await tick(0)
    expect(ok.last()).toMatchObject({ kind: 'one', computed: { ltv: 42 } })
    const failing = harness(
      {
        context,
        events: vi.fn(),
        computedTraits: vi.fn().mockRejectedValue(new RelayCallError('rate_limited', 'busy')),
      },
      { visible: false }
    )
    await tick(0)
    expect(failing.last()).toMatchObject({ kind: 'one', computed: { failure: 'rate_limited' } })
  })
})
