/**
 * The timeline's filter bar: kinds, an event name, a date range. The panel asks the relay for what
 * they select (timeline-filter-plan.ts), not only the rows already loaded. The bar is closed behind
 * a one-line "Filters" button (with how many are on) so the first activity row stays on screen in a
 * 320 px sidebar; it is open from the start when the installation names default kinds.
 */
import { TIMELINE_KINDS, type TimelineFilter, type TimelineKind } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'

const KIND_LABEL = {
  email: 'common.kind.email',
  page: 'common.kind.page',
  screen: 'common.kind.screen',
  identify: 'common.kind.identify',
  commerce: 'common.kind.commerce',
  form: 'common.kind.form',
  session: 'common.kind.session',
  custom: 'common.kind.custom',
} as const satisfies Record<TimelineKind, string>

/** What the agent set; empty strings mean "no limit". */
export interface FilterState {
  readonly kinds: readonly TimelineKind[]
  readonly eventName: string
  /** `YYYY-MM-DD` from a date input. */
  readonly from: string
  readonly to: string
}

export const NO_FILTER: FilterState = { kinds: [], eventName: '', from: '', to: '' }

/** How many filters are on: each kind chosen, the event name, the date range. */
export function activeFilters(state: FilterState): number {
  return (
    state.kinds.length +
    (state.eventName.trim() === '' ? 0 : 1) +
    (state.from === '' && state.to === '' ? 0 : 1)
  )
}

/** The button that opens and closes the bar (a disclosure: aria-expanded, aria-controls). */
export function FilterToggle({
  t,
  state,
  open,
  controls,
  onToggle,
}: {
  t: Translate
  state: FilterState
  open: boolean
  /** The bar's id, while it is shown. */
  controls: string
  onToggle: () => void
}) {
  const count = activeFilters(state)
  return (
    <button
      type="button"
      class={count === 0 ? 'ic-chip ic-filter-toggle' : 'ic-chip ic-filter-toggle ic-filter-on'}
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
    >
      {t('common.filter.toggle', { count })}
    </button>
  )
}

/** True when From is after To: the range is not applied, and the panel says so. */
export function rangeProblem(state: FilterState): boolean {
  return state.from !== '' && state.to !== '' && state.from > state.to
}

/**
 * The core filter for kinds and dates (`to` includes its whole day, so `end`, exclusive, is the next
 * midnight UTC). The event name is planned apart (timeline-filter-plan.ts): it becomes event keys.
 */
export function toTimelineFilter(state: FilterState): TimelineFilter {
  const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
  return {
    kinds: state.kinds.length === 0 ? undefined : state.kinds,
    start: state.from === '' ? undefined : new Date(`${state.from}T00:00:00Z`),
    end: state.to === '' ? undefined : endOfDay(state.to),
  }
}

/** One labelled text or date input of the filter bar. */
function Field(props: {
  label: string
  type: 'search' | 'date'
  value: string
  set: (value: string) => void
}) {
  const common = {
    value: props.value,
    onInput: (event: { currentTarget: HTMLInputElement }) => props.set(event.currentTarget.value),
  }
  return (
    <label class="ic-field">
      {props.label}
      {/* Preact types each input type apart, so the two are spelled out. */}
      {props.type === 'date' ? (
        <input type="date" {...common} />
      ) : (
        <input type="search" {...common} />
      )}
    </label>
  )
}

export function TimelineFilters({
  t,
  id,
  state,
  onChange,
}: {
  t: Translate
  /** For the toggle's aria-controls. */
  id: string
  state: FilterState
  onChange: (next: FilterState) => void
}) {
  const toggle = (kind: TimelineKind) =>
    onChange({
      ...state,
      kinds: state.kinds.includes(kind)
        ? state.kinds.filter((k) => k !== kind)
        : [...state.kinds, kind],
    })
  const active = state !== NO_FILTER && JSON.stringify(state) !== JSON.stringify(NO_FILTER)
  return (
    <fieldset class="ic-filters" id={id}>
      <legend class="ic-visually-hidden">{t('common.timeline.title')}</legend>
      <div class="ic-chips" role="group" aria-label={t('common.timeline.title')}>
        {TIMELINE_KINDS.map((kind) => (
          <button
            type="button"
            key={kind}
            class="ic-chip"
            aria-pressed={state.kinds.includes(kind)}
            onClick={() => toggle(kind)}
          >
            {t(KIND_LABEL[kind])}
          </button>
        ))}
      </div>
      <Field
        label={t('common.filter.eventName')}
        type="search"
        value={state.eventName}
        set={(eventName) => onChange({ ...state, eventName })}
      />
      <div class="ic-range">
        <Field
          label={t('common.filter.from')}
          type="date"
          value={state.from}
          set={(from) => onChange({ ...state, from })}
        />
        <Field
          label={t('common.filter.to')}
          type="date"
          value={state.to}
          set={(to) => onChange({ ...state, to })}
        />
      </div>
      {active ? (
        <button type="button" class="ic-link" onClick={() => onChange(NO_FILTER)}>
          {t('common.filter.clear')}
        </button>
      ) : null}
    </fieldset>
  )
}
