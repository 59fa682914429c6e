/**
 * Traits as labelled rows: the pinned ones open under the header, every other one collapsed below
 * the timeline ("All traits (12)"), standard and computed apart. Labels are humanised by core.
 */
import type { FormattedHeader, TraitRow } from '@intilery-connect/core'

import { visibleText as v } from '../visible-text.ts'

function Rows({ title, rows }: { title: string; rows: readonly TraitRow[] }) {
  if (rows.length === 0) return null
  return (
    <section class="ic-section" aria-label={title}>
      <h3 class="ic-section-title">{title}</h3>
      <dl class="ic-rows">
        {rows.map((row) => (
          <div class="ic-row" key={row.key}>
            <dt>{v(row.label)}</dt>
            <dd title={v(row.value)}>{v(row.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

export function PinnedTraits({ pinned }: { pinned: FormattedHeader['pinned'] }) {
  return <Rows {...pinned} />
}

export function AllTraits({ more }: { more: FormattedHeader['more'] }) {
  if (more.traits.rows.length + more.computed.rows.length === 0) return null
  return (
    <details class="ic-fold ic-all-traits">
      <summary>{more.title}</summary>
      <Rows {...more.traits} />
      <Rows {...more.computed} />
    </details>
  )
}
