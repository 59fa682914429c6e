/**
 * The custom panel on a person, deal or organization: asks the relay who the record is about, then
 * shows that customer in the shared panel (or says why there is nobody, with the search open),
 * follows Pipedrive's theme and the panel's visibility, and writes the summary as a note on the
 * record.
 */
import { isLocaleLoaded, loadLocale, noCustomerText, type Subject } from '@intilery-connect/core'
import {
  createRelayClient,
  CustomerPanel,
  RelayCallError,
  relayChoiceMemory,
} from '@intilery-connect/ui'
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks'

import { addNote, fetchSubject, PIPEDRIVE_API } from './panel-api.ts'
import type { PanelParams } from './panel-params.ts'
import type { PipedriveHost } from './pipedrive-host.ts'
import type { RelayFetch } from './relay-fetch.ts'
import { PanelFrame, SubjectFailure, SubjectLoading } from './SubjectStates.tsx'
import { wordsFor } from './words.ts'

/** Live refresh while the panel is visible, as the Zendesk sidebar does (the relay caches 5 s). */
const LIVE_MS = 5_000

export interface PipedrivePanelProps {
  readonly params: PanelParams
  readonly host: PipedriveHost
  readonly relay: RelayFetch
  readonly locale: string
  readonly timeZone?: string | undefined
}

const asCallError = (error: unknown) =>
  error instanceof RelayCallError
    ? error
    : new RelayCallError('malformed', error instanceof Error ? error.message : String(error))

function usePipedriveView(host: PipedriveHost) {
  const [dark, setDark] = useState(host.initialTheme === 'dark')
  const [expanded, setExpanded] = useState(true)
  const [pageVisible, setPageVisible] = useState(() => !document.hidden)
  useEffect(() => {
    host.onTheme((theme) => setDark(theme === 'dark'))
    host.onVisibility(setExpanded)
    const onVisibility = () => setPageVisible(!document.hidden)
    document.addEventListener('visibilitychange', onVisibility)
    return () => document.removeEventListener('visibilitychange', onVisibility)
  }, [host])
  return { dark, visible: expanded && pageVisible }
}

export function PipedrivePanel({ params, host, relay, locale, timeZone }: PipedrivePanelProps) {
  const { resource, selectedId } = params
  const words = useMemo(() => wordsFor(locale), [locale])
  const { dark, visible } = usePipedriveView(host)
  // The states drawn here and why nobody is shown use core's catalogue too; the shared panel loads
  // it for itself.
  const [localeReady, setLocaleReady] = useState(() => isLocaleLoaded(locale))
  useEffect(() => void loadLocale(locale).finally(() => setLocaleReady(true)), [locale])
  const [subject, setSubject] = useState<Subject | RelayCallError | 'loading'>('loading')
  const load = useCallback(() => {
    setSubject('loading')
    fetchSubject(relay, resource, selectedId).then(setSubject, (error: unknown) =>
      setSubject(asCallError(error))
    )
  }, [relay, resource, selectedId])
  useEffect(load, [load])
  // The rep's choice among several matching customers is kept by the relay for their company
  // (from the signed token) and this record, and comes back with the record's context.
  const record = `${resource}:${selectedId}`
  const client = useMemo(() => createRelayClient(relay.get, PIPEDRIVE_API, record), [relay, record])
  const choiceMemory = useMemo(
    () => relayChoiceMemory(relay.send, PIPEDRIVE_API, record),
    [relay, record]
  )

  // The record's states and why nobody is shown are said with core's catalogues: until they are
  // loaded (they load while the relay answers), the loading state stands.
  if (subject === 'loading' || !localeReady)
    return (
      <PanelFrame locale={locale} dark={dark}>
        <SubjectLoading locale={locale} localeReady={localeReady} />
      </PanelFrame>
    )
  if (subject instanceof RelayCallError)
    return (
      <PanelFrame locale={locale} dark={dark}>
        <SubjectFailure locale={locale} words={words} error={subject} retry={load} />
      </PanelFrame>
    )
  return (
    <CustomerPanel
      client={client}
      lookup={subject.lookup}
      locale={locale}
      timeZone={timeZone}
      theme="pipedrive"
      dark={dark}
      choiceMemory={choiceMemory}
      subject="contact"
      liveMs={LIVE_MS}
      visible={visible}
      noLookupText={subject.lookup === undefined ? noCustomerText(subject, locale).line : undefined}
      noteLabels={{ add: words.noteAdd, added: words.noteAdded }}
      // Pipedrive notes are HTML the relay escapes whole: Markdown would show as asterisks.
      noteFormat="text"
      onAddNote={async (summary) => {
        // A failure rejects, and the shared panel shows it under the button.
        await addNote(relay, resource, selectedId, summary)
        await host.snackbar(words.noteSnackbar)
      }}
    />
  )
}
