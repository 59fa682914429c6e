import { describe, expect, it } from 'vitest'

import { loadAllLocales } from '../format/test/fixtures.ts'
import { event, track } from '../timeline/test/events.ts'
import { toTimeline } from '../timeline/to-timeline.ts'
import { productNames, recentOrders } from './recent-orders.ts'

await loadAllLocales()

const options = { locale: 'en', timeZone: 'UTC' }

const order = (id: string, at: string, properties: Record<string, unknown>) =>
  event('Order Completed', { id, at, properties })

const shoes = { product_id: 'p-1', name: 'Trail Runner', quantity: 2, price: 40 }
const socks = { product_id: 'p-2', name: 'Wool Socks' }

describe('recentOrders', () => {
  const events = [
    order('e1', '2026-11-01T10:00:00.000Z', {
      order_id: 'ORD-1',
      total: 95.97,
      currency: 'GBP',
      products: [shoes, socks],
    }),
    track('Product Viewed', { product_id: 'p-3', name: 'Rain Jacket' }, '2026-11-02T10:00:00.000Z'),
    order('e2', '2026-11-03T10:00:00.000Z', {
      order_number: 1002,
      revenue: '12.5',
      currency: 'US$',
    }),
    order('e3', '2026-11-05T10:00:00.000Z', { total: 3000, currency: 'JPY', products: [] }),
  ]

  it('lists orders newest first with id, date, total with currency and item count', () => {
    expect(recentOrders(events, options)).toEqual([
      {
        entryId: 'e3',
        at: '2026-11-05T10:00:00.000Z',
        date: 'Nov 5, 2026',
        total: '¥3,000',
        itemCount: 0,
        items: '0 items',
      },
      {
        entryId: 'e2',
        orderId: '1002',
        at: '2026-11-03T10:00:00.000Z',
        date: 'Nov 3, 2026',
        total: '12.5 US$',
      },
      {
        entryId: 'e1',
        orderId: 'ORD-1',
        at: '2026-11-01T10:00:00.000Z',
        date: 'Nov 1, 2026',
        total: '£95.97',
        itemCount: 3,
        items: '3 items',
      },
    ])
  })

  it('reads timeline entries (bursts included) and events alike, each order once', () => {
    const entries = toTimeline(events)
    const fromEntries = recentOrders(entries, options).map((o) => o.entryId)
    expect(fromEntries).toEqual(['e3', 'e2', 'e1'])
    expect(recentOrders([...entries, ...events], options).map((o) => o.entryId)).toEqual(
      fromEntries
    )
    const [newest] = entries
    if (newest === undefined) throw new Error('no entries')
    const burst = { ...newest, id: 'burst:x', burst: { count: 2, from: '', items: entries } }
    expect(recentOrders([burst], options).map((o) => o.entryId)).toEqual(fromEntries)
  })

  it('keeps at most five by default, in the viewer language', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      order(`m${i}`, `2026-10-0${i + 1}T10:00:00.000Z`, {
        total: i,
        currency: 'EUR',
        products: [shoes],
      })
    )
    const de = recentOrders(many, { locale: 'de', timeZone: 'UTC' })
    expect(de.map((o) => o.entryId)).toEqual(['m7', 'm6', 'm5', 'm4', 'm3'])
    expect(de[0]).toMatchObject({ date: '08.10.2026', total: '7,00\u00a0€', items: '2 Artikel' })
    expect(recentOrders(many, { ...options, limit: 2 })).toHaveLength(2)
  })

  it('answers nothing without orders', () => {
    expect(recentOrders([track('Product Viewed', shoes)], options)).toEqual([])
  })
})

describe('productNames', () => {
  it('learns names from product events and order lines', () => {
    const names = productNames([
      track('Product Viewed', { product_id: 'p-3', sku: 'SKU-3', name: 'Rain Jacket' }),
      order('o', '2026-11-01T10:00:00.000Z', { products: [shoes, socks, { product_id: 'p-9' }] }),
    ])
    expect(Object.fromEntries(names)).toEqual({
      'p-3': 'Rain Jacket',
      'SKU-3': 'Rain Jacket',
      'p-1': 'Trail Runner',
      'p-2': 'Wool Socks',
    })
  })
})
