import { describe, expect, it } from 'vitest'

import { noCustomerReason, subjectSchema } from './pipedrive-subject.ts'

describe('the subject answer', () => {
  it('reads an organization with the people looked at and the email that matched', () => {
    const answer = {
      resource: 'organization',
      id: 2,
      emails: ['a@example.com', 'b@example.com'],
      lookup: { type: 'email', value: 'b@example.com' },
      persons: { shown: 3, more: true },
    }
    expect(subjectSchema.parse({ ...answer, extra: '<b>' })).toEqual(answer)
  })

  it.each([
    ['an unknown resource', { resource: 'lead', id: 1, emails: [] }],
    ['an unknown reason', { resource: 'person', id: 1, emails: [], reason: 'gone' }],
    [
      'a lookup by another identity',
      { resource: 'person', id: 1, emails: [], lookup: { type: 'userId', value: 'u' } },
    ],
  ])('refuses %s', (_, bad) => {
    expect(subjectSchema.safeParse(bad).success).toBe(false)
  })
})

describe('noCustomerReason', () => {
  it.each([
    [{ emails: [], reason: 'not_found' }, 'not_found'],
    [{ emails: ['x@example.com'], reason: 'no_person' }, 'no_person'],
    [{ emails: [] }, 'no_email'],
    [{ emails: ['x@example.com'] }, 'no_profile'],
  ] as const)('%j -> %s', (subject, reason) => {
    expect(noCustomerReason(subject)).toBe(reason)
  })
})
