/** One customer: freshness, the card, the note action and the timeline. */
import type { TimelineKind } from '@intilery-connect/core'
import type { ComponentChildren } from 'preact'

import type { PanelFormat, Translate } from '../i18n.ts'
import type { RelayClient } from '../relay-client.ts'
import { RelayCallError } from '../relay-error.ts'
import type { CustomerHook, OneCustomer } from '../use-customer.ts'
import { useHeader } from '../use-header.ts'
import { lazyPart } from '../lazy-part.tsx'
import { FAILURE_TEXT, partFailed } from './failure-part.tsx'
import type { NoteOptions } from './NoteAction.tsx'
import { ProfileCard } from './ProfileCard.tsx'
import { StatusMessage } from './StatusMessage.tsx'
import { TimelineSection } from './TimelineSection.tsx'
import { AllTraits } from './TraitRows.tsx'

/** The recent orders, worked out and drawn once the header has painted (lazy-part.tsx). */
const headerOrders = lazyPart(
  () => import('./HeaderOrders.tsx').then((module) => module.HeaderOrders),
  partFailed
)

/** The note action and core's summary code, loaded once the panel has painted (lazy-part.tsx). */
const noteAction = lazyPart(
  () => import('./NoteAction.tsx').then((module) => module.NoteAction),
  partFailed
)
export const preloadNoteAction = noteAction.preload

/** The note button as it first paints: in place, disabled until its code is there. */
function NotePlaceholder({ t, note }: { t: Translate; note: NoteOptions }) {
  return (
    <button type="button" class="ic-button ic-note" disabled>
      {note.labels?.add ?? t('common.note.add')}
    </button>
  )
}

function asOf(iso: string, options: PanelFormat): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(ms)
}

export function CustomerView({
  client,
  t,
  options,
  state,
  customer,
  note,
  defaultKinds,
  headerFields,
  search,
}: {
  /** For the header's own reads (recent orders). */
  client: RelayClient
  t: Translate
  options: PanelFormat
  state: OneCustomer
  customer: CustomerHook
  note: NoteOptions | undefined
  defaultKinds: readonly TimelineKind[] | undefined
  /** The installation's header trait keys, put over the tenant's presentation by useHeader. */
  headerFields?: readonly string[] | undefined
  /** "Not this person?", placed right under the profile header. */
  search?: ComponentChildren
}) {
  const model = useHeader(client, state, options, headerFields)
  const stale = state.context.stale || state.refreshFailed !== undefined
  return (
    <>
      {stale ? (
        <StatusMessage tone="warning">
          {t('common.stale.banner', { time: asOf(state.context.fetchedAt, options) })}
        </StatusMessage>
      ) : null}
      <ProfileCard
        t={t}
        header={model.header}
        recordUrl={model.recordUrl}
        orders={
          <headerOrders.Part
            t={t}
            sources={model.orderSources}
            readFailed={model.ordersFailed}
            entries={state.entries}
            options={options}
          />
        }
      />
      {search}
      {state.computed instanceof RelayCallError ? (
        <StatusMessage tone="warning">{t(FAILURE_TEXT[state.computed.failure])}</StatusMessage>
      ) : null}
      {note === undefined ? null : (
        <noteAction.Part
          t={t}
          state={state}
          locale={options.locale}
          timeZone={options.timeZone}
          options={note}
          fallback={<NotePlaceholder t={t} note={note} />}
        />
      )}
      <TimelineSection
        t={t}
        options={options}
        state={state}
        customer={customer}
        defaultKinds={defaultKinds}
      />
      <AllTraits more={model.header.more} />
    </>
  )
}
