// The documented rule for events nobody wrote a describer for (custom-details.ts), clause by clause.
import { describe, expect, it } from 'vitest'

import type { DetailRow } from '../i18n/message.ts'
import { MAX_TEXT } from './read-event.ts'
import { HOSTILE, track } from './test/events.ts'
import { toTimeline } from './to-timeline.ts'

function rows(properties: Record<string, unknown>, maxDetails?: number): DetailRow[] {
  const [entry] = toTimeline(
    [track('Something Happened', properties)],
    maxDetails === undefined ? {} : { maxDetails }
  )
  return entry?.detail ?? []
}
const labels = (detail: readonly DetailRow[]) =>
  detail.map((row) => ('text' in row.label ? row.label.text : row.label.id))

describe('custom event details', () => {
  it('skips identifier keys and UUID or hex-token values', () => {
    const detail = rows({
      id: 'x1',
      order_id: 'HP-1',
      'visitor-id': 'v',
      userId: 'u',
      sessionUUID: 's',
      uuid: 'q',
      token: '550e8400-e29b-41d4-a716-446655440000',
      cart: '178d92f7fd607410',
      paid: true,
      valid: 'yes',
    })
    expect(labels(detail)).toEqual(['paid', 'valid'])
  })

  it('skips objects, arrays, null, blank strings and non-finite numbers', () => {
    const detail = rows({
      nested: { a: 1 },
      list: [1, 2],
      nothing: null,
      blank: '   ',
      empty: '',
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      kept: 0,
    })
    expect(detail).toEqual([{ label: { text: 'kept' }, value: 0 }])
  })

  it('puts ranked keys first in rank order, then *name/*title keys, then the rest in key order', () => {
    const detail = rows(
      {
        colour: 'red',
        type: 'annual',
        team_name: 'Blue',
        status: 'active',
        name: 'Pro plan',
        reportTitle: 'Q3',
      },
      10
    )
    expect(labels(detail)).toEqual(['name', 'status', 'type', 'team_name', 'reportTitle', 'colour'])
  })

  it('matches ranked keys case-insensitively', () => {
    expect(labels(rows({ zeta: 1, Status: 'ok', NAME: 'n' }))).toEqual(['NAME', 'Status', 'zeta'])
  })

  it('leaves out long strings from unranked keys but truncates ranked ones', () => {
    const long = 'x'.repeat(500)
    const detail = rows({ note: long, title: long, short: 'ok' })
    expect(labels(detail)).toEqual(['title', 'short'])
    const title = detail[0]?.value as string
    expect(title).toHaveLength(MAX_TEXT)
    expect(title.endsWith('…')).toBe(true)
  })

  it('shows money keys as money when a three-letter currency is present, and hides the currency', () => {
    expect(rows({ price: 9.5, currency: 'eur', colour: 'red' })).toEqual([
      { label: { text: 'price' }, value: { type: 'money', amount: 9.5, currency: 'EUR' } },
      { label: { text: 'colour' }, value: 'red' },
    ])
  })

  it('keeps plain numbers and the currency text when the currency is unusable', () => {
    expect(rows({ price: 9.5, currency: '€' })).toEqual([
      { label: { text: 'price' }, value: 9.5 },
      { label: { text: 'currency' }, value: '€' },
    ])
  })

  it('turns date-times into date values and leaves dates and odd text alone', () => {
    expect(
      rows({ a: '2026-11-18T15:40:40Z', b: '2026-11-18', c: '2026-02-31T10:00:00Z', d: 'Tuesday' })
    ).toEqual([
      { label: { text: 'a' }, value: { type: 'date', at: '2026-11-18T15:40:40.000Z' } },
      { label: { text: 'b' }, value: '2026-11-18' },
      { label: { text: 'c' }, value: '2026-02-31T10:00:00Z' },
      { label: { text: 'd' }, value: 'Tuesday' },
    ])
  })

  it('shows at most maxDetails rows (default 4)', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]))
    expect(rows(many)).toHaveLength(4)
    expect(rows(many, 2)).toHaveLength(2)
    expect(rows(many, 0)).toEqual([])
    expect(labels(rows(many, 3))).toEqual(['k0', 'k1', 'k2'])
  })

  it('keeps hostile keys and values verbatim, as data', () => {
    const detail = rows(
      {
        [HOSTILE.img]: HOSTILE.script,
        template: HOSTILE.template,
        href: HOSTILE.jsUrl,
        icu: HOSTILE.icu,
      },
      10
    )
    expect(detail).toEqual([
      { label: { text: HOSTILE.img }, value: HOSTILE.script },
      { label: { text: 'template' }, value: HOSTILE.template },
      { label: { text: 'href' }, value: HOSTILE.jsUrl },
      { label: { text: 'icu' }, value: HOSTILE.icu },
    ])
  })

  it('reads own `__proto__` and `constructor` keys as data, never Object.prototype', () => {
    const properties = JSON.parse(
      '{"__proto__": "own value", "constructor": "not a function", "toString": 1}'
    ) as Record<string, unknown>
    expect(rows(properties)).toEqual([
      { label: { text: '__proto__' }, value: 'own value' },
      { label: { text: 'constructor' }, value: 'not a function' },
      { label: { text: 'toString' }, value: 1 },
    ])
    expect(rows({})).toEqual([])
  })

  it('truncates very long property names used as labels', () => {
    const [row] = rows({ ['k'.repeat(300)]: 1 })
    expect(row?.label).toEqual({ text: `${'k'.repeat(79)}…` })
  })
})
