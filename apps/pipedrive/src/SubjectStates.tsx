/**
 * What the panel shows before it knows who the record is about: loading, the viewer has not
 * connected Pipedrive (or was disconnected), or the relay could not answer. Themed like the shared
 * panel, since Pipedrive shows them in the same place.
 */
import { createTranslator } from '@intilery-connect/core'
import { Skeleton, StatusMessage, type RelayCallError } from '@intilery-connect/ui'
import type { ComponentChildren } from 'preact'

import { CONNECT_URL, isNotConnected } from './panel-api.ts'
import type { Words } from './words.ts'

/** The shared panel's root classes, for states drawn outside it. */
export function PanelFrame(props: { locale: string; dark: boolean; children: ComponentChildren }) {
  return (
    <main class={`ic-root ic-theme-pipedrive${props.dark ? ' ic-dark' : ''}`} lang={props.locale}>
      <h1 class="ic-visually-hidden">Intilery</h1>
      {props.children}
    </main>
  )
}

/** Before the catalogues have loaded (`localeReady` false) there is nothing to say "Loading" with. */
export function SubjectLoading({ locale, localeReady }: { locale: string; localeReady: boolean }) {
  return <Skeleton label={localeReady ? createTranslator(locale).t('common.loading') : undefined} />
}

export function SubjectFailure(props: {
  locale: string
  words: Words
  error: RelayCallError
  retry: () => void
}) {
  const translator = createTranslator(props.locale)
  const retry = { label: translator.t('common.retry'), run: props.retry }
  if (isNotConnected(props.error)) {
    // The relay's message says which: never installed for this user, or disconnected since.
    return (
      <>
        <StatusMessage tone="warning" action={retry}>
          {props.error.message}
        </StatusMessage>
        <a class="ic-button ic-connect" href={CONNECT_URL} target="_blank" rel="noopener">
          {props.words.connect}
        </a>
      </>
    )
  }
  return (
    <StatusMessage tone="error" action={retry}>
      {/* The relay's messages say what failed and never carry data. */}
      {`${translator.t('common.error.generic')} ${props.error.message}`}
    </StatusMessage>
  )
}
