import { describe, expect, it } from 'vitest'

import { createTranslator } from '../i18n/locale.ts'
import { loadAllLocales } from '../format/test/fixtures.ts'
import {
  currencyPartnerKeys,
  formatFieldValue,
  guessFieldSpec,
  type FieldValueOptions,
} from './field-format.ts'

await loadAllLocales()

const en: FieldValueOptions = { tr: createTranslator('en', { timeZone: 'UTC' }), maxLength: 300 }
const text = (key: string, value: unknown, traits: Record<string, unknown> = { [key]: value }) =>
  formatFieldValue(key, value, guessFieldSpec(key, value, traits), en)

describe('guessFieldSpec (the defaults)', () => {
  it.each([
    ['last_order_date', '2026-11-21T20:15:00.000Z', {}, { format: 'date' }],
    ['birthday', '1990-04-01', {}, { format: 'date' }],
    ['lifetime_value_gbp', 10, {}, { format: 'money', currency: 'GBP' }],
    ['total_spend', 10, { total_spend_currency: 'eur' }, { format: 'money', currency: 'EUR' }],
    ['basketValue', 10, { basketValueCurrency: 'USD' }, { format: 'money', currency: 'USD' }],
    [
      'average_order_value',
      10,
      { total_spend_currency: 'EUR' },
      { format: 'money', currency: 'EUR' },
    ],
    ['orders_count', 7, { total_spend_currency: 'EUR' }, { format: 'number' }],
    ['open_rate', 0.25, {}, { format: 'percent' }],
    ['recently_viewed_not_purchased', ['p-1'], {}, { format: 'product-ids' }],
    ['tags', ['a', 'b'], {}, { format: 'list' }],
    ['churn_risk', 'low', {}, { format: 'text' }],
    ['code', '2026', {}, { format: 'text' }],
  ])('guesses %s = %j as %j', (key, value, traits, spec) => {
    expect(guessFieldSpec(key, value, { ...traits, [key]: value })).toEqual(spec)
  })

  it('takes no currency when the traits name two different ones', () => {
    const traits = { a_currency: 'EUR', b_currency: 'USD', average_order_value: 5 }
    expect(guessFieldSpec('average_order_value', 5, traits)).toEqual({ format: 'number' })
  })
})

describe('formatFieldValue', () => {
  it('writes each format the locale way', () => {
    expect(text('last_order_date', '2026-11-21T23:15:00.000Z')).toBe('Nov 21, 2026')
    // A calendar day is never shifted into the previous one by a zone west of UTC.
    const ny: FieldValueOptions = {
      ...en,
      tr: createTranslator('en', { timeZone: 'America/New_York' }),
    }
    expect(formatFieldValue('birthday', '1990-04-01', { format: 'date' }, ny)).toBe('Apr 1, 1990')
    expect(text('lifetime_value_gbp', 1063.2)).toBe('£1,063.20')
    expect(text('open_rate', 0.255)).toBe('25.5%')
    expect(formatFieldValue('score', 42, { format: 'percent' }, en)).toBe('42%')
    expect(formatFieldValue('n', '1234.5', { format: 'number' }, en)).toBe('1,234.5')
    expect(formatFieldValue('x', 5, { format: 'money' }, en)).toBe('5')
    expect(formatFieldValue('x', 5, { format: 'money', currency: 'ABCD' }, en)).toBe('5 ABCD')
    expect(formatFieldValue('seen', 1_700_000_000, { format: 'date' }, en)).toBe('Nov 14, 2023')
    expect(text('newsletter', true)).toBe('Yes')
  })

  it('shows a value that does not fit its format as text rather than losing it', () => {
    expect(formatFieldValue('ltv', 'n/a', { format: 'money', currency: 'GBP' }, en)).toBe('n/a')
    expect(formatFieldValue('when', 'soon', { format: 'date' }, en)).toBe('soon')
    expect(formatFieldValue('nothing', null, { format: 'number' }, en)).toBeUndefined()
    expect(formatFieldValue('blank', '  ', { format: 'text' }, en)).toBeUndefined()
  })

  it('names products when the events know them, else shows the ids', () => {
    const names = new Map([['p-1', 'Trail Runner']])
    const spec = { format: 'product-ids' } as const
    expect(formatFieldValue('ids', ['p-1', 'p-2', 3], spec, { ...en, productNames: names })).toBe(
      'Trail Runner, p-2, and 3'
    )
    expect(formatFieldValue('ids', 'p-1', spec, { ...en, productNames: names })).toBe(
      'Trail Runner'
    )
  })

  it('translates the churn risk Intilery computes, in every language', () => {
    const de: FieldValueOptions = { ...en, tr: createTranslator('de') }
    expect(formatFieldValue('churn_risk', 'HIGH', { format: 'text' }, de)).toBe('Hoch')
    expect(text('churn_risk', 'unknown')).toBe('unknown')
  })

  it('reads nested objects with humanised keys, not JSON', () => {
    expect(text('address', { post_code: 'N1', geo: { lat: 1, deep: { x: 1 } } })).toBe(
      'Post code: N1; Geo: Lat: 1; Deep: …'
    )
    expect(text('lines', [{ product_id: 'p' }])).toBe('Product ID: p')
  })

  it('shortens long lists and long text', () => {
    const list =
      text(
        'tags',
        Array.from({ length: 60 }, (_, i) => `t${i}`)
      ) ?? ''
    expect(list).toMatch(/t49, and 10 more$/)
    const short: FieldValueOptions = { ...en, maxLength: 5 }
    expect(formatFieldValue('t', 'abcdefgh', { format: 'text' }, short)).toBe('abcd…')
  })
})

describe('currencyPartnerKeys', () => {
  it('names currency traits that belong to an amount, and only those', () => {
    const traits = {
      total_spend: 1,
      total_spend_currency: 'EUR',
      fooCurrency: 'GBP',
      foo: 2,
      lone_currency: 'USD',
    }
    expect([...currencyPartnerKeys(traits)].sort()).toEqual(['fooCurrency', 'total_spend_currency'])
  })
})
