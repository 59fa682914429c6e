/**
 * The search form inside "Not this person?" (SearchForm.tsx): an id type and a value. Loaded with
 * import() when the search is first opened: most opens find their customer.
 */
import { createProfileRef, ValidationError } from '@intilery-connect/core'
import { useId, useState } from 'preact/hooks'

import type { Translate } from '../i18n.ts'
import type { Lookup } from '../relay-client.ts'

/**
 * Why `lookup` cannot be searched for, in the agent's words; undefined when it can. Checked here,
 * with the rules the relay applies, so that a mistyped value is said beside the field, keeping the
 * customer shown and what was typed, instead of replacing the panel with a failure.
 */
function problemOf(lookup: Lookup, t: Translate): string | undefined {
  try {
    createProfileRef(lookup.type, lookup.value)
    return undefined
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    return t(lookup.type === 'email' ? 'common.search.notEmail' : 'common.search.notSearchable')
  }
}

export function SearchFields({
  t,
  onSearch,
}: {
  t: Translate
  onSearch: (lookup: Lookup) => void
}) {
  const [type, setType] = useState<Lookup['type']>('email')
  const [value, setValue] = useState('')
  const [problem, setProblem] = useState<string | undefined>(undefined)
  const problemId = useId()
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        const lookup = { type, value: value.trim() }
        if (lookup.value === '') return
        const found = problemOf(lookup, t)
        setProblem(found)
        if (found === undefined) onSearch(lookup)
      }}
    >
      <label>
        {t('common.search.by')}
        <select
          value={type}
          onChange={(event) => {
            setType(event.currentTarget.value as Lookup['type'])
            setProblem(undefined)
          }}
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
          aria-invalid={problem === undefined ? undefined : 'true'}
          aria-describedby={problem === undefined ? undefined : problemId}
          onInput={(event) => {
            setValue(event.currentTarget.value)
            setProblem(undefined)
          }}
        />
      </label>
      {problem === undefined ? null : (
        <p id={problemId} class="ic-field-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="ic-button">
        {t('common.search.submit')}
      </button>
    </form>
  )
}
