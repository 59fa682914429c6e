// @vitest-environment happy-dom
// Picking and searching: what tells two matching customers apart, the agent's remembered choice
// (and a browser that will not remember it), the "not the requester" banner with its note
// confirmation, and search by every id type the Profile API takes.
import type { CustomerContext, CustomerProfile } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { browserChoiceMemory, type ChoiceStorage } from '../choice-memory.ts'
import type { Lookup, RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import { CustomerPanel, type CustomerPanelProps } from './CustomerPanel.tsx'

const DAY = 24 * 60 * 60 * 1000
const profileOf = (id: string, first: string, extra: Partial<CustomerProfile> = {}) =>
  ({
    id,
    userId: `user-${id}`,
    anonymousIds: [],
    emails: ['sam.taylor@example.com'],
    name: { text: first, source: 'name' },
    traits: {},
    computed: {},
    audiences: { dynamic: [], static: [] },
    consent: [],
    firstEvent: {},
    lastEvent: {},
    ...extra,
  }) as CustomerProfile

const sam = profileOf('s1', 'Sam Taylor', {
  traits: { city: 'Manchester', country: 'United Kingdom' },
  lastActive: new Date(Date.now() - 2 * DAY).toISOString(),
  audiences: {
    dynamic: [
      { id: 'audience_cart_abandoners', name: 'Cart abandoners' },
      { id: 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf', name: '#124516e8' },
    ],
    static: [],
  },
})
const samantha = profileOf('s2', 'Samantha Taylor-Reid', { traits: { city: 'London' } })
const priya = profileOf('p1', 'Priya Patel', { emails: ['priya.patel@example.com'] })

const contextOf = (profiles: CustomerProfile[], display?: CustomerContext['display']) =>
  ({
    match: profiles.length > 1 ? 'many' : profiles.length === 1 ? 'one' : 'none',
    profiles,
    timeline: { entries: [] },
    fetchedAt: '2026-11-22T10:00:00.000Z',
    stale: false,
    display,
  }) as CustomerContext

const SAMS: Lookup = { type: 'email', value: 'sam.taylor@example.com' }
const display = {
  presentation: {
    audienceNames: { 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf': { en: 'Recent openers' } },
  },
}

/** The relay, as the panel sees it: who each lookup finds, and each profile's computed traits. */
function relay(computed: (id: string) => Promise<CustomerProfile['computed']>) {
  const byId = new Map([sam, samantha, priya].map((p) => [p.id, p]))
  const context = vi.fn((lookup: Lookup) => {
    if (lookup.type === 'email' && lookup.value === SAMS.value)
      return Promise.resolve(contextOf([sam, samantha], display))
    const found =
      lookup.type === 'id'
        ? byId.get(lookup.value)
        : [...byId.values()].find((p) => p.userId === lookup.value || p.id === lookup.value)
    return Promise.resolve(contextOf(found === undefined ? [] : [found]))
  })
  const computedTraits = vi.fn(computed)
  return {
    context,
    computedTraits,
    client: {
      context,
      events: () => Promise.reject(new Error('no more pages')),
      filteredEvents: () => Promise.reject(new Error('no filtered pages')),
      computedTraits,
    } as RelayClient,
  }
}

/** A localStorage stand-in; `broken` makes every write throw, as blocked storage does. */
function storage(broken = false): ChoiceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (broken) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      items.set(key, value)
    },
    removeItem: (key) => void items.delete(key),
  }
}

let root: HTMLElement | undefined
afterEach(() => {
  if (root !== undefined) render(null, root)
})

const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve()
  })

async function show(props: Partial<CustomerPanelProps> & { client: RelayClient }) {
  if (root !== undefined) render(null, root)
  root = document.createElement('div')
  document.body.append(root)
  const el = root
  await act(() => {
    render(<CustomerPanel lookup={SAMS} locale="en" theme="zendesk" {...props} />, el)
  })
  await settle()
  return el
}

const click = async (button: Element | null | undefined) => {
  if (!(button instanceof HTMLElement)) throw new Error('no such button')
  await act(() => button.click())
  await settle()
}
const byText = (el: ParentNode, text: string) =>
  [...el.querySelectorAll('button')].find((b) => b.textContent === text)
const choices = (el: HTMLElement) => [...el.querySelectorAll('.ic-picker-item')]

describe('the picker', () => {
  it('shows what tells the customers apart, each choice one button', async () => {
    const { client, computedTraits } = relay((id) =>
      id === 's1'
        ? Promise.resolve({ orders_count: 3 })
        : Promise.reject(new RelayCallError('unavailable', 'Intilery is down'))
    )
    const el = await show({ client })
    const [first, second] = choices(el)
    const facts = (item: Element | undefined) =>
      [...(item?.querySelectorAll('.ic-picker-fact') ?? [])].map((f) => f.textContent)
    expect(first?.tagName).toBe('BUTTON')
    expect(facts(first)).toEqual([
      'Last active 2 days ago',
      'Manchester, United Kingdom',
      '3 orders',
      // The tenant's name for an audience id wins over the id's own.
      'Audiences: Cart abandoners, Recent openers',
    ])
    // A failed read is said, not left out.
    expect(facts(second)).toEqual(['No activity yet', 'London', 'Orders could not be read'])
    expect(computedTraits).toHaveBeenCalledTimes(2)
  })
})

describe('the remembered choice', () => {
  it('shows the customer the agent chose on the next open, until they change it', async () => {
    const kept = storage()
    const memory = () => browserChoiceMemory(() => kept, 'zendesk:acme:1')
    const first = relay(() => Promise.resolve({}))
    let el = await show({ client: first.client, choiceMemory: memory() })
    await click(choices(el)[1])
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    expect(el.querySelector('.ic-choice')?.textContent).toContain(
      'Chosen from 2 matching customers; this browser remembers the choice.'
    )
    // Their own match: no warning.
    expect(el.querySelector('.ic-moved')).toBeNull()

    // The next open of the ticket: straight to Samantha, the picker never drawn.
    const second = relay(() => Promise.resolve({}))
    el = await show({ client: second.client, choiceMemory: memory() })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    expect(second.context.mock.calls.map(([lookup]) => lookup)).toEqual([
      SAMS,
      { type: 'id', value: 's2' },
    ])
    expect(el.querySelector('.ic-choice')?.textContent).toContain('remembers the choice')

    // "Change": the picker again, and the choice forgotten.
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
    expect(kept.items.size).toBe(0)
    el = await show({ client: relay(() => Promise.resolve({})).client, choiceMemory: memory() })
    expect(choices(el)).toHaveLength(2)

    // Another pick replaces it.
    await click(choices(el)[0])
    el = await show({ client: relay(() => Promise.resolve({})).client, choiceMemory: memory() })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Sam Taylor')
  })

  it('is kept per requester: another requester’s picker is not skipped', async () => {
    const kept = storage()
    const memory = browserChoiceMemory(() => kept, 'zendesk:acme:1')
    memory.set('email:someone.else@example.com', 's2')
    const el = await show({ client: relay(() => Promise.resolve({})).client, choiceMemory: memory })
    expect(choices(el)).toHaveLength(2)
  })

  it('still lets the agent choose when the browser refuses storage, and says it will not be kept', async () => {
    const memory = browserChoiceMemory(() => storage(true), 'zendesk:acme:1')
    expect(memory.available).toBe(false)
    const el = await show({ client: relay(() => Promise.resolve({})).client, choiceMemory: memory })
    await click(choices(el)[1])
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    expect(el.querySelector('.ic-choice')?.textContent).toContain(
      'This browser can’t remember the choice.'
    )
  })

  it('keeps "Change" within reach when the remembered customer cannot be read', async () => {
    const kept = storage()
    const memory = browserChoiceMemory(() => kept, 'zendesk:acme:1')
    memory.set('email:sam.taylor@example.com', 's2')
    const { client, context } = relay(() => Promise.resolve({}))
    const failing = {
      ...client,
      context: (lookup: Lookup) =>
        lookup.type === 'id'
          ? Promise.reject(new RelayCallError('unavailable', 'Intilery is down'))
          : context(lookup),
    }
    const el = await show({ client: failing, choiceMemory: memory })
    expect(el.querySelector('[role=alert], [role=status]')?.textContent).toContain(
      'Intilery can’t be reached'
    )
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
  })

  it('forgets a remembered customer who no longer matches', async () => {
    const kept = storage()
    const memory = browserChoiceMemory(() => kept, 'zendesk:acme:1')
    memory.set('email:sam.taylor@example.com', 'merged-away')
    const el = await show({ client: relay(() => Promise.resolve({})).client, choiceMemory: memory })
    expect(choices(el)).toHaveLength(2)
    expect(kept.items.size).toBe(0)
  })
})

describe('someone other than the requester', () => {
  const JOE: Lookup = { type: 'userId', value: 'user-s1' }

  async function searchFor(el: HTMLElement, type: Lookup['type'], value: string) {
    const select = el.querySelector('select')
    const input = el.querySelector<HTMLInputElement>('.ic-search input')
    if (select === null || input === null) throw new Error('no search form')
    await act(() => {
      select.value = type
      select.dispatchEvent(new Event('change', { bubbles: true }))
      input.value = value
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(() => {
      el.querySelector('.ic-search form')?.dispatchEvent(new Event('submit'))
    })
    await settle()
  }

  it('is announced at the top, and the note asks before adding their summary', async () => {
    const onAddNote = vi.fn(() => Promise.resolve())
    const el = await show({
      client: relay(() => Promise.resolve({})).client,
      lookup: JOE,
      onAddNote,
    })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Sam Taylor')
    expect(el.querySelector('.ic-moved')).toBeNull()
    // "Not this person?" sits with the header: after the name, before the note and the timeline.
    const search = el.querySelector('.ic-search')
    const follows = (a: Element | null, b: Element | null) =>
      a !== null &&
      b !== null &&
      (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) > 0
    expect(follows(el.querySelector('.ic-name'), search)).toBe(true)
    expect(follows(search, el.querySelector('button.ic-note'))).toBe(true)
    expect(search?.hasAttribute('open')).toBe(false)

    await searchFor(el, 'userId', 'user-p1')
    expect(el.querySelector('.ic-name')?.textContent).toBe('Priya Patel')
    const banner = el.querySelector('main > .ic-moved')
    expect(banner?.textContent).toContain('Showing Priya Patel, not this ticket’s requester.')
    expect(el.querySelector('main')?.firstElementChild?.nextElementSibling).toBe(banner)

    await click(el.querySelector('button.ic-note'))
    expect(onAddNote).not.toHaveBeenCalled()
    expect(el.querySelector('.ic-confirm')?.textContent).toContain(
      'Priya Patel is not this ticket’s requester. Add their summary anyway?'
    )
    expect(document.activeElement?.textContent).toBe('Add anyway')
    await click(byText(el, 'Cancel'))
    expect(el.querySelector('.ic-confirm')).toBeNull()
    expect(onAddNote).not.toHaveBeenCalled()

    await click(el.querySelector('button.ic-note'))
    await click(byText(el, 'Add anyway'))
    expect(onAddNote).toHaveBeenCalledTimes(1)
    expect(onAddNote).toHaveBeenCalledWith(expect.stringContaining('Priya Patel'))

    await click(byText(banner ?? el, 'Back to the requester'))
    expect(el.querySelector('.ic-name')?.textContent).toBe('Sam Taylor')
    expect(el.querySelector('.ic-moved')).toBeNull()
  })

  it('adds the requester’s own summary without asking', async () => {
    const onAddNote = vi.fn(() => Promise.resolve())
    const el = await show({
      client: relay(() => Promise.resolve({})).client,
      lookup: JOE,
      onAddNote,
    })
    await click(el.querySelector('button.ic-note'))
    expect(onAddNote).toHaveBeenCalledTimes(1)
    expect(el.querySelector('.ic-confirm')).toBeNull()
  })

  it('is found by anonymousId, one of the ids the search offers', async () => {
    const { client, context } = relay(() => Promise.resolve({}))
    const el = await show({ client, lookup: JOE })
    const options = [...el.querySelectorAll('.ic-search option')].map((o) => o.textContent)
    expect(options).toEqual(['Email', 'User ID', 'Intilery ID', 'Anonymous ID'])
    await searchFor(el, 'anonymousId', 'anon-42')
    expect(context).toHaveBeenLastCalledWith({ type: 'anonymousId', value: 'anon-42' })
    // Nobody has it here: said so, with the search still there and the way back.
    expect(el.querySelector('[role=status]')?.textContent).toBe('No customer found in Intilery.')
    expect(el.querySelector('details.ic-search')).not.toBeNull()
    expect(byText(el, 'Back to the requester')).toBeDefined()
  })
})
