/** One customer: freshness, the card, the note action and the timeline. */
import { formatProfile, type TimelineKind } from '@intilery-connect/core'
import type { ComponentChildren } from 'preact'

import type { PanelFormat, Translate } from '../i18n.ts'
import { RelayCallError } from '../relay-error.ts'
import type { CustomerHook, OneCustomer } from '../use-customer.ts'
import { FAILURE_TEXT } from './Failure.tsx'
import { NoteAction, type NoteOptions } from './NoteAction.tsx'
import { ProfileCard } from './ProfileCard.tsx'
import { StatusMessage } from './StatusMessage.tsx'
import { TimelineSection } from './TimelineSection.tsx'

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
  t,
  options,
  state,
  customer,
  note,
  defaultKinds,
  search,
}: {
  t: Translate
  options: PanelFormat
  state: OneCustomer
  customer: CustomerHook
  note: NoteOptions | undefined
  defaultKinds: readonly TimelineKind[] | undefined
  /** "Not this person?", placed right under the profile header. */
  search?: ComponentChildren
}) {
  const computed =
    state.computed === 'loading' || state.computed instanceof RelayCallError
      ? undefined
      : state.computed
  const profile = formatProfile(
    computed === undefined ? state.profile : { ...state.profile, computed },
    options
  )
  const stale = state.context.stale || state.refreshFailed !== undefined
  return (
    <>
      {stale ? (
        <StatusMessage tone="warning">
          {t('common.stale.banner', { time: asOf(state.context.fetchedAt, options) })}
        </StatusMessage>
      ) : null}
      <ProfileCard profile={profile} />
      {search}
      {state.computed instanceof RelayCallError ? (
        <StatusMessage tone="warning">{t(FAILURE_TEXT[state.computed.failure])}</StatusMessage>
      ) : null}
      {note === undefined ? null : (
        <NoteAction
          t={t}
          state={state}
          locale={options.locale}
          timeZone={options.timeZone}
          options={note}
        />
      )}
      <TimelineSection
        t={t}
        options={options}
        state={state}
        customer={customer}
        defaultKinds={defaultKinds}
      />
    </>
  )
}
