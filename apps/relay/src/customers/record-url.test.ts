import { describe, expect, it } from 'vitest'

import { defaultRecordUrl, recordUrlFor } from './record-url.ts'

describe('defaultRecordUrl', () => {
  it('is the documented customers address on the tenant’s own Intilery host, with /{id}', () => {
    expect(defaultRecordUrl({ clientId: 'Acme', accountId: 'acme-01' })).toBe(
      'https://acme.acme-01.intilery.com/customers/{id}'
    )
  })

  it.each([
    ['a dot', { clientId: 'evil.com', accountId: 'a' }],
    ['a slash', { clientId: 'a', accountId: 'b/c' }],
    ['a space', { clientId: 'a b', accountId: 'c' }],
    ['an @', { clientId: 'a@b', accountId: 'c' }],
    ['a leading hyphen', { clientId: '-a', accountId: 'c' }],
    ['a trailing hyphen', { clientId: 'a', accountId: 'c-' }],
    ['an underscore', { clientId: 'a_b', accountId: 'c' }],
    ['more than 63 characters', { clientId: 'a'.repeat(64), accountId: 'c' }],
    ['nothing', { clientId: '', accountId: 'c' }],
  ])('is not built when an id has %s (no link rather than a link elsewhere)', (_, ids) => {
    expect(defaultRecordUrl(ids)).toBeUndefined()
  })
})

describe('recordUrlFor', () => {
  it('prefers the tenant’s own template', () => {
    expect(recordUrlFor({ clientId: 'a', accountId: 'b' }, 'https://crm.example.com/c/{id}')).toBe(
      'https://crm.example.com/c/{id}'
    )
    expect(recordUrlFor({ clientId: 'a.b', accountId: 'c' }, 'https://x.example/{id}')).toBe(
      'https://x.example/{id}'
    )
  })

  it('falls back to the default, and to none', () => {
    expect(recordUrlFor({ clientId: 'a', accountId: 'b' }, undefined)).toBe(
      'https://a.b.intilery.com/customers/{id}'
    )
    expect(recordUrlFor({ clientId: 'a.b', accountId: 'c' }, undefined)).toBeUndefined()
  })
})
