/**
 * "Add summary to internal note": core's summary of the shown customer, written by the host. Loaded
 * with import() together with core's summary code (CustomerView draws a disabled button in its
 * place until then): no first paint needs either, and the panel loads them once it has painted.
 */
import { summarize } from '@intilery-connect/core'
import { useEffect, useRef, useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'
import { RelayCallError } from '../relay-error.ts'
import type { OneCustomer } from '../use-customer.ts'
import { visibleText } from '../visible-text.ts'
import { StatusMessage } from './StatusMessage.tsx'

export interface NoteOptions {
  /** Receives core's summary; the host writes it (Zendesk internal note, Pipedrive note). */
  readonly onAddNote: (summary: string) => Promise<void>
  /** Markdown (Zendesk comments, the default) or plain text (Pipedrive notes). */
  readonly format?: 'markdown' | 'text' | undefined
  /** The button's words when the host's note is not an internal note; already translated. */
  readonly labels?: { readonly add: string; readonly added: string } | undefined
  /**
   * Asked first, inline, when the shown customer is not the one the host opened the panel for
   * (a two-step button: the summary goes nowhere until the agent confirms).
   */
  readonly confirm?: string | undefined
}

export function NoteAction({
  t,
  state,
  locale,
  timeZone,
  options,
}: {
  t: Translate
  state: OneCustomer
  locale: string
  timeZone: string | undefined
  options: NoteOptions
}) {
  const { confirm } = options
  const [note, setNote] = useState<'idle' | 'adding' | 'added' | { failed: unknown }>('idle')
  const [confirming, setConfirming] = useState(false)
  // The note button is disabled while the question is open: focus moves to the answer and back, so
  // a keyboard user is never left on nothing.
  const noteButton = useRef<HTMLButtonElement>(null)
  const addAnyway = useRef<HTMLButtonElement>(null)
  const asking = useRef(false)
  useEffect(() => {
    if (confirming) addAnyway.current?.focus()
    else if (asking.current) noteButton.current?.focus()
    asking.current = confirming
  }, [confirming])
  // The note action belongs to one customer: another customer starts it afresh.
  useEffect(() => {
    setNote('idle')
    setConfirming(false)
  }, [state.profile.id])
  const add = () => {
    setConfirming(false)
    setNote('adding')
    // An async function runs synchronously up to its first await: the host gets the note in the
    // click's own task (its editor takes it as the agent's action), and a throw becomes a rejection.
    const written = (async () =>
      await options.onAddNote(
        summarize(
          { ...state.context, profiles: [state.profile] },
          { locale, timeZone, format: options.format ?? 'markdown' }
        )
      ))()
    written.then(
      () => setNote('added'),
      (error: unknown) => setNote({ failed: error })
    )
  }
  return (
    <>
      <button
        ref={noteButton}
        type="button"
        class="ic-button ic-note"
        disabled={note === 'adding' || note === 'added' || confirming}
        onClick={() => (confirm === undefined ? add() : setConfirming(true))}
      >
        {note === 'added'
          ? (options.labels?.added ?? t('common.note.added'))
          : (options.labels?.add ?? t('common.note.add'))}
      </button>
      {confirming && confirm !== undefined ? (
        <div class="ic-confirm" role="group" aria-label={visibleText(confirm)}>
          <p>{visibleText(confirm)}</p>
          <button ref={addAnyway} type="button" class="ic-button ic-button-warning" onClick={add}>
            {t('common.note.confirmAdd')}
          </button>
          <button type="button" class="ic-link" onClick={() => setConfirming(false)}>
            {t('common.note.cancel')}
          </button>
        </div>
      ) : null}
      {typeof note === 'object' ? (
        <StatusMessage tone="error">
          {/* The relay says what went wrong in words that never carry data. */}
          {note.failed instanceof RelayCallError
            ? `${t('common.error.generic')} ${visibleText(note.failed.message)}`
            : t('common.error.generic')}
        </StatusMessage>
      ) : null}
    </>
  )
}
