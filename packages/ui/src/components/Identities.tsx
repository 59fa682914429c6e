/**
 * Who the customer is to each system, collapsed: ids, external id, emails, phone, anonymous ids.
 * Each value once (userId equal to the Intilery id is one row), each with a copy button. The
 * buttons' code loads once the panel has painted (lazy-part.tsx): they sit in a closed section,
 * and the sidebar's up-front script has a budget. Should it fail to load, the values stay
 * selectable text.
 */
import type { FormattedHeader } from '@intilery-connect/core'

import type { Translate } from '../i18n.ts'
import { visibleText as v } from '../visible-text.ts'
import { lazyPart } from '../lazy-part.tsx'

const copyButton = lazyPart(() => import('./CopyButton.tsx').then((module) => module.CopyButton))

export function Identities({
  t,
  identities,
}: {
  t: Translate
  identities: FormattedHeader['identities']
}) {
  if (identities.rows.length === 0) return null
  return (
    <details class="ic-fold ic-identities">
      <summary>{identities.title}</summary>
      <dl class="ic-id-rows" aria-label={identities.title}>
        {identities.rows.map((row) => (
          <div class="ic-id-row" key={row.key}>
            <dt>{row.label}</dt>
            <dd>
              <span class="ic-id-value">{v(row.value)}</span>
              {row.copy === undefined ? null : (
                <copyButton.Part t={t} value={row.copy} label={row.label} />
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
