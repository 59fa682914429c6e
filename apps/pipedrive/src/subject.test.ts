import { noCustomerReason } from '@intilery-connect/core'
import { RelayCallError } from '@intilery-connect/ui'
import { describe, expect, it } from 'vitest'

import { parseSubject } from './subject.ts'

describe('the relay’s subject answer', () => {
  it('reads a person whose email matched an Intilery customer', () => {
    const subject = parseSubject({
      resource: 'person',
      id: 1,
      emails: ['joe.bloggs@intilery.com'],
      lookup: { type: 'email', value: 'joe.bloggs@intilery.com' },
    })
    expect(subject.lookup).toEqual({ type: 'email', value: 'joe.bloggs@intilery.com' })
  })

  it('reads an organization with the people it looked at', () => {
    const subject = parseSubject({
      resource: 'organization',
      id: 2,
      emails: ['a@example.com', 'b@example.com'],
      reason: 'no_profile',
      persons: { shown: 3, more: true },
    })
    expect(subject).toMatchObject({ reason: 'no_profile', persons: { shown: 3, more: true } })
    expect(subject.lookup).toBeUndefined()
  })

  it('drops properties it does not know', () => {
    const subject = parseSubject({ resource: 'deal', id: 2, emails: [], extra: '<b>' })
    expect(subject).not.toHaveProperty('extra')
  })

  it.each([
    ['an unknown resource', { resource: 'lead', id: 1, emails: [] }],
    ['an id as text', { resource: 'person', id: '1', emails: [] }],
    ['no emails list', { resource: 'person', id: 1 }],
    [
      'a lookup by another identity',
      { resource: 'person', id: 1, emails: [], lookup: { type: 'userId', value: 'u' } },
    ],
    ['an unknown reason', { resource: 'person', id: 1, emails: [], reason: 'gone' }],
    ['a body that is not an object', 'person 1'],
  ])('refuses %s as a malformed answer', (_name, body) => {
    expect(() => parseSubject(body)).toThrow(RelayCallError)
    expect(() => parseSubject(body)).toThrow(expect.objectContaining({ failure: 'malformed' }))
  })

  it('says why nobody is shown, from the reason or else from the emails', () => {
    const read = (extra: object) =>
      noCustomerReason(parseSubject({ resource: 'person', id: 1, emails: [], ...extra }))
    expect(read({ reason: 'no_person' })).toBe('no_person')
    expect(read({})).toBe('no_email')
    expect(read({ emails: ['x@example.com'] })).toBe('no_profile')
  })
})
