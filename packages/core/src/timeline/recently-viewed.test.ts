// "Viewed, not bought": unit cases. The check against every seeded customer lives in the sandbox
// package (packages/sandbox/test/recently-viewed-on-seed.test.ts), which owns that data.
import { describe, expect, it } from 'vitest'

import type { ProfileEvent } from '../schemas/event.ts'
import { recentlyViewedNotPurchased } from './recently-viewed.ts'
import { track } from './test/events.ts'

const viewed = (product: Record<string, unknown>, at: number) =>
  track('Product Viewed', product, at)
const ordered = (products: Record<string, unknown>[], at: number) =>
  track('Order Completed', { total: 1, currency: 'GBP', products }, at)
const ids = (events: readonly ProfileEvent[], n = 10) =>
  recentlyViewedNotPurchased(events, n).map((p) => p.productId)

const CANDLE = {
  product_id: 'p1',
  sku: 'HOM-1',
  name: 'Candle',
  category: 'Home',
  price: 9.5,
  currency: 'gbp',
  url: 'https://shop.example.com/candle',
}
const VASE = { product_id: 'p2', name: 'Vase' }

describe('recentlyViewedNotPurchased', () => {
  it('answers the latest view of each product not bought since, newest first', () => {
    const events = [viewed(CANDLE, 0), viewed(VASE, 5), viewed({ ...CANDLE, price: 8 }, 10)]
    expect(recentlyViewedNotPurchased(events, 5)).toEqual([
      {
        productId: 'p1',
        name: 'Candle',
        category: 'Home',
        price: 8,
        currency: 'GBP',
        url: 'https://shop.example.com/candle',
        lastViewedAt: events[2]?.eventTime,
        viewCount: 2,
      },
      { productId: 'p2', name: 'Vase', lastViewedAt: events[1]?.eventTime, viewCount: 1 },
    ])
  })

  it('counts every view of an answered product, before and after an order of it', () => {
    const events = [
      viewed(CANDLE, 0),
      ordered([{ product_id: 'p1' }], 1),
      viewed(CANDLE, 2),
      viewed(CANDLE, 3),
      viewed(VASE, 4),
    ]
    expect(recentlyViewedNotPurchased(events, 1).map((p) => [p.productId, p.viewCount])).toEqual([
      ['p2', 1],
    ])
    expect(recentlyViewedNotPurchased(events, 5).map((p) => [p.productId, p.viewCount])).toEqual([
      ['p2', 1],
      ['p1', 3],
    ])
  })

  it('passes on page and image URLs only when they are http(s) without credentials', () => {
    const [safe] = recentlyViewedNotPurchased(
      [viewed({ ...CANDLE, image_url: 'https://cdn.example.com/c.jpg' }, 0)],
      1
    )
    expect(safe).toMatchObject({
      url: 'https://shop.example.com/candle',
      imageUrl: 'https://cdn.example.com/c.jpg',
    })
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://u:p@evil.example/', 7]) {
      const [product] = recentlyViewedNotPurchased(
        [viewed({ ...CANDLE, url: bad, image: bad }, 0)],
        1
      )
      expect(product).not.toHaveProperty('url')
      expect(product).not.toHaveProperty('imageUrl')
    }
  })

  it('leaves out a product bought after its latest view, keeps one viewed again after buying', () => {
    expect(ids([viewed(CANDLE, 0), viewed(VASE, 1), ordered([{ product_id: 'p1' }], 2)])).toEqual([
      'p2',
    ])
    expect(ids([viewed(CANDLE, 0), ordered([{ product_id: 'p1' }], 2), viewed(CANDLE, 3)])).toEqual(
      ['p1']
    )
    // An order before the view, or at the same instant, is not "afterwards".
    expect(ids([ordered([{ product_id: 'p1' }], 0), viewed(CANDLE, 1)])).toEqual(['p1'])
    expect(ids([viewed(CANDLE, 1), ordered([{ product_id: 'p1' }], 1)])).toEqual(['p1'])
    expect(ids([ordered([{ product_id: 'p1' }], 1), viewed(CANDLE, 1)])).toEqual(['p1'])
  })

  it('identifies products by product_id, else sku, else name, never across those', () => {
    const bySku = { sku: 'S-1', name: 'Mug' }
    const byName = { name: 'Plate' }
    const events = [
      viewed(bySku, 0),
      viewed(byName, 1),
      viewed({ product_id: 42, name: 'Bowl' }, 2),
    ]
    expect(ids(events)).toEqual(['42', 'Plate', 'S-1'])
    expect(
      ids([...events, ordered([{ sku: 'S-1' }, { name: 'Plate' }, { product_id: 42 }], 3)])
    ).toEqual([])
    // A SKU equal to another product's id is not that product.
    expect(ids([viewed({ product_id: 'X' }, 0), ordered([{ sku: 'X' }], 1)])).toEqual(['X'])
  })

  it('answers at most n, and nothing for n < 1', () => {
    const events = [0, 1, 2, 3].map((m) => viewed({ product_id: `p${m}` }, m))
    expect(ids(events, 2)).toEqual(['p3', 'p2'])
    expect(ids(events, 0)).toEqual([])
    expect(ids(events, Number.NaN)).toEqual([])
  })

  it('is indifferent to input order and skips odd shapes', () => {
    const events = [viewed(CANDLE, 0), viewed(VASE, 5), ordered([{ product_id: 'p2' }], 6)]
    expect(ids([...events].reverse())).toEqual(ids(events))
    const odd = [
      viewed({}, 1),
      { ...viewed(CANDLE, 2), eventTime: 'never' },
      track('Order Completed', { products: 'all of them' }, 3),
      track('Order Completed', { products: [null, 7] }, 4),
    ]
    expect(ids([...events, ...odd])).toEqual(['p1'])
  })
})
