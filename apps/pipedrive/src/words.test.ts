import { loadLocale, noCustomerText, type Subject } from '@intilery-connect/core'
import { beforeAll, describe, expect, it } from 'vitest'

import { wordsFor } from './words.ts'

beforeAll(() => loadLocale('en-GB'))

/** What the panel shows when the relay's subject has no lookup (core says it, as the JSON panel). */
const noLookupText = (
  resource: Subject['resource'],
  reason: NonNullable<Subject['reason']>,
  emails: string[],
  persons: Subject['persons']
) =>
  noCustomerText(
    { resource, reason, emails, ...(persons === undefined ? {} : { persons }) },
    'en-GB'
  ).line

describe('why a record shows nobody', () => {
  it('names the record’s own situation', () => {
    expect(noLookupText('deal', 'no_person', [], undefined)).toBe(
      'This deal has no contact person.'
    )
    expect(noLookupText('person', 'no_email', [], undefined)).toBe(
      'This person has no email address.'
    )
    expect(noLookupText('person', 'not_found', [], undefined)).toBe(
      'Pipedrive could not find this person.'
    )
  })

  it('lists the emails nobody in Intilery matched', () => {
    expect(
      noLookupText('person', 'no_profile', ['a@example.com', 'b@example.com'], undefined)
    ).toBe('No Intilery customer matches a@example.com, b@example.com.')
  })

  it('says when only an organization’s first people were looked at', () => {
    expect(
      noLookupText('organization', 'no_profile', ['a@example.com'], { shown: 3, more: true })
    ).toBe(
      'No Intilery customer matches a@example.com. Only the first 3 people of this organization were checked.'
    )
  })

  it('speaks the viewer’s language when core ships it, and English otherwise', () => {
    expect(wordsFor('de-AT').noteAdd).toBe('Zusammenfassung als Notiz hinzufügen')
    expect(wordsFor('pt-PT').connect).toBe('Conectar o Pipedrive')
    expect(wordsFor('zh-TW').noteAdd).toBe('Add summary as a note')
  })
})
