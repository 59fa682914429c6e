/**
 * The whole sidebar or panel for one customer lookup: states, picker, profile, filters, timeline,
 * the note action. Hosts give it a relay client, who to look up, the agent's locale and theme.
 */
import {
  filterTimeline,
  formatProfile,
  formatTimeline,
  isLocaleLoaded,
  loadLocale,
  summarize,
  type MessageId,
  type TimelineKind,
} from '@intilery-connect/core'
import { useEffect, useMemo, useState } from 'preact/hooks'

import { translatorFor, type Translate } from '../i18n.ts'
import { visibleText } from '../visible-text.ts'
import type { Lookup, RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import { useCustomer } from '../use-customer.ts'
import { ProfileCard } from './ProfileCard.tsx'
import { ProfilePicker } from './ProfilePicker.tsx'
import { SearchForm } from './SearchForm.tsx'
import { Skeleton, StatusMessage } from './StatusMessage.tsx'
import { Timeline } from './Timeline.tsx'
import {
  NO_FILTER,
  rangeProblem,
  TimelineFilters,
  toTimelineFilter,
  type FilterState,
} from './TimelineFilters.tsx'

export type Theme = 'zendesk' | 'pipedrive'

/** Rows formatted for the first paint of a customer: about a sidebar's screenful. */
const FIRST_ROWS = 10

export interface CustomerPanelProps {
  readonly client: RelayClient
  readonly lookup: Lookup | undefined
  readonly locale: string
  readonly timeZone?: string | undefined
  readonly theme: Theme
  readonly dark?: boolean | undefined
  /** Timeline kinds the filter starts with (an installation setting); none means all. */
  readonly defaultKinds?: readonly TimelineKind[] | undefined
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
}

const FAILURE_TEXT: Record<RelayCallError['failure'], MessageId> = {
  not_found: 'common.error.notFound',
  rate_limited: 'common.error.rateLimited',
  unavailable: 'common.error.upstreamDown',
  misconfigured: 'common.error.misconfigured',
  bad_request: 'common.error.generic',
  malformed: 'common.error.generic',
  relay_error: 'common.error.generic',
  // Only the relay can say Intilery is down; when no relay answered, it is the relay that is.
  network: 'common.error.relayDown',
}

function asOf(iso: string, locale: string, timeZone: string | undefined): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(ms)
}

/** What an administrator must fix, when the relay says which side is set up wrongly. */
function textFor(error: RelayCallError): MessageId {
  // The host found no relay at the configured address (e.g. Zendesk's proxy could not reach it).
  if (error.details.code === 'relay_unreachable') return 'common.error.relayUnreachable'
  if (error.failure !== 'misconfigured') return FAILURE_TEXT[error.failure]
  if (error.details.code === 'unauthenticated') return 'common.error.rejectedInstallation'
  if (error.details.code === 'misconfigured') return 'common.error.upstreamCredentials'
  return FAILURE_TEXT.misconfigured
}

function Failure({ t, error, retry }: { t: Translate; error: RelayCallError; retry: () => void }) {
  // Asking the same thing again cannot help when it was refused or the setup is wrong.
  const canRetry = !['misconfigured', 'not_found', 'bad_request'].includes(error.failure)
  return (
    <StatusMessage
      tone={error.failure === 'misconfigured' ? 'warning' : 'error'}
      action={canRetry ? { label: t('common.retry'), run: retry } : undefined}
    >
      {/* A refused search says why in the relay's words (its messages never carry data). */}
      {error.failure === 'bad_request' ? visibleText(error.message) : t(textFor(error))}
    </StatusMessage>
  )
}

export function CustomerPanel(props: CustomerPanelProps) {
  const { locale, timeZone } = props
  // English is bundled; other catalogues load on first use, and the panel waits for them.
  const [ready, setReady] = useState(() => isLocaleLoaded(locale))
  useEffect(() => {
    if (isLocaleLoaded(locale)) return setReady(true)
    setReady(false)
    void loadLocale(locale).finally(() => setReady(true))
  }, [locale])
  const t = useMemo(() => translatorFor(locale, timeZone), [locale, timeZone, ready])
  const customer = useCustomer(props.client, props.lookup, {
    liveMs: props.liveMs,
    visible: props.visible,
  })
  const [filter, setFilter] = useState<FilterState>(() =>
    props.defaultKinds === undefined || props.defaultKinds.length === 0
      ? NO_FILTER
      : { ...NO_FILTER, kinds: props.defaultKinds }
  )
  const [note, setNote] = useState<'idle' | 'adding' | 'added' | { failed: unknown }>('idle')
  const { state } = customer
  // True for the first render of each customer's rows; cleared after that paint.
  const [firstRowsOnly, setFirstRowsOnly] = useState(true)
  const shownId = state.kind === 'one' ? state.profile.id : undefined
  useEffect(() => {
    if (shownId === undefined) return
    setFirstRowsOnly(true)
    const frame = requestAnimationFrame(() => setFirstRowsOnly(false))
    return () => cancelAnimationFrame(frame)
  }, [shownId])
  // The note action belongs to one customer: a new lookup starts it afresh.
  useEffect(() => setNote('idle'), [customer.lookup?.type, customer.lookup?.value])
  const themeClass = `ic-root ic-theme-${props.theme}${props.dark === true ? ' ic-dark' : ''}`

  let body
  if (!ready || state.kind === 'loading') body = <Skeleton label={t('common.loading')} />
  else if (state.kind === 'failed') {
    body =
      state.error.failure === 'not_found' && customer.lookup !== undefined ? (
        <StatusMessage tone="info">
          {visibleText(t('common.error.notFoundFor', { identity: customer.lookup.value }))}
        </StatusMessage>
      ) : (
        <Failure t={t} error={state.error} retry={customer.retry} />
      )
  } else if (state.kind === 'none')
    body = (
      <StatusMessage tone="info">
        {customer.lookup === undefined && props.noLookupText !== undefined
          ? visibleText(props.noLookupText)
          : t('common.error.notFound')}
      </StatusMessage>
    )
  else if (state.kind === 'many')
    body = <ProfilePicker t={t} profiles={state.context.profiles} onPick={customer.pick} />
  else {
    const options = { locale, timeZone }
    const computed =
      state.computed === 'loading' || state.computed instanceof RelayCallError
        ? undefined
        : state.computed
    const profile = formatProfile(
      computed === undefined ? state.profile : { ...state.profile, computed },
      options
    )
    const range = rangeProblem(filter)
    const name = filter.eventName.trim().toLowerCase()
    const kept = filterTimeline(
      state.entries,
      toTimelineFilter(range ? { ...filter, from: '', to: '' } : filter)
    )
    // The first paint formats and renders the rows that fit on screen; the rest follow a frame
    // later (see firstRowsOnly), so the customer appears sooner.
    const entries = formatTimeline(
      firstRowsOnly && name === '' ? kept.slice(0, FIRST_ROWS) : kept,
      options
    ).filter((entry) => name === '' || entry.title.toLowerCase().includes(name))
    const stale = state.context.stale || state.refreshFailed !== undefined
    body = (
      <>
        {stale ? (
          <StatusMessage tone="warning">
            {t('common.stale.banner', { time: asOf(state.context.fetchedAt, locale, timeZone) })}
          </StatusMessage>
        ) : null}
        <ProfileCard profile={profile} />
        {state.computed instanceof RelayCallError ? (
          <StatusMessage tone="warning">{t(FAILURE_TEXT[state.computed.failure])}</StatusMessage>
        ) : null}
        {props.onAddNote === undefined ? null : (
          <button
            type="button"
            class="ic-button ic-note"
            disabled={note === 'adding' || note === 'added'}
            onClick={() => {
              const onAddNote = props.onAddNote
              if (onAddNote === undefined) return
              setNote('adding')
              const summary = summarize(
                { ...state.context, profiles: [state.profile] },
                { locale, timeZone, format: props.noteFormat ?? 'markdown' }
              )
              onAddNote(summary).then(
                () => setNote('added'),
                (error: unknown) => setNote({ failed: error })
              )
            }}
          >
            {note === 'added'
              ? (props.noteLabels?.added ?? t('common.note.added'))
              : (props.noteLabels?.add ?? t('common.note.add'))}
          </button>
        )}
        {typeof note === 'object' ? (
          <StatusMessage tone="error">
            {/* The relay says what went wrong in words that never carry data. */}
            {note.failed instanceof RelayCallError
              ? `${t('common.error.generic')} ${visibleText(note.failed.message)}`
              : t('common.error.generic')}
          </StatusMessage>
        ) : null}
        <h3 class="ic-section-title">{t('common.timeline.title')}</h3>
        <TimelineFilters t={t} state={filter} onChange={setFilter} />
        {range ? <StatusMessage tone="warning">{t('common.filter.badRange')}</StatusMessage> : null}
        <Timeline
          t={t}
          entries={entries}
          emptyText={filter === NO_FILTER ? t('common.empty.timeline') : t('common.empty.filtered')}
          loadMore={
            state.cursor === undefined
              ? undefined
              : { run: customer.loadMore, busy: state.more === 'loading' }
          }
        />
        {typeof state.more === 'object' ? (
          <Failure t={t} error={state.more} retry={customer.loadMore} />
        ) : null}
      </>
    )
  }

  return (
    <main class={themeClass} lang={locale}>
      {/* The iframe is its own document: one main landmark, one top heading (the product). */}
      <h1 class="ic-visually-hidden">Intilery</h1>
      {customer.moved && ready ? (
        <button type="button" class="ic-link ic-back" onClick={customer.back}>
          {t('common.search.back')}
        </button>
      ) : null}
      {body}
      {ready ? (
        <SearchForm
          t={t}
          onSearch={customer.search}
          open={
            (state.kind === 'failed' && state.error.failure === 'not_found') ||
            (state.kind === 'none' &&
              customer.lookup === undefined &&
              props.noLookupText !== undefined)
          }
        />
      ) : null}
    </main>
  )
}
