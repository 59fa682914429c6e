// @vitest-environment happy-dom
// The words a host gives the panel: why it has nobody to look up (Pipedrive's records without a
// customer), and what its note button says (a Pipedrive note, not a Zendesk internal note).
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { joeContext } from '../../test/joe-context.ts'
import type { RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import { CustomerPanel, type CustomerPanelProps } from './CustomerPanel.tsx'
import { preloadNoteAction } from './CustomerView.tsx'

// The panel loads the note action once it has painted (CustomerView.tsx); loaded here before the
// clicks, as it is in the browser by the time an agent clicks.
beforeAll(() => preloadNoteAction())

const client: RelayClient = {
  context: () => Promise.resolve(joeContext),
  events: () => Promise.reject(new Error('no more pages')),
  filteredEvents: () => Promise.reject(new Error('no filtered pages')),
  computedTraits: () => Promise.resolve({}),
}

let root: HTMLElement
afterEach(() => render(null, root))

/** Renders the panel and lets its effects and the relay answers settle. */
async function show(props: Partial<CustomerPanelProps>) {
  root = document.createElement('div')
  await act(async () => {
    render(
      <CustomerPanel client={client} lookup={undefined} locale="en" theme="pipedrive" {...props} />,
      root
    )
    await Promise.resolve()
  })
  await act(() => Promise.resolve())
  return root
}
const status = (el: HTMLElement) => el.querySelector('[role=status]')?.textContent
const searchOpen = (el: HTMLElement) => el.querySelector('details.ic-search')?.hasAttribute('open')

describe('a host with nobody to look up', () => {
  it('says why in the host’s words and opens the search', async () => {
    const el = await show({ noLookupText: 'This deal has no contact person.' })
    expect(status(el)).toBe('This deal has no contact person.')
    expect(searchOpen(el)).toBe(true)
    // Its form, loaded when the search is first drawn open (lazy-part.tsx), is there to use.
    await vi.waitFor(() => expect(el.querySelector('.ic-search select')).not.toBeNull())
  })

  it('keeps the generic text and a closed search when the host says nothing', async () => {
    const el = await show({})
    expect(status(el)).toBe('No customer found in Intilery.')
    expect(searchOpen(el)).toBe(false)
  })
})

describe('the note button', () => {
  const lookup = { type: 'email', value: 'joe.bloggs@intilery.com' } as const
  const button = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('button.ic-note')
  const click = async (el: HTMLElement) => {
    await act(async () => {
      button(el)?.click()
      await Promise.resolve()
    })
    await act(() => Promise.resolve())
  }

  it('uses the host’s words before and after adding', async () => {
    const onAddNote = vi.fn(() => Promise.resolve())
    const noteLabels = { add: 'Add summary as a note', added: 'Summary added as a note.' }
    const el = await show({ lookup, onAddNote, noteLabels })
    expect(button(el)?.textContent).toBe('Add summary as a note')
    await click(el)
    expect(onAddNote).toHaveBeenCalledWith(expect.stringContaining('**Intilery customer'))
    expect(button(el)?.textContent).toBe('Summary added as a note.')
  })

  it('hands over plain text when the host’s notes are not Markdown', async () => {
    const onAddNote = vi.fn((_summary: string) => Promise.resolve())
    const el = await show({ lookup, onAddNote, noteFormat: 'text' })
    await click(el)
    const summary = onAddNote.mock.calls[0]?.[0] ?? ''
    expect(summary).toContain('Intilery customer')
    expect(summary).not.toContain('**')
  })

  it('shows why adding failed when the relay said so', async () => {
    const refused = new RelayCallError('misconfigured', 'Pipedrive is not connected for you.')
    const el = await show({ lookup, onAddNote: () => Promise.reject(refused) })
    expect(button(el)?.textContent).toBe('Add summary to internal note')
    await click(el)
    expect(el.querySelector('[role=alert]')?.textContent).toBe(
      'Something went wrong. Pipedrive is not connected for you.'
    )
  })
})
