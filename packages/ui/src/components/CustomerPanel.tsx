/**
 * The whole sidebar or panel for one customer lookup: states, picker, profile, filters, timeline,
 * the note action. Hosts give it a relay client, who to look up, the agent's locale and theme.
 */
import { isLocaleLoaded, loadLocale, type TimelineKind } from '@intilery-connect/core'
import type { ComponentChildren } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'

import type { ChoiceMemory } from '../choice-memory.ts'
import { translatorFor } from '../i18n.ts'
import type { Lookup, RelayClient } from '../relay-client.ts'
import { lazyPart } from '../lazy-part.tsx'
import { useCustomer } from '../use-customer.ts'
import { useRememberedChoice } from '../use-remembered-choice.ts'
import { visibleText } from '../visible-text.ts'
import { CustomerView } from './CustomerView.tsx'
import { failurePart, partFailed } from './failure-part.tsx'
import { preloadSearchFields, SearchForm } from './SearchForm.tsx'
import { Skeleton, StatusMessage } from './StatusMessage.tsx'

export type Theme = 'zendesk' | 'pipedrive'

/** The picker, for a lookup that matches several customers: loaded only then (lazy-part.tsx). */
const picker = lazyPart(
  () => import('./ProfilePicker.tsx').then((module) => module.ProfilePicker),
  partFailed
)
export const preloadPicker = picker.preload
/** The line over the customer when the agent moved away or chose among several (lazy-part.tsx). */
const topLine = lazyPart(() => import('./TopLine.tsx').then((module) => module.TopLine), partFailed)
export const preloadTopLine = topLine.preload

export interface CustomerPanelProps {
  readonly client: RelayClient
  readonly lookup: Lookup | undefined
  readonly locale: string
  readonly timeZone?: string | undefined
  readonly theme: Theme
  readonly dark?: boolean | undefined
  /** Timeline kinds the filter starts with (an installation setting); none means all. */
  readonly defaultKinds?: readonly TimelineKind[] | undefined
  /**
   * Trait keys this installation's header shows, in order (Zendesk's `header_fields` setting),
   * over the tenant's presentation from the relay (core's withHeaderFields); none keeps it.
   */
  readonly headerFields?: readonly string[] | undefined
  /** Live refresh period while visible (default: none). */
  readonly liveMs?: number | undefined
  readonly visible?: boolean | undefined
  /** Shown as "Add summary to internal note" when given; receives core's summary. */
  readonly onAddNote?: ((summary: string) => Promise<void>) | undefined
  /** The summary's format: Markdown (Zendesk comments, the default) or plain text (Pipedrive notes). */
  readonly noteFormat?: 'markdown' | 'text' | undefined
  /**
   * The note button's words when the host's note is not an internal note (Pipedrive's notes sit
   * on the person or deal); already translated by the host.
   */
  readonly noteLabels?: { readonly add: string; readonly added: string } | undefined
  /**
   * Why the host has nobody to look up (e.g. "This deal has no contact person"), already
   * translated; shown instead of the generic "No customer found", with the search opened.
   */
  readonly noLookupText?: string | undefined
  /**
   * Where the agent's choice among several matching customers is kept: the relay
   * (choice-memory.ts), for the host's installation (and record); none: the agent chooses on
   * every open.
   */
  readonly choiceMemory?: ChoiceMemory | undefined
  /**
   * Who the host opened the panel for, in the "not the requester" words: a ticket's requester
   * (the default), the user of Zendesk's user sidebar, or a record's contact (Pipedrive).
   */
  readonly subject?: 'requester' | 'user' | 'contact' | undefined
}

export function CustomerPanel(props: CustomerPanelProps) {
  const { locale, timeZone } = props
  // Catalogues load on first use (hosts start the load before their first render), and the panel
  // waits for them: until English, the fallback, is there, nothing can be said, not even "Loading".
  const [ready, setReady] = useState(() => isLocaleLoaded(locale))
  useEffect(() => {
    if (isLocaleLoaded(locale)) return setReady(true)
    setReady(false)
    void loadLocale(locale).finally(() => setReady(true))
  }, [locale])
  // What an agent's next step may draw (a search, the line over another customer), and what a
  // failed call draws (the relay or the network may fail next, and the part's code should not
  // have to come over that network then), loaded once the panel has painted (effects run after
  // it), so that they show at once.
  useEffect(() => {
    void preloadSearchFields()
    void preloadTopLine()
    void failurePart.preload()
  }, [])
  const t = useMemo(
    () => (ready ? translatorFor(locale, timeZone) : undefined),
    [locale, timeZone, ready]
  )
  const customer = useCustomer(props.client, props.lookup, {
    liveMs: props.liveMs,
    visible: props.visible,
  })
  const { state } = customer
  const choice = useRememberedChoice(customer, props.lookup, props.choiceMemory)
  const subject = props.subject ?? 'requester'
  const themeClass = `ic-root ic-theme-${props.theme}${props.dark === true ? ' ic-dark' : ''}`
  const frame = (children: ComponentChildren) => (
    <main class={themeClass} lang={locale}>
      {/* The iframe is its own document: one main landmark, one top heading (the product). */}
      <h1 class="ic-visually-hidden">Intilery</h1>
      {children}
    </main>
  )
  if (t === undefined) return frame(<Skeleton />)

  // "Not this person?" sits with the header; where nobody was found it opens by itself.
  const search = (
    <SearchForm
      t={t}
      onSearch={customer.search}
      open={
        (state.kind === 'failed' && state.error.failure === 'not_found') ||
        (state.kind === 'none' && customer.lookup === undefined && props.noLookupText !== undefined)
      }
    />
  )

  let body
  if (state.kind === 'loading' || choice.restoring) body = <Skeleton label={t('common.loading')} />
  else if (state.kind === 'failed') {
    body = (
      <>
        {state.error.failure === 'not_found' && customer.lookup !== undefined ? (
          <StatusMessage tone="info">
            {visibleText(t('common.error.notFoundFor', { identity: customer.lookup.value }))}
          </StatusMessage>
        ) : (
          <failurePart.Part t={t} error={state.error} retry={customer.retry} />
        )}
        {search}
      </>
    )
  } else if (state.kind === 'none')
    body = (
      <>
        <StatusMessage tone="info">
          {customer.lookup === undefined && props.noLookupText !== undefined
            ? visibleText(props.noLookupText)
            : t('common.error.notFound')}
        </StatusMessage>
        {search}
      </>
    )
  else if (state.kind === 'many')
    body = (
      <>
        <picker.Part
          client={props.client}
          t={t}
          locale={locale}
          timeZone={timeZone}
          profiles={state.context.profiles}
          audienceNames={state.context.display?.presentation.audienceNames}
          onPick={choice.pick}
          fallback={<Skeleton label={t('common.loading')} />}
        />
        {search}
      </>
    )
  else
    body = (
      <CustomerView
        client={props.client}
        t={t}
        options={{ locale, timeZone }}
        state={state}
        customer={customer}
        defaultKinds={props.defaultKinds}
        headerFields={props.headerFields}
        search={search}
        note={
          props.onAddNote === undefined
            ? undefined
            : {
                onAddNote: props.onAddNote,
                format: props.noteFormat,
                labels: props.noteLabels,
                confirm: choice.notRequester
                  ? t('common.note.confirm', { subject, name: state.profile.name.text })
                  : undefined,
              }
        }
      />
    )

  // Where the shown customer stands, when it is not simply the host's (TopLine.tsx, loaded then).
  const top =
    (state.kind === 'one' && choice.notRequester) ||
    choice.chosen !== undefined ||
    choice.forgetFailed !== undefined ||
    (customer.moved && !choice.choosing) ? (
      <topLine.Part t={t} state={state} choice={choice} customer={customer} subject={subject} />
    ) : null

  return frame(
    <>
      {top}
      {body}
    </>
  )
}
