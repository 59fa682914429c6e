import { createProfileRef } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { cacheKey, canonicalEventsQuery, credentialKey, normaliseRef } from './cache-key.ts'
import { CREDENTIALS } from './testing/fake-intilery.ts'

describe('canonicalEventsQuery', () => {
  it('spells equivalent queries alike', () => {
    const a = canonicalEventsQuery({ include: ['Email Opened', 'page', 'page'] })
    const b = canonicalEventsQuery({ include: ['page', 'email_opened'], sort: 'desc', limit: 100 })
    expect(a).toBe(b)
    expect(canonicalEventsQuery({})).toBe(canonicalEventsQuery({ sort: 'desc' }))
    expect(canonicalEventsQuery({ start: '2026-01-01T01:00:00+01:00' })).toBe(
      canonicalEventsQuery({ start: new Date('2026-01-01T00:00:00Z') })
    )
  })

  it('keeps different queries apart', () => {
    const base = canonicalEventsQuery({ include: ['page'] })
    expect(canonicalEventsQuery({ exclude: ['page'] })).not.toBe(base)
    expect(canonicalEventsQuery({ include: ['page'], sort: 'asc' })).not.toBe(base)
    expect(canonicalEventsQuery({ include: ['page'], limit: 10 })).not.toBe(base)
  })

  it('refuses what the endpoint would refuse', () => {
    expect(() => canonicalEventsQuery({ limit: 0 })).toThrow(/limit/)
    expect(() => canonicalEventsQuery({ start: 'yesterday' })).toThrow(/start/)
  })
})

describe('keys', () => {
  it('name the credential without its token', () => {
    const key = credentialKey(CREDENTIALS)
    expect(key).not.toContain(CREDENTIALS.authToken)
    expect(credentialKey({ ...CREDENTIALS, authToken: 'other' })).not.toBe(key)
    expect(credentialKey({ ...CREDENTIALS, brandId: 'OTHER' })).not.toBe(key)
    expect(credentialKey({ ...CREDENTIALS, baseUrl: `${CREDENTIALS.baseUrl}/` })).toBe(key)
  })

  it('normalise emails and keep ids that look like separators apart', () => {
    expect(normaliseRef({ type: 'email', value: ' Joe@X.com ' })).toEqual({
      type: 'email',
      value: 'joe@x.com',
    })
    const tricky = cacheKey('c', 'traits', createProfileRef('userId', 'a|traits|userId:b'))
    expect(tricky).toBe('c|traits|userId:a%7Ctraits%7CuserId%3Ab|')
    expect(cacheKey('c', 'traits', createProfileRef('userId', 'a'))).not.toBe(
      cacheKey('c', 'traits', createProfileRef('id', 'a'))
    )
  })
})
