import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { loadLocale } from '../i18n/locale.ts'
import { firstPeopleRemark, noCustomerText } from './no-customer-text.ts'
import { NO_CUSTOMER_REASONS, PIPEDRIVE_RESOURCES } from './pipedrive-subject.ts'

await Promise.all(SUPPORTED_LOCALES.map((locale) => loadLocale(locale)))

const nobody = { emails: [] as readonly string[] }

describe('why a Pipedrive record shows no customer, in English', () => {
  it.each([
    ['person', 'not_found', 'Pipedrive could not find this person.'],
    ['deal', 'not_found', 'Pipedrive could not find this deal.'],
    ['organization', 'not_found', 'Pipedrive could not find this organization.'],
    ['person', 'no_person', 'Pipedrive could not find this person.'],
    ['deal', 'no_person', 'This deal has no contact person.'],
    ['organization', 'no_person', 'This organization has no people.'],
    ['person', 'no_email', 'This person has no email address.'],
    ['deal', 'no_email', 'This deal’s contact person has no email address.'],
    ['organization', 'no_email', 'None of this organization’s people has an email address.'],
  ] as const)('%s, %s: "%s"', (resource, reason, text) => {
    expect(noCustomerText({ ...nobody, resource, reason }, 'en')).toEqual({
      reason: text,
      remark: undefined,
      line: text,
    })
  })

  it('lists the emails nobody in Intilery matched, verbatim', () => {
    const emails = ['a@example.com', '<b>@example.com']
    expect(noCustomerText({ resource: 'person', emails, reason: 'no_profile' }, 'en').line).toBe(
      'No Intilery customer matches a@example.com, <b>@example.com.'
    )
  })

  it('reads a subject without a reason by its emails, and "no match" without emails as no email', () => {
    const person = { resource: 'person' } as const
    expect(noCustomerText({ ...person, emails: ['x@example.com'] }, 'en').reason).toBe(
      'No Intilery customer matches x@example.com.'
    )
    expect(noCustomerText({ ...person, emails: [] }, 'en').reason).toBe(
      'This person has no email address.'
    )
    expect(noCustomerText({ ...person, emails: [], reason: 'no_profile' }, 'en').reason).toBe(
      'This person has no email address.'
    )
  })

  it('says when only an organization’s first people were looked at, and only then', () => {
    const org = { resource: 'organization', emails: ['a@example.com'] } as const
    expect(noCustomerText({ ...org, persons: { shown: 3, more: true } }, 'en')).toEqual({
      reason: 'No Intilery customer matches a@example.com.',
      remark: 'Only the first 3 people of this organization were checked.',
      line: 'No Intilery customer matches a@example.com. Only the first 3 people of this organization were checked.',
    })
    expect(noCustomerText({ ...org, persons: { shown: 3, more: false } }, 'en').remark).toBe(
      undefined
    )
    expect(firstPeopleRemark({ persons: { shown: 1, more: true } }, 'en')).toBe(
      'Only the first person of this organization was checked.'
    )
    expect(firstPeopleRemark({}, 'en')).toBeUndefined()
  })

  it('speaks English for a locale core does not ship', () => {
    expect(noCustomerText({ ...nobody, resource: 'deal', reason: 'no_person' }, 'zh-TW').line).toBe(
      'This deal has no contact person.'
    )
  })
})

describe('why a Pipedrive record shows no customer, in every shipped locale', () => {
  it('speaks the viewer’s language', () => {
    expect(noCustomerText({ ...nobody, resource: 'deal', reason: 'no_person' }, 'de-AT').line).toBe(
      'Dieser Deal hat keine Kontaktperson.'
    )
    expect(
      noCustomerText({ ...nobody, resource: 'person', reason: 'no_email' }, 'pt-PT').line
    ).toBe('Esta pessoa não tem endereço de e-mail.')
  })

  it('joins the remark the locale’s way (Japanese without a space)', () => {
    const org = {
      resource: 'organization',
      emails: ['a@example.com'],
      persons: { shown: 3, more: true },
    } as const
    expect(noCustomerText(org, 'ja').line).toBe(
      'a@example.comに一致するIntileryの顧客はいません。この組織の最初の3人のみを確認しました。'
    )
    expect(noCustomerText(org, 'fr').line).toBe(
      'Aucun client Intilery ne correspond à a@example.com. Seules les 3 premières personnes de cette organisation ont été vérifiées.'
    )
  })

  it.each(SUPPORTED_LOCALES)('%s has its own sentence for every reason and resource', (locale) => {
    const seen = new Set<string>()
    for (const resource of PIPEDRIVE_RESOURCES) {
      for (const reason of NO_CUSTOMER_REASONS) {
        const words = noCustomerText(
          { resource, reason, emails: ['a@example.com'], persons: { shown: 3, more: true } },
          locale
        )
        // No raw message id, no unfilled placeholder, and a sentence that ends.
        expect(words.line).not.toMatch(/pipedrive\.|[{}#]/)
        expect(words.remark).toMatch(/3/)
        expect(words.line).toContain(words.reason)
        if (locale !== 'en')
          expect(words.reason).not.toBe(
            noCustomerText({ resource, reason, emails: [] }, 'en').reason
          )
        seen.add(words.reason)
      }
    }
    // not_found and no_email differ per resource (6); no_person adds deal and organization (a
    // person without a person is not_found's sentence); no_profile names the emails (1).
    expect(seen.size).toBe(9)
  })
})
