// The fast reader of canonical event times must read exactly what parseIsoInstant reads.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseIsoInstant } from '../events-query.ts'
import { instantMs } from './event-time.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

describe('instantMs', () => {
  it.each([
    ['2026-11-22T10:00:00.000Z', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T10:00:00Z', Date.UTC(2026, 10, 22, 10)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['1970-01-01T00:00:00.000Z', 0],
    ['1969-12-31T23:59:59.999Z', -1],
    ['0050-03-01T00:00:00.000Z', new Date('0050-03-01T00:00:00.000Z').getTime()],
    // Not canonical: parseIsoInstant reads these.
    ['2026-11-22T11:00:00+01:00', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22T10:00:00', Date.UTC(2026, 10, 22, 10)],
    ['2026-11-22', Date.UTC(2026, 10, 22)],
  ])('reads %s', (text, ms) => {
    expect(instantMs(text)).toBe(ms)
  })

  it.each([
    '2023-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-00-01T00:00:00.000Z',
    '2026-11-22T24:00:00.000Z',
    '2026-11-22T10:60:00.000Z',
    '2026-11-22T10:00:60.000Z',
    '2026-11-22T10:00:00.0a0Z',
    '2026-11-22X10:00:00.000Z',
    '+02026-11-22T10:00:00.000Z',
    'yesterday',
    '',
  ])('rejects %s', (text) => {
    expect(instantMs(text)).toBeUndefined()
  })

  it('agrees with parseIsoInstant on canonical text, valid or not', () => {
    const canonical = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined })
      )
      .map(([y, mo, d, h, mi, s, ms]) => {
        const time = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`
        return ms === undefined ? `${time}Z` : `${time}.${pad(ms, 3)}Z`
      })
    const anyDate = fc
      .date({
        min: new Date('0000-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString())
    fc.assert(
      fc.property(fc.oneof(canonical, anyDate, fc.string({ maxLength: 26 })), (text) => {
        expect(instantMs(text)).toBe(parseIsoInstant(text))
      }),
      { numRuns: 3000 }
    )
  })
})
