/**
 * "Not this person?": look a customer up by any id the Profile API takes (email, userId, Intilery id,
 * anonymousId). Sits collapsed under the profile header, and open where nobody was found. The form
 * itself (SearchFields.tsx) is loaded when the search is first opened (lazy-part.tsx).
 */
import { useEffect, useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'
import { lazyPart } from '../lazy-part.tsx'
import type { Lookup } from '../relay-client.ts'
import { partFailed } from './failure-part.tsx'

const fields = lazyPart(
  () => import('./SearchFields.tsx').then((module) => module.SearchFields),
  partFailed
)
export const preloadSearchFields = fields.preload

export function SearchForm({
  t,
  onSearch,
  open = false,
}: {
  t: Translate
  onSearch: (lookup: Lookup) => void
  open?: boolean
}) {
  // Drawn from the first opening on, and kept (what the agent typed survives closing it).
  const [opened, setOpened] = useState(open)
  useEffect(() => {
    if (open) setOpened(true)
  }, [open])
  return (
    <details
      class="ic-search"
      open={open}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true)
      }}
    >
      <summary>{t('common.search.title')}</summary>
      {opened ? <fields.Part t={t} onSearch={onSearch} /> : null}
    </details>
  )
}
