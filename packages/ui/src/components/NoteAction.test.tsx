// @vitest-environment happy-dom
// The note action writes core's summary through the host and says so; the action (with core's
// summary code) is loaded with import() once the panel has painted: lazy-part.test.tsx covers that.
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { describe, expect, it, vi } from 'vitest'

import { joeContext, joeProfile } from '../../test/joe-context.ts'
import type { OneCustomer } from '../use-customer.ts'
import { NoteAction } from './NoteAction.tsx'

const state = {
  kind: 'one',
  context: joeContext,
  profile: joeProfile,
  entries: [],
  cursor: undefined,
  more: 'idle',
  computed: {},
} as unknown as OneCustomer

/** The note action for `state`, drawn with message ids as its words. */
function show(onAddNote: (summary: string) => Promise<void>) {
  const root = document.createElement('div')
  render(
    <NoteAction t={(id) => id} state={state} locale="en" timeZone="UTC" options={{ onAddNote }} />,
    root
  )
  const button = root.querySelector<HTMLButtonElement>('button.ic-note')
  return { root, button }
}

describe('NoteAction', () => {
  it('writes core’s summary through the host in the click’s own task, then says it is added', async () => {
    const onAddNote = vi.fn((_summary: string) => Promise.resolve())
    const { root, button } = show(onAddNote)
    button?.click()
    expect(onAddNote).toHaveBeenCalledTimes(1)
    expect(onAddNote.mock.calls[0]?.[0]).toContain('**Intilery customer')
    await vi.waitFor(() =>
      expect(root.querySelector('button.ic-note')?.textContent).toBe('common.note.added')
    )
  })

  it('says the note could not be added when the host refuses it', async () => {
    const onAddNote = vi.fn((_summary: string) => Promise.reject(new Error('no editor')))
    const { root, button } = show(onAddNote)
    await act(() => button?.click())
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert], .ic-status')?.textContent).toContain(
        'common.error.generic'
      )
    )
  })
})
