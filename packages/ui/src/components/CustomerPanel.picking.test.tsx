// @vitest-environment happy-dom
// Picking and searching: what tells two matching customers apart, the agent's choice remembered by
// the relay (and what the agent is told when it cannot be saved or forgotten), the "not the
// requester" banner with its note confirmation, and search by every id type the Profile API takes.
import type { CustomerContext, CustomerProfile } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { choiceKey, relayChoiceMemory } from '../choice-memory.ts'
import type { Lookup, RelayClient, RelaySend } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import {
  CustomerPanel,
  preloadPicker,
  preloadTopLine,
  type CustomerPanelProps,
} from './CustomerPanel.tsx'
import { preloadNoteAction } from './CustomerView.tsx'
import { failurePart } from './failure-part.tsx'

// The failure part's code, loaded before any test draws a failure (it loads lazily in the app).
beforeAll(() => failurePart.preload())

// The panel loads the note action once it has painted (CustomerView.tsx); loaded here before the
// clicks, as it is in the browser by the time an agent clicks.
// The picker's and the top line's code, loaded when first drawn (lazy-part.tsx), are loaded here
// too: these tests are about picking, the loading is lazy-part's.
beforeAll(
  async () => void (await Promise.all([preloadNoteAction(), preloadPicker(), preloadTopLine()]))
)

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

const contextOf = (
  profiles: CustomerProfile[],
  display?: CustomerContext['display'],
  choice?: string
) =>
  ({
    match: profiles.length > 1 ? 'many' : profiles.length === 1 ? 'one' : 'none',
    profiles,
    timeline: { entries: [] },
    fetchedAt: '2026-11-22T10:00:00.000Z',
    stale: false,
    display,
    ...(choice === undefined ? {} : { choice: { id: choice } }),
  }) as CustomerContext

const SAMS: Lookup = { type: 'email', value: 'sam.taylor@example.com' }
const display = {
  presentation: {
    audienceNames: { 'audience_124516e8-6023-4b3a-8779-bcccb5d10eaf': { en: 'Recent openers' } },
  },
}

/**
 * The relay, as the panel sees it: who each lookup finds, each profile's computed traits, and the
 * choices it remembers (`kept`, by requester), answered with the requester's context as the relay
 * does (a relay that answered a choice no longer among the matches is played by `kept` too).
 */
function relay(
  computed: (id: string) => Promise<CustomerProfile['computed']>,
  kept = new Map<string, string>()
) {
  const byId = new Map([sam, samantha, priya].map((p) => [p.id, p]))
  const context = vi.fn((lookup: Lookup) => {
    if (lookup.type === 'email' && lookup.value === SAMS.value)
      return Promise.resolve(contextOf([sam, samantha], display, kept.get(choiceKey(lookup))))
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

/**
 * The relay's choice routes over `kept`; `failing` makes PUT or DELETE fail as an unreachable
 * relay does.
 */
function choiceChannel(
  kept: Map<string, string>,
  failing: 'PUT' | 'DELETE' | undefined = undefined
) {
  const send = vi.fn<RelaySend>((method, _path, query, body) => {
    if (method === failing)
      return Promise.reject(new RelayCallError('network', 'No relay answered'))
    if (method === 'PUT') {
      const { lookup, id } = body as { lookup: Lookup; id: string }
      kept.set(choiceKey(lookup), id)
      return Promise.resolve({ choice: { id } })
    }
    const [type, value] = Object.entries(query)[0] ?? ['', '']
    kept.delete(choiceKey({ type, value } as Lookup))
    return Promise.resolve({ choice: null })
  })
  return { send, memory: relayChoiceMemory(send, '/zendesk/v1') }
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
    const kept = new Map<string, string>()
    const first = relay(() => Promise.resolve({}), kept)
    let el = await show({ client: first.client, choiceMemory: choiceChannel(kept).memory })
    await click(choices(el)[1])
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    expect(el.querySelector('.ic-choice')?.textContent).toContain(
      'Chosen from 2 matching customers; the choice is remembered.'
    )
    expect(kept).toEqual(new Map([['email:sam.taylor@example.com', 's2']]))
    // Their own match: no warning.
    expect(el.querySelector('.ic-moved')).toBeNull()

    // The next open of the ticket, in any browser: the relay answers the choice with the context,
    // and the panel goes straight to Samantha, the picker never drawn.
    const second = relay(() => Promise.resolve({}), kept)
    el = await show({ client: second.client, choiceMemory: choiceChannel(kept).memory })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    expect(second.context.mock.calls.map(([lookup]) => lookup)).toEqual([
      SAMS,
      { type: 'id', value: 's2' },
    ])
    expect(el.querySelector('.ic-choice')?.textContent).toContain('the choice is remembered')

    // "Change": the picker again, and the choice forgotten by the relay.
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
    expect(kept.size).toBe(0)
    el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: choiceChannel(kept).memory,
    })
    expect(choices(el)).toHaveLength(2)

    // Another pick replaces it.
    await click(choices(el)[0])
    el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: choiceChannel(kept).memory,
    })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Sam Taylor')
  })

  it('says the choice is remembered only once the relay has kept it', async () => {
    let answer: ((value: unknown) => void) | undefined
    const send: RelaySend = () =>
      new Promise((resolve) => {
        answer = resolve
      })
    const el = await show({
      client: relay(() => Promise.resolve({})).client,
      choiceMemory: relayChoiceMemory(send, '/zendesk/v1'),
    })
    await click(choices(el)[1])
    expect(el.querySelector('.ic-choice')?.textContent).toContain(
      'Chosen from 2 matching customers. Change'
    )
    await act(() => answer?.({ choice: { id: 's2' } }))
    await settle()
    expect(el.querySelector('.ic-choice')?.textContent).toContain('the choice is remembered')
  })

  it('is kept per requester: a choice for another requester does not skip this picker', async () => {
    const kept = new Map([['email:someone.else@example.com', 's2']])
    const { send, memory } = choiceChannel(kept)
    const el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: memory,
    })
    expect(choices(el)).toHaveLength(2)
    await click(choices(el)[0])
    expect(send).toHaveBeenCalledWith('PUT', '/zendesk/v1/choice', {}, { lookup: SAMS, id: 's1' })
    expect(kept.get('email:someone.else@example.com')).toBe('s2')
  })

  it('still lets the agent choose when the relay cannot save it, and says it will not be kept', async () => {
    const kept = new Map<string, string>()
    const { memory } = choiceChannel(kept, 'PUT')
    const el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: memory,
    })
    await click(choices(el)[1])
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    const line = el.querySelector('.ic-choice')
    expect(line?.textContent).toContain(
      'The choice could not be saved: you’ll be asked again next time.'
    )
    expect(line?.getAttribute('role')).toBe('alert')
    // "Change" stays the way back.
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
  })

  it('says when "Change" could not make the relay forget the choice', async () => {
    const kept = new Map([['email:sam.taylor@example.com', 's2']])
    const { memory } = choiceChannel(kept, 'DELETE')
    const el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: memory,
    })
    expect(el.querySelector('.ic-name')?.textContent).toBe('Samantha Taylor-Reid')
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
    expect(el.querySelector('[role=alert]')?.textContent).toBe(
      'The earlier choice could not be forgotten: it may be shown again next time.'
    )
  })

  it('keeps "Change" within reach when the remembered customer cannot be read', async () => {
    const kept = new Map([['email:sam.taylor@example.com', 's2']])
    const { client, context } = relay(() => Promise.resolve({}), kept)
    const failing = {
      ...client,
      context: (lookup: Lookup) =>
        lookup.type === 'id'
          ? Promise.reject(new RelayCallError('unavailable', 'Intilery is down'))
          : context(lookup),
    }
    const el = await show({ client: failing, choiceMemory: choiceChannel(kept).memory })
    expect(el.querySelector('[role=alert], [role=status]')?.textContent).toContain(
      'Intilery can’t be reached'
    )
    await click(byText(el, 'Change'))
    expect(choices(el)).toHaveLength(2)
  })

  it('forgets a remembered customer who no longer matches', async () => {
    const kept = new Map([['email:sam.taylor@example.com', 'merged-away']])
    const { send, memory } = choiceChannel(kept)
    const el = await show({
      client: relay(() => Promise.resolve({}), kept).client,
      choiceMemory: memory,
    })
    expect(choices(el)).toHaveLength(2)
    expect(send).toHaveBeenCalledWith('DELETE', '/zendesk/v1/choice', { email: SAMS.value })
    expect(kept.size).toBe(0)
  })
})

describe('someone other than the requester', () => {
  const JOE: Lookup = { type: 'userId', value: 'user-s1' }

  /** Opens "Not this person?" as the agent does; its form is drawn from then on. */
  async function openSearch(el: HTMLElement) {
    const details = el.querySelector<HTMLDetailsElement>('details.ic-search')
    if (details === null) throw new Error('no search')
    if (!details.open)
      await act(() => {
        details.open = true
        details.dispatchEvent(new Event('toggle'))
      })
    await vi.waitFor(() => expect(el.querySelector('.ic-search form')).not.toBeNull())
  }

  async function searchFor(el: HTMLElement, type: Lookup['type'], value: string) {
    await openSearch(el)
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

  it('says a mistyped email beside the field, keeping the customer shown and what was typed', async () => {
    const { client, context } = relay(() => Promise.resolve({}))
    const el = await show({ client, lookup: JOE })
    const asked = context.mock.calls.length
    await searchFor(el, 'email', 'not an email')
    expect(context.mock.calls.length).toBe(asked)
    expect(el.querySelector('.ic-name')?.textContent).toBe('Sam Taylor')
    const input = el.querySelector<HTMLInputElement>('.ic-search input')
    expect(input?.value).toBe('not an email')
    const problem = el.querySelector('.ic-search [role=alert]')
    expect(problem?.textContent).toBe('That is not an email address.')
    expect(input?.getAttribute('aria-invalid')).toBe('true')
    expect(input?.getAttribute('aria-describedby')).toBe(problem?.id)
    // Typing again clears it; a value the relay can look up is searched for.
    await searchFor(el, 'email', 'priya@example.com')
    expect(el.querySelector('.ic-search [role=alert]')).toBeNull()
    expect(context).toHaveBeenLastCalledWith({ type: 'email', value: 'priya@example.com' })
  })

  it('is found by anonymousId, one of the ids the search offers', async () => {
    const { client, context } = relay(() => Promise.resolve({}))
    const el = await show({ client, lookup: JOE })
    await openSearch(el)
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
