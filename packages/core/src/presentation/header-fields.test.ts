import { describe, expect, it } from 'vitest'

import { parseHeaderFieldKeys, withHeaderFields } from './header-fields.ts'
import { presentationSchema, type Presentation } from './presentation-settings.ts'

const tenant: Presentation = {
  header: [
    {
      trait: 'lifetime_value',
      label: { en: 'Lifetime value', de: 'Kundenwert' },
      format: 'money',
      currencyTrait: 'ltv_currency',
    },
    { trait: 'orders_count', label: 'Orders', format: 'number' },
    { trait: 'churn_risk', format: 'percent' },
  ],
  pinned: ['plan'],
  audienceNames: { audience_124516e8: 'Recent openers' },
}

describe('parseHeaderFieldKeys', () => {
  it('splits on commas, trims, and drops empty and repeated keys', () => {
    expect(parseHeaderFieldKeys(' orders_count, lifetime_value ,,orders_count , ')).toEqual([
      'orders_count',
      'lifetime_value',
    ])
  })

  it('is empty for an unset setting', () => {
    expect(parseHeaderFieldKeys(undefined)).toEqual([])
    expect(parseHeaderFieldKeys(null)).toEqual([])
    expect(parseHeaderFieldKeys('  ')).toEqual([])
  })

  it('keeps at most 8 keys, and none longer than a trait key can be', () => {
    const many = Array.from({ length: 12 }, (_, i) => `trait_${i}`)
    expect(parseHeaderFieldKeys(many.join(','))).toEqual(many.slice(0, 8))
    expect(parseHeaderFieldKeys(`${'x'.repeat(101)},ok`)).toEqual(['ok'])
  })
})

describe('withHeaderFields', () => {
  it('makes the keys, in their order, the header; known keys keep label, format and currency', () => {
    const merged = withHeaderFields(tenant, ['churn_risk', 'city', 'lifetime_value'])
    expect(merged.header).toEqual([
      { trait: 'churn_risk', format: 'percent' },
      { trait: 'city' },
      tenant.header?.[0],
    ])
    expect(presentationSchema.safeParse(merged).success).toBe(true)
  })

  it('keeps the tenant’s pinned traits and audience names', () => {
    const merged = withHeaderFields(tenant, ['city'])
    expect(merged.pinned).toEqual(['plan'])
    expect(merged.audienceNames).toEqual({ audience_124516e8: 'Recent openers' })
  })

  it('leaves the presentation as it is without keys', () => {
    expect(withHeaderFields(tenant, undefined)).toBe(tenant)
    expect(withHeaderFields(tenant, [])).toBe(tenant)
    expect(withHeaderFields(tenant, [' ', ''])).toBe(tenant)
  })

  it('works on an empty presentation (nothing set for the tenant)', () => {
    expect(withHeaderFields({}, ['orders_count', 'orders_count', ' ltv '])).toEqual({
      header: [{ trait: 'orders_count' }, { trait: 'ltv' }],
    })
  })
})
