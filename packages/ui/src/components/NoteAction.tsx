/** "Add summary to internal note": core's summary of the shown customer, written by the host. */
import { summarize } from '@intilery-connect/core'
import { useEffect, useState } from 'preact/hooks'

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
  const [note, setNote] = useState<'idle' | 'adding' | 'added' | { failed: unknown }>('idle')
  // The note action belongs to one customer: another customer starts it afresh.
  useEffect(() => setNote('idle'), [state.profile.id])
  return (
    <>
      <button
        type="button"
        class="ic-button ic-note"
        disabled={note === 'adding' || note === 'added'}
        onClick={() => {
          setNote('adding')
          const summary = summarize(
            { ...state.context, profiles: [state.profile] },
            { locale, timeZone, format: options.format ?? 'markdown' }
          )
          options.onAddNote(summary).then(
            () => setNote('added'),
            (error: unknown) => setNote({ failed: error })
          )
        }}
      >
        {note === 'added'
          ? (options.labels?.added ?? t('common.note.added'))
          : (options.labels?.add ?? t('common.note.add'))}
      </button>
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
