/**
 * The search form inside "Not this person?" (SearchForm.tsx): an id type and a value. Loaded with
 * import() when the search is first opened: most opens find their customer.
 */
import { useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'
import type { Lookup } from '../relay-client.ts'

export function SearchFields({
  t,
  onSearch,
}: {
  t: Translate
  onSearch: (lookup: Lookup) => void
}) {
  const [type, setType] = useState<Lookup['type']>('email')
  const [value, setValue] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        const trimmed = value.trim()
        if (trimmed !== '') onSearch({ type, value: trimmed })
      }}
    >
      <label>
        {t('common.search.by')}
        <select
          value={type}
          onChange={(event) => setType(event.currentTarget.value as Lookup['type'])}
        >
          <option value="email">{t('common.search.email')}</option>
          <option value="userId">{t('common.search.userId')}</option>
          <option value="id">{t('common.search.id')}</option>
          <option value="anonymousId">{t('common.search.anonymousId')}</option>
        </select>
      </label>
      <label>
        {t('common.search.value')}
        <input
          type="text"
          inputMode={type === 'email' ? 'email' : 'text'}
          autoComplete="off"
          value={value}
          required
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="ic-button">
        {t('common.search.submit')}
      </button>
    </form>
  )
}
