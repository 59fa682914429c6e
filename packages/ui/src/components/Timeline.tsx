/**
 * The customer's activity, newest first: day headings, rows with relative times (absolute on hover
 * and focus), collapsed bursts and campaign folds (one email's steps, listed with their times as
 * detail rows) that expand, and "load more" through the relay's cursor. Rows are
 * core's formatTimeline output, rendered as text only; a support or sales row links back to its
 * ticket, deal or person (a new tab, without the opener).
 */
import type { FormattedEntry } from '@intilery-connect/core'
import { useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'
import { visibleText as v } from '../visible-text.ts'

function EntryRow({
  entry,
  t,
  highlight = false,
}: {
  entry: FormattedEntry
  t: Translate
  highlight?: boolean
}) {
  const [open, setOpen] = useState(false)
  const fold = entry.burst?.fold === 'campaign' ? ' ic-fold' : ''
  return (
    <li
      class={`ic-entry ic-kind-${entry.kind}${fold}${highlight ? ' ic-entry-highlight' : ''}`}
      data-entry-id={entry.id}
    >
      <div class="ic-entry-head">
        <span class="ic-entry-title">{v(entry.title)}</span>
        <time dateTime={entry.at} title={entry.time} tabIndex={0} class="ic-entry-time">
          {entry.relative}
          <span class="ic-tooltip" role="tooltip">
            {entry.time}
          </span>
        </time>
      </div>
      {entry.details.length === 0 ? null : (
        <dl class="ic-entry-details">
          {entry.details.map((detail, i) => (
            <div key={`${i}:${detail.label}`}>
              <dt>{v(detail.label)}</dt>
              <dd>{v(detail.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {entry.link === undefined ? null : (
        // href is core's checked link (https, or http to this machine); the label is text.
        <a class="ic-entry-link" href={entry.link.href} target="_blank" rel="noopener noreferrer">
          {v(entry.link.label)}
        </a>
      )}
      {entry.burst === undefined ? null : (
        <>
          <button type="button" class="ic-link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open
              ? t('common.burst.collapse')
              : t('common.burst.expand', { count: entry.burst.count })}
          </button>
          {open ? (
            <ul class="ic-burst">
              {entry.burst.items.map((item) => (
                <EntryRow key={item.id} entry={item} t={t} />
              ))}
            </ul>
          ) : null}
        </>
      )}
    </li>
  )
}

/** Consecutive rows of one day share a heading. */
function byDay(entries: readonly FormattedEntry[]) {
  const days: { day: string; label: string; entries: FormattedEntry[] }[] = []
  for (const entry of entries) {
    const last = days.at(-1)
    if (last?.day === entry.day) last.entries.push(entry)
    else days.push({ day: entry.day, label: entry.dayLabel, entries: [entry] })
  }
  return days
}

export function Timeline({
  t,
  entries,
  emptyText,
  highlightId,
  loadMore,
}: {
  t: Translate
  entries: readonly FormattedEntry[]
  /** Empty while rows are on their way (the panel says so). */
  emptyText: string
  /** The row the "new rows" cue brought the agent to. */
  highlightId?: string | undefined
  /** Present when the relay has more; `busy` while a page is on its way. */
  loadMore?: { run: () => void; busy: boolean } | undefined
}) {
  return (
    <section class="ic-timeline" aria-label={t('common.timeline.title')}>
      {entries.length === 0 && emptyText !== '' ? <p class="ic-muted">{emptyText}</p> : null}
      {byDay(entries).map((day) => (
        <section key={day.day} class="ic-day" aria-label={day.label}>
          <h4 class="ic-day-label">{day.label}</h4>
          <ul class="ic-entries">
            {day.entries.map((entry) => (
              <EntryRow key={entry.id} entry={entry} t={t} highlight={entry.id === highlightId} />
            ))}
          </ul>
        </section>
      ))}
      {loadMore === undefined ? null : (
        <button
          type="button"
          class="ic-button ic-load-more"
          // aria-disabled, not disabled: the button keeps keyboard focus while the page loads.
          aria-disabled={loadMore.busy}
          aria-busy={loadMore.busy}
          onClick={loadMore.busy ? undefined : loadMore.run}
        >
          {loadMore.busy ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  )
}
