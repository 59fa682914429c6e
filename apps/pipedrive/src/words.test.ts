import { describe, expect, it } from 'vitest'

import { noLookupText, wordsFor } from './words.ts'

const en = wordsFor('en-GB')

describe('why a record shows nobody', () => {
  it('names the record’s own situation', () => {
    expect(noLookupText(en, 'deal', 'no_person', [], undefined)).toBe(
      'This deal has no contact person.'
    )
    expect(noLookupText(en, 'person', 'no_email', [], undefined)).toBe(
      'This person has no email address.'
    )
    expect(noLookupText(en, 'person', 'not_found', [], undefined)).toBe(
      'Pipedrive could not find this person.'
    )
  })

  it('lists the emails nobody in Intilery matched', () => {
    expect(
      noLookupText(en, 'person', 'no_profile', ['a@example.com', 'b@example.com'], undefined)
    ).toBe('No Intilery customer matches a@example.com, b@example.com.')
  })

  it('says when only an organization’s first people were looked at', () => {
    expect(
      noLookupText(en, 'organization', 'no_profile', ['a@example.com'], { shown: 3, more: true })
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
