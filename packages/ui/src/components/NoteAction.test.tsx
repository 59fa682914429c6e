// @vitest-environment happy-dom
// The note's summary code is loaded with import() (note-summary.ts): a click that comes before it
// has loaded still writes the note once it has, and a load that fails is told like a failed write.
import { normalizeProfile, type CustomerContext } from '@intilery-connect/core'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { OneCustomer } from '../use-customer.ts'

const profile = normalizeProfile({
  meta: {
    id: 'p1',
    identities: { email: ['joe.bloggs@intilery.com'] },
    traits: { firstName: 'Joe', lastName: 'Bloggs' },
    audiences: { dynamic: [], static: [] },
  },
} as never)
const context = {
  match: 'one',
  profiles: [profile],
  timeline: { entries: [] },
  fetchedAt: '2026-11-22T10:00:00.000Z',
  stale: false,
} as unknown as CustomerContext
const state = {
  kind: 'one',
  context,
  profile,
  entries: [],
  cursor: undefined,
  more: 'idle',
  computed: {},
} as unknown as OneCustomer

/** A fresh NoteAction module (its summary not loaded yet), rendered with `onAddNote`. */
async function show(onAddNote: (summary: string) => Promise<void>) {
  vi.resetModules()
  // The fresh modules include a fresh core, with no catalogue loaded: load English, as a host does.
  await (await import('@intilery-connect/core')).loadLocale('en')
  const { NoteAction, loadNoteSummary } = await import('./NoteAction.tsx')
  const root = document.createElement('div')
  // Rendered without running effects yet: the click below comes before the summary is asked for.
  render(
    <NoteAction t={(id) => id} state={state} locale="en" timeZone="UTC" options={{ onAddNote }} />,
    root
  )
  const button = root.querySelector<HTMLButtonElement>('button.ic-note')
  return { root, button, loadNoteSummary }
}

afterEach(() => {
  vi.doUnmock('../note-summary.ts')
  vi.resetModules()
})

describe('NoteAction before its summary code has loaded', () => {
  it('writes the note once the code has loaded', async () => {
    const onAddNote = vi.fn((_summary: string) => Promise.resolve())
    const { root, button, loadNoteSummary } = await show(onAddNote)
    await act(() => button?.click())
    await act(async () => void (await loadNoteSummary()))
    await vi.waitFor(() => expect(onAddNote).toHaveBeenCalledTimes(1))
    expect(onAddNote.mock.calls[0]?.[0]).toContain('**Intilery customer')
    await vi.waitFor(() =>
      expect(root.querySelector('button.ic-note')?.textContent).toBe('common.note.added')
    )
  })

  it('says the note could not be added when the code cannot be loaded', async () => {
    vi.doMock('../note-summary.ts', () => {
      throw new Error('chunk not loaded')
    })
    const onAddNote = vi.fn((_summary: string) => Promise.resolve())
    const { root, button } = await show(onAddNote)
    await act(() => button?.click())
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert], .ic-status')?.textContent).toContain(
        'common.error.generic'
      )
    )
    expect(onAddNote).not.toHaveBeenCalled()
  })
})
