/**
 * The timeline's filter bar: kinds, an event name, a date range. The panel asks the relay for what
 * they select (timeline-filter-plan.ts), not only the rows already loaded. The bar is closed behind
 * a one-line "Filters" button (with how many are on) so the first activity row stays on screen in a
 * 320 px sidebar; it is open from the start when the installation names default kinds. The bar is
 * loaded with import() when first opened (TimelineSection.tsx): most opens never filter.
 */
import { TIMELINE_KINDS, type TimelineKind } from '@intilery-connect/core'

import { NO_FILTER, type FilterState } from '../filter-state.ts'
import type { Translate } from '../i18n.ts'

const KIND_LABEL = {
  email: 'common.kind.email',
  page: 'common.kind.page',
  screen: 'common.kind.screen',
  identify: 'common.kind.identify',
  commerce: 'common.kind.commerce',
  form: 'common.kind.form',
  support: 'common.kind.support',
  sales: 'common.kind.sales',
  session: 'common.kind.session',
  custom: 'common.kind.custom',
} as const satisfies Record<TimelineKind, string>

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
      <legend class="ic-visually-hidden">{t('common.filter.legend')}</legend>
      <div class="ic-chips" role="group" aria-label={t('common.filter.kinds')}>
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
