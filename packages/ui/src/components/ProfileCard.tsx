/**
 * The customer at a glance, sized to leave the timeline on screen in a 320 px sidebar: name (and
 * the link to their record in Intilery), primary email, customer since and last active, the
 * tenant's key facts, audience and consent chips, recent orders, then identities collapsed and
 * any pinned traits. Everything shown is text from core's formatHeader; nothing is parsed as markup.
 */
import type { FormattedHeader } from '@intilery-connect/core'
import type { ComponentChildren } from 'preact'

import type { Translate } from '../i18n.ts'
import { visibleText as v } from '../visible-text.ts'
import { Identities } from './Identities.tsx'
import { PinnedTraits } from './TraitRows.tsx'

/** Consent as two chips, subscribed and not, so five channels take one line, not two. */
function consentChips(rows: FormattedHeader['consent']['rows']) {
  return [true, false].flatMap((subscribed) => {
    const mine = rows.filter((row) => row.subscribed === subscribed)
    const [first] = mine
    if (first === undefined) return []
    return (
      <li class={subscribed ? 'ic-tag ic-tag-yes' : 'ic-tag ic-tag-no'} key={String(subscribed)}>
        <span aria-hidden="true">{subscribed ? '✓ ' : '✕ '}</span>
        <span class="ic-visually-hidden">{first.status}: </span>
        {v(mine.map((row) => row.label).join(', '))}
      </li>
    )
  })
}

function Chips({ header }: { header: FormattedHeader }) {
  const { audiences, consent } = header
  if (audiences.chips.length + consent.rows.length === 0) return null
  return (
    <ul class="ic-tags ic-chip-rows" aria-label={`${audiences.title}, ${consent.title}`}>
      {audiences.chips.map((chip, i) => (
        <li class="ic-tag" key={`${i}:${chip.id}`} title={audiences.title}>
          {v(chip.name)}
        </li>
      ))}
      {consentChips(consent.rows)}
    </ul>
  )
}

export function ProfileCard({
  t,
  header,
  orders,
  recordUrl,
}: {
  t: Translate
  header: FormattedHeader
  /** The recent orders (HeaderOrders.tsx, or RecentOrders.tsx directly), under the chips. */
  orders?: ComponentChildren
  /** The customer's record in Intilery; no link without it. */
  recordUrl?: string | undefined
}) {
  const { facts } = header
  return (
    <article class="ic-card ic-header" aria-label={v(header.name)}>
      <header class="ic-head">
        <h2 class="ic-name">{v(header.name)}</h2>
        {recordUrl === undefined ? null : (
          <a class="ic-record-link" href={recordUrl} target="_blank" rel="noopener noreferrer">
            {t('profile.openInIntilery')}
          </a>
        )}
      </header>
      {header.nameHint === undefined ? null : <p class="ic-muted ic-small">{header.nameHint}</p>}
      {header.email === undefined ? null : <p class="ic-email">{v(header.email)}</p>}
      {header.since === undefined && header.active === undefined ? null : (
        <p class="ic-muted ic-small ic-since">
          {header.since === undefined ? null : <span>{header.since}</span>}
          {header.active === undefined ? null : (
            <span title={header.active.time}>{header.active.text}</span>
          )}
        </p>
      )}
      {facts.rows.length === 0 ? null : (
        <dl class="ic-facts" aria-label={facts.title}>
          {facts.rows.map((fact) => (
            <div key={fact.key}>
              <dt>{v(fact.label)}</dt>
              <dd title={v(fact.value)}>{v(fact.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <Chips header={header} />
      {orders}
      <Identities t={t} identities={header.identities} />
      <PinnedTraits pinned={header.pinned} />
    </article>
  )
}
