/** The one-line "Filters (n)" button that opens and closes the timeline's filter bar. */
import type { Translate } from '../i18n.ts'
import { activeFilters, type FilterState } from '../filter-state.ts'

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
