// "Viewed, not bought" on every seeded customer with product views, against a straightforward
// reference computation. Here rather than in core because the seed belongs to the sandbox.
import { recentlyViewedNotPurchased, type ProfileEvent } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import { seedCustomers } from '../src/seed/index.ts'
import type { CustomerRecord } from '../src/store/types.ts'

const customers = seedCustomers({
  now: Date.UTC(2026, 10, 22, 12),
  brand: { clientId: 'client', accountId: 'account', brandId: 'brand' },
})
const eventsOf = (customer: CustomerRecord): ProfileEvent[] => customer.events.map((s) => s.event)
const seeded = () => customers
const ids = (events: readonly ProfileEvent[], n = 10) =>
  recentlyViewedNotPurchased(events, n).map((p) => p.productId)

/** The obvious computation: for each product, its latest view; keep it unless any order is later. */
function reference(events: readonly ProfileEvent[], n: number): string[] {
  const time = (e: ProfileEvent) => Date.parse(e.eventTime)
  // The seed's ids, SKUs and names are strings or numbers.
  const keyOf = (p: Record<string, unknown>) => {
    const text = (v: unknown) =>
      typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '?'
    if (p.product_id !== undefined) return `id:${text(p.product_id)}`
    return p.sku !== undefined ? `sku:${text(p.sku)}` : `name:${text(p.name)}`
  }
  const latest = new Map<string, ProfileEvent>()
  for (const e of events) {
    if (e.eventAction !== 'product_viewed') continue
    const key = keyOf(e.rawData.properties ?? {})
    const seen = latest.get(key)
    if (seen === undefined || time(e) > time(seen)) latest.set(key, e)
  }
  const orders = events.filter((e) => e.eventAction === 'order_completed')
  return [...latest]
    .filter(
      ([key, view]) =>
        !orders.some(
          (order) =>
            time(order) > time(view) &&
            ((order.rawData.properties?.products ?? []) as Record<string, unknown>[]).some(
              (p) => keyOf(p) === key
            )
        )
    )
    .sort(([, a], [, b]) => time(b) - time(a))
    .slice(0, n)
    .map(([key]) => key.slice(key.indexOf(':') + 1))
}

describe('on the sandbox’s seeded customers', () => {
  const withViews = seeded().filter((c) =>
    c.events.some((s) => s.event.eventAction === 'product_viewed')
  )

  it('has customers with product views and orders to check', () => {
    expect(withViews.length).toBeGreaterThan(50)
    expect(
      withViews.some((c) => c.events.some((s) => s.event.eventAction === 'order_completed'))
    ).toBe(true)
  })

  it.each([1, 5, 1000])('matches the reference for every customer with views (n = %i)', (n) => {
    let nonEmpty = 0
    for (const customer of withViews) {
      const events = eventsOf(customer)
      const answer = ids(events, n)
      expect(answer, customer.id).toEqual(reference(events, n))
      if (answer.length > 0) nonEmpty += 1
    }
    expect(nonEmpty).toBeGreaterThan(10)
  })

  it('returns real product details from the latest view', () => {
    const answers = withViews.flatMap((customer) =>
      recentlyViewedNotPurchased(eventsOf(customer), 1)
    )
    expect(answers.length).toBeGreaterThan(10)
    for (const product of answers) {
      expect(product.productId).toMatch(/\S/)
      expect(product.name).toMatch(/\S/)
      expect(product.price).toBeTypeOf('number')
      expect(product.currency).toMatch(/^[A-Z]{3}$/)
      expect(product.lastViewedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(product.url).toMatch(/^https:\/\/shop\.example\.com\/products\//)
      expect(product.imageUrl).toMatch(/^https:\/\/shop\.example\.com\/images\/.+\.jpg$/)
      expect(product.viewCount).toBeGreaterThanOrEqual(1)
    }
  })
})
