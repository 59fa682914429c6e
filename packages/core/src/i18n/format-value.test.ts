import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseIsoInstant } from '../events-query.ts'
import { formatValue, instantOf, truncate } from './format-value.ts'

describe('truncate', () => {
  it('keeps text within the limit and cuts longer text with …', () => {
    expect(truncate('abc', 3)).toBe('abc')
    expect(truncate('abcd', 3)).toBe('ab…')
    expect(truncate('abcd', undefined)).toBe('abcd')
  })

  it('counts code points, never leaving half a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (text, max) => {
          const cut = truncate(text, max)
          if (Array.from(text).length <= max) {
            expect(cut).toBe(text)
            return
          }
          expect(Array.from(cut)).toHaveLength(max)
          expect(cut.endsWith('…')).toBe(true)
          expect(text.startsWith(cut.slice(0, -1))).toBe(true)
          expect(cut).not.toMatch(
            /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
          )
        }
      )
    )
  })
})

describe('instantOf', () => {
  it('reads time exactly as the events endpoint does (parseIsoInstant), fast path included', () => {
    const iso = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 60 }),
        s: fc.integer({ min: 0, max: 60 }),
        ms: fc.option(fc.integer({ min: 0, max: 999 })),
        zone: fc.constantFrom('Z', '', '+02:00', '-0530'),
      })
      .map(({ y, mo, d, h, mi, s, ms, zone }) => {
        const p = (n: number, w = 2) => String(n).padStart(w, '0')
        const fraction = ms === null ? '' : `.${p(ms, 3)}`
        return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${fraction}${zone}`
      })
    fc.assert(
      fc.property(iso, (text) => {
        expect(instantOf(text)).toBe(parseIsoInstant(text))
      }),
      { numRuns: 2000 }
    )
  })
})

describe('formatValue', () => {
  it('renders odd shapes as empty text instead of throwing', () => {
    const context = { locale: 'en' }
    for (const value of [
      undefined,
      null,
      Symbol('x'),
      () => 1,
      {},
      { type: 'money' },
      { type: 'date' },
      [],
    ]) {
      expect(formatValue(value, context)).toBe('')
    }
  })
})
